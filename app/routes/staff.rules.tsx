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
import {
  ForeignDutyError,
  listRuleChanges,
  recordRuleChange,
  RULE_ACTIONS,
  unitDutyChoices,
} from '../accountability/rule-change.server'
import { requireUnitStaff } from '../staff/auth.server'
import { readForm, requireSameOrigin } from '../platform/http.server'
import { metaT, pageMeta, useT } from '../ui/i18n'
import { id, message, optionalText, text } from '../platform/validation'

const RuleSchema = z.object({
  title: text(4, 120),
  action: z.enum(['established', 'revised', 'abolished']),
  summary: text(10, 4000),
  documentUrl: optionalText(500).refine((v) => v === undefined || /^https?:\/\/\S+$/i.test(v), {
    message: message('accountability.rules.badUrl'),
  }),
  effectiveOn: z
    .string({ required_error: message('validation.required') })
    .regex(/^\d{4}-\d{2}-\d{2}$/, message('validation.invalid'))
    .refine(
      (v) => !Number.isNaN(new Date(`${v}T00:00:00Z`).getTime()),
      message('validation.invalid'),
    ),
  dutyIds: z.array(id).min(1).max(50),
})

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, metaT(matches)('accountability.rules.staffTitle'))

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireUnitStaff(request)
  const db = await getDb()
  const [duties, rules] = await Promise.all([
    unitDutyChoices(db, staff.unitId),
    listRuleChanges(db, { unitId: staff.unitId, limit: 20 }),
  ])
  return {
    unitName: staff.unitName,
    unitSlug: staff.unitSlug,
    duties,
    rules: rules.map((r) => ({ id: r.id, title: r.title, action: r.action })),
  }
}

export async function action({ request }: ActionFunctionArgs) {
  requireSameOrigin(request, getEnv().PUBLIC_URL)
  const staff = await requireUnitStaff(request)
  const submission = parseWithZod(await readForm(request), { schema: RuleSchema })
  if (submission.status !== 'success')
    return data({ result: submission.reply(), id: null }, { status: 400 })
  try {
    const ruleId = await recordRuleChange(
      await getDb(),
      staff.unitId,
      submission.value,
      `staff:${staff.id}`,
    )
    return { result: submission.reply({ resetForm: true }), id: ruleId }
  } catch (error) {
    if (!(error instanceof ForeignDutyError)) throw error
    return data(
      {
        result: submission.reply({
          fieldErrors: { dutyIds: [message('accountability.rules.badDuty')] },
        }),
        id: null,
      },
      { status: 403 },
    )
  }
}

export default function StaffRules() {
  const { unitName, unitSlug, duties, rules } = useLoaderData<typeof loader>()
  // The action answers with data(…, { status }) on errors; at run time the hook gets the data itself.
  const answer = useActionData<typeof action>() as
    { result: SubmissionResult<string[]>; id: number | null } | undefined
  const t = useT()
  const [form, fields] = useForm({
    lastResult: answer?.result,
    constraint: getZodConstraint(RuleSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RuleSchema }),
  })
  const checked = new Set(
    ([fields.dutyIds.initialValue].flat().filter(Boolean) as string[]).map(String),
  )
  return (
    <section>
      <h1>{t('accountability.rules.staffTitle')}</h1>
      <p className="muted">{t('accountability.rules.staffLead')}</p>
      {answer?.id ? (
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
