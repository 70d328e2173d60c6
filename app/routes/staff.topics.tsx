import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { ErrorList, FormErrors, SelectField, TextareaField, TextField } from '../ui/forms'
import { getDb } from '../platform/db.server'
import { getEnv } from '../platform/env.server'
import { localeFromRequest } from '../platform/i18n'
import {
  listTopics,
  openTopic,
  proposeClusters,
  TopicDutyError,
  topicDutyChoices,
} from '../accountability/topic.server'
import { requireStaff } from '../staff/auth.server'
import { readForm, requireSameOrigin } from '../platform/http.server'
import { metaT, pageMeta, useT } from '../ui/i18n'
import { id, message, text } from '../platform/validation'

const TopicSchema = z.object({
  title: text(4, 80),
  description: text(10, 2000),
  leadUnitId: id,
  dutyIds: z.array(id).min(1).max(100),
})

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, metaT(matches)('accountability.topics.staffTitle'))

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, 'coordinator')
  const locale = localeFromRequest(request)
  const db = await getDb()
  const url = new URL(request.url)
  const preselected = (url.searchParams.get('duties') ?? '')
    .split(',')
    .map(Number)
    .filter((n) => Number.isSafeInteger(n) && n > 0)
    .slice(0, 100)
  const lead = Number(url.searchParams.get('lead'))
  const [clusters, duties, units, topics] = await Promise.all([
    proposeClusters(db, locale),
    topicDutyChoices(db),
    db.selectFrom('units').select(['id', 'name', 'name_en']).orderBy('sort_order').execute(),
    listTopics(db),
  ])
  const en = locale === 'en'
  return {
    clusters,
    preselected,
    lead: Number.isSafeInteger(lead) && lead > 0 ? lead : null,
    duties: duties.map((d) => ({
      id: d.id,
      title: d.title,
      unit: en ? d.unit_name_en : d.unit_name,
    })),
    units: units.map((u) => ({ value: u.id, label: en ? u.name_en : u.name })),
    topics: topics.map((t) => ({ slug: t.slug, title: t.title })),
  }
}

export async function action({ request }: ActionFunctionArgs) {
  requireSameOrigin(request, getEnv().PUBLIC_URL)
  const staff = await requireStaff(request, 'coordinator')
  const submission = parseWithZod(await readForm(request), { schema: TopicSchema })
  if (submission.status !== 'success')
    return data({ result: submission.reply(), slug: null }, { status: 400 })
  try {
    const slug = await openTopic(await getDb(), submission.value, `staff:${staff.id}`)
    return { result: submission.reply({ resetForm: true }), slug }
  } catch (error) {
    if (!(error instanceof TopicDutyError)) throw error
    return data(
      {
        result: submission.reply({ fieldErrors: { dutyIds: [message('validation.choose')] } }),
        slug: null,
      },
      { status: 409 },
    )
  }
}

/** The unit most of a cluster's duties belong to: proposed as the lead unit. */
function mostCommon(ids: Array<number | null>): number | null {
  const counts = new Map<number, number>()
  for (const id of ids) if (id !== null) counts.set(id, (counts.get(id) ?? 0) + 1)
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null
}

export default function StaffTopics() {
  const { clusters, preselected, lead, duties, units, topics } = useLoaderData<typeof loader>()
  // The action answers with data(…, { status }) on errors; at run time the hook gets the data itself.
  const answer = useActionData<typeof action>() as
    { result: SubmissionResult<string[]>; slug: string | null } | undefined
  const t = useT()
  const [form, fields] = useForm({
    lastResult: answer?.result,
    defaultValue: { leadUnitId: lead ? String(lead) : '' },
    constraint: getZodConstraint(TopicSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TopicSchema }),
  })
  const typed = [fields.dutyIds.initialValue].flat().filter(Boolean) as string[]
  const checked = new Set(typed.length ? typed : preselected.map(String))
  return (
    <section>
      <h1>{t('accountability.topics.staffTitle')}</h1>
      <p className="muted">{t('accountability.topics.staffLead')}</p>
      {answer?.slug ? (
        <p className="notice" role="status">
          {t('accountability.topics.created')}{' '}
          <Link to={`/topics/${answer.slug}`}>{t('accountability.topics.title')}</Link>
        </p>
      ) : null}

      <h2>{t('accountability.topics.proposals')}</h2>
      {clusters.length === 0 ? <p>{t('accountability.topics.noProposals')}</p> : null}
      <ul className="card-list">
        {clusters.map((c, i) => {
          const dutyIds = c.reports.map((r) => r.dutyId).filter((d): d is number => d !== null)
          const leadUnit = mostCommon(c.reports.map((r) => r.unitId))
          return (
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
                    {r.title} <span className="muted">{r.trackingCode}</span>{' '}
                    {r.dutyId === null ? (
                      <span className="badge">{t('accountability.topics.noDutyYet')}</span>
                    ) : null}
                  </li>
                ))}
              </ul>
              {dutyIds.length ? (
                <Link
                  to={`?duties=${dutyIds.join(',')}${leadUnit ? `&lead=${leadUnit}` : ''}#open-topic`}
                >
                  {t('accountability.topics.open')}
                </Link>
              ) : null}
            </li>
          )
        })}
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
