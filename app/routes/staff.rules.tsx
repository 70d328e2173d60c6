import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { RULE_ACTIONS, RuleChangeSchema } from '../accountability/rule-change-schema'
import { recordRuleChange, unitRuleDesk } from '../accountability/rule-change.server'
import { getDb } from '../platform/db.server'
import { formAction } from '../platform/http.server'
import { requireUnitStaff } from '../staff/auth.server'
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
  pageMeta(matches, metaT(matches)('accountability.rules.staffTitle'))

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireUnitStaff(request)
  const desk = await unitRuleDesk(await getDb(), staff.unitId)
  return { unitName: staff.unitName, unitSlug: staff.unitSlug, ...desk }
}

export const action = /* @__PURE__ */ formAction(async ({ request, form }) => {
  const staff = await requireUnitStaff(request)
  const submission = parseWithZod(form, { schema: RuleChangeSchema })
  if (submission.status !== 'success')
    return data({ result: submission.reply(), id: null }, { status: 400 })
  const id = await recordRuleChange(
    await getDb(),
    staff.unitId,
    submission.value,
    `staff:${staff.id}`,
  )
  return { result: submission.reply({ resetForm: true }), id }
})

export default function StaffRules() {
  const { unitName, unitSlug, duties, rules } = useLoaderData<typeof loader>()
  const answer = useActionData<typeof action>()
  const t = useT()
  const [form, fields] = useForm({
    lastResult: answer?.result,
    constraint: getZodConstraint(RuleChangeSchema),
    ...validationTiming,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RuleChangeSchema }),
  })
  const checked = new Set([fields.dutyIds.initialValue].flat().flatMap((v) => (v ? [v] : [])))
  return (
    <section>
      <h1>{t('accountability.rules.staffTitle')}</h1>
      <p className="muted">{t('accountability.rules.staffLead')}</p>
      {answer && 'id' in answer && answer.id ? (
        <p className="notice" role="status">
          {t('accountability.rules.created')}{' '}
          <Link to={`/rules?unit=${unitSlug}`}>{t('accountability.rules.title')}</Link>
        </p>
      ) : null}
      {duties.length === 0 ? (
        <p>{t('accountability.rules.noDuties')}</p>
      ) : (
        <Form method="post" className="form" {...getFormProps(form)}>
          <FormErrors form={form} />
          <TextField field={fields.title} label={t('accountability.rules.fieldTitle')} />
          <SelectField
            field={fields.action}
            label={t('accountability.rules.fieldAction')}
            placeholder=""
            options={RULE_ACTIONS.map((a) => ({
              value: a,
              label: t(`accountability.rules.actions.${a}`),
            }))}
          />
          <TextareaField field={fields.summary} label={t('accountability.rules.fieldSummary')} />
          <TextField
            field={fields.documentUrl}
            type="url"
            label={t('accountability.rules.fieldUrl')}
          />
          <TextField
            field={fields.effectiveOn}
            type="date"
            label={t('accountability.rules.fieldEffective')}
          />
          <fieldset
            className="field"
            aria-describedby={fields.dutyIds.errors?.length ? fields.dutyIds.errorId : undefined}
          >
            <legend>{t('accountability.rules.fieldDuties')}</legend>
            {duties.map((d) => (
              <label key={d.id} className="choice">
                <input
                  type="checkbox"
                  name={fields.dutyIds.name}
                  value={d.id}
                  defaultChecked={checked.has(String(d.id))}
                />
                <span>{d.title}</span>
              </label>
            ))}
            <ErrorList id={fields.dutyIds.errorId} errors={fields.dutyIds.errors} />
          </fieldset>
          <div>
            <button type="submit" className="button">
              {t('accountability.rules.submit')}
            </button>
          </div>
        </Form>
      )}
      <h2>{unitName}</h2>
      <ul>
        {rules.map((r) => (
          <li key={r.id}>
            {t(`accountability.rules.actions.${r.action}`)} · {r.title}
          </li>
        ))}
      </ul>
    </section>
  )
}
