import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { TopicSchema } from '../accountability/topic-schema'
import { openTopic, topicDesk } from '../accountability/topic.server'
import { getDb } from '../platform/db.server'
import { formAction } from '../platform/http.server'
import { localeFromRequest } from '../platform/i18n'
import { requireStaff } from '../staff/auth.server'
import {
  ErrorList,
  FormErrors,
  SelectField,
  TextareaField,
  TextField,
  validationTiming,
} from '../ui/forms'
import { metaT, pageMeta, useT } from '../ui/i18n'

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, metaT(matches)('accountability.topics.staffTitle'))

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, 'coordinator')
  const url = new URL(request.url)
  // A proposal's link preselects its duties and lead unit.
  const preselected = (url.searchParams.get('duties') ?? '')
    .split(',')
    .map(Number)
    .filter((n) => Number.isSafeInteger(n) && n > 0)
    .slice(0, 100)
  const lead = Number(url.searchParams.get('lead'))
  const desk = await topicDesk(await getDb(), localeFromRequest(request))
  return { ...desk, preselected, lead: Number.isSafeInteger(lead) && lead > 0 ? lead : null }
}

export const action = /* @__PURE__ */ formAction(async ({ request, form }) => {
  const staff = await requireStaff(request, 'coordinator')
  const submission = parseWithZod(form, { schema: TopicSchema })
  if (submission.status !== 'success')
    return data({ result: submission.reply(), slug: null }, { status: 400 })
  const slug = await openTopic(await getDb(), submission.value, `staff:${staff.id}`)
  return { result: submission.reply({ resetForm: true }), slug }
})

export default function StaffTopics() {
  const { clusters, preselected, lead, duties, units, topics } = useLoaderData<typeof loader>()
  const answer = useActionData<typeof action>()
  const t = useT()
  const [form, fields] = useForm({
    lastResult: answer?.result,
    defaultValue: { leadUnitId: lead ? String(lead) : '' },
    constraint: getZodConstraint(TopicSchema),
    ...validationTiming,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TopicSchema }),
  })
  const typed = [fields.dutyIds.initialValue].flat().flatMap((v) => (v ? [v] : []))
  const checked = new Set(typed.length ? typed : preselected.map(String))
  const opened = answer && 'slug' in answer ? answer.slug : null
  return (
    <section>
      <h1>{t('accountability.topics.staffTitle')}</h1>
      <p className="muted">{t('accountability.topics.staffLead')}</p>
      {opened ? (
        <p className="notice" role="status">
          {t('accountability.topics.created')}{' '}
          <Link to={`/topics/${opened}`}>{t('accountability.topics.title')}</Link>
        </p>
      ) : null}

      <h2>{t('accountability.topics.proposals')}</h2>
      {clusters.length === 0 ? <p>{t('accountability.topics.noProposals')}</p> : null}
      <ul className="card-list">
        {clusters.map((c, i) => (
          <li key={i} className="card">
            <h3>
              {t('accountability.topics.cluster', {
                category: c.categoryName,
                area: c.areaName,
                count: c.reports.length,
              })}
            </h3>
            <ul>
              {c.reports.map((r) => (
                <li key={r.id}>
                  {r.title} <span className="muted">{r.number}</span>{' '}
                  {r.dutyId === null ? (
                    <span className="badge">{t('accountability.topics.noDutyYet')}</span>
                  ) : null}
                </li>
              ))}
            </ul>
            {c.dutyIds.length ? (
              <Link
                to={`?duties=${c.dutyIds.join(',')}${c.leadUnitId ? `&lead=${c.leadUnitId}` : ''}#open-topic`}
              >
                {t('accountability.topics.open')}
              </Link>
            ) : null}
          </li>
        ))}
      </ul>

      <h2 id="open-topic">{t('accountability.topics.open')}</h2>
      <Form method="post" className="form" {...getFormProps(form)}>
        <FormErrors form={form} />
        <TextField field={fields.title} label={t('accountability.topics.fieldTitle')} />
        <TextareaField
          field={fields.description}
          label={t('accountability.topics.fieldDescription')}
        />
        <SelectField
          field={fields.leadUnitId}
          label={t('accountability.topics.fieldLeadUnit')}
          placeholder=""
          options={units}
        />
        <fieldset
          className="field"
          aria-describedby={fields.dutyIds.errors?.length ? fields.dutyIds.errorId : undefined}
        >
          <legend>{t('accountability.topics.fieldDuties')}</legend>
          {duties.map((d) => (
            <label key={d.id} className="choice">
              <input
                type="checkbox"
                name={fields.dutyIds.name}
                value={d.id}
                defaultChecked={checked.has(String(d.id))}
              />
              <span>
                {d.title} <span className="muted">{d.unit}</span>
              </span>
            </label>
          ))}
          <ErrorList id={fields.dutyIds.errorId} errors={fields.dutyIds.errors} />
        </fieldset>
        <div>
          <button type="submit" className="button">
            {t('accountability.topics.submit')}
          </button>
        </div>
      </Form>

      <h2>{t('accountability.topics.existing')}</h2>
      <ul>
        {topics.map((topic) => (
          <li key={topic.slug}>
            <Link to={`/topics/${topic.slug}`}>{topic.title}</Link>
          </li>
        ))}
      </ul>
    </section>
  )
}
