import { getFormProps, useForm, type DefaultValue } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import type { z } from 'zod'
import { decideReport } from '../duties/triage/triage-decisions.server'
import { triageCase } from '../duties/triage/triage-queue.server'
import {
  AcceptNewSchema,
  DeclineSchema,
  ExistingSchema,
  isTriageIntent,
  MergeSchema,
  triageSchemas,
  type TriageIntent,
} from '../duties/triage/triage-schema'
import { getDb } from '../platform/db.server'
import { getEnv } from '../platform/env.server'
import { domainLoader, formAction, idParam } from '../platform/http.server'
import { formatDate, formatDateTime, localeFromRequest } from '../platform/i18n'
import { requireStaff } from '../staff/auth.server'
import { ContactViewPanel } from '../privacy/contact-panel'
import { CONTACT_INTENT } from '../privacy/contact-view-schema'
import { contactViewAction } from '../privacy/contact-view.server'
import {
  ErrorList,
  FormErrors,
  RadioGroupField,
  SelectField,
  TextareaField,
  TextField,
  validationTiming,
} from '../ui/forms'
import { metaT, pageMeta, useT } from '../ui/i18n'

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, metaT(matches)('duties.triage.case.title'))

function reportIdOf(params: LoaderFunctionArgs['params']): number {
  const reportId = idParam(params.reportId)
  return reportId
}

export const loader = /* @__PURE__ */ domainLoader(async ({ request, params }) => {
  await requireStaff(request, 'coordinator')
  const locale = localeFromRequest(request)
  const found = await triageCase(await getDb(), reportIdOf(params), locale)
  return {
    ...found,
    report: { ...found.report, createdAt: formatDateTime(found.report.createdAt, locale) },
    similar: found.similar.map((s) => ({ ...s, createdAt: formatDateTime(s.createdAt, locale) })),
    suggestedDeadlineText: formatDate(found.suggestedDeadline, locale),
  }
})

export const action = /* @__PURE__ */ formAction(async ({ request, params, form }) => {
  const staff = await requireStaff(request, 'coordinator')
  const reportId = reportIdOf(params)
  const intent = form.get('intent')
  if (intent === CONTACT_INTENT) return contactViewAction(request, { reportId }, form)
  if (!isTriageIntent(intent)) return data({ intent: null, result: null }, { status: 400 })
  const submission = parseWithZod(form, { schema: triageSchemas[intent] })
  if (submission.status !== 'success')
    return data({ intent, result: submission.reply() }, { status: 400 })
  const done = await decideReport(await getDb(), reportId, submission.value, {
    staffId: staff.id,
    publicUrl: getEnv().PUBLIC_URL,
  })
  return redirect(`/staff/triage?done=${done}`)
})

function useIntentForm<S extends z.ZodTypeAny>(
  intent: TriageIntent,
  schema: S,
  defaultValue?: DefaultValue<z.input<S>>,
) {
  const actionData = useActionData<typeof action>()
  return useForm<z.input<S>>({
    id: `triage-${intent}`,
    lastResult: actionData?.intent === intent ? actionData.result : undefined,
    constraint: getZodConstraint(schema),
    defaultValue,
    ...validationTiming,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  })
}

export default function TriageCase() {
  const t = useT()
  const c = useLoaderData<typeof loader>()
  const decided = c.report.status !== 'pending'
  return (
    <article className="triage-case">
      <p>
        <Link to="/staff/triage">{t('duties.triage.case.back')}</Link>
      </p>
      <h1>{c.report.title}</h1>
      <p className="muted">
        {c.report.number} · {t(`follow.details.kinds.${c.report.kind}`)} · {c.report.category} ·{' '}
        {c.report.area} · {t('duties.triage.submitted', { date: c.report.createdAt })}
      </p>
      <div className="triage-case__columns">
        <section aria-labelledby="report-heading">
          <h2 id="report-heading">{t('duties.triage.case.details')}</h2>
          <p>
            <span className="badge">{t(`report.status.${c.report.status}`)}</span>
          </p>
          <p className="prewrap">{c.report.body}</p>
          {c.report.address ? (
            <p>{t('duties.triage.case.address', { address: c.report.address })}</p>
          ) : null}
          {c.report.companyName ? (
            <p>{t('duties.triage.case.company', { company: c.report.companyName })}</p>
          ) : null}
          <p>
            {t('duties.triage.proposedUnit', {
              unit:
                c.units.find((u) => u.id === c.report.proposedUnitId)?.name ??
                t('duties.triage.noProposal'),
            })}
          </p>
          <p className="muted">
            {t('duties.triage.case.limits', {
              response: c.limits.responseDays,
              resolution: c.limits.resolutionDays,
            })}
          </p>
        </section>
        <section aria-labelledby="similar-heading">
          <h2 id="similar-heading">{t('duties.triage.case.similar')}</h2>
          {c.similar.length === 0 ? (
            <p>{t('duties.triage.case.similarEmpty')}</p>
          ) : (
            <ul className="feed">
              {c.similar.map((s) => (
                <li key={s.id} className="feed__item">
                  <p className="feed__title">
                    <Link to={`/staff/triage/${s.id}`}>{s.title}</Link>
                  </p>
                  <p className="feed__meta">
                    #{s.id} · {t(`report.status.${s.status}`)} ·{' '}
                    {t('duties.triage.submitted', { date: s.createdAt })}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <ContactViewPanel />
      {decided ? (
        <p className="notice" role="status">
          {t('duties.triage.errors.notPending')}
        </p>
      ) : (
        <>
          <AcceptNewForm />
          <ExistingForm />
          <MergeForm />
          <DeclineForm />
        </>
      )}
    </article>
  )
}

function AcceptNewForm() {
  const t = useT()
  const c = useLoaderData<typeof loader>()
  const leader = c.lastLeaders.find((l) => l.unitId === c.report.proposedUnitId)
  const [form, fields] = useIntentForm('new', AcceptNewSchema, {
    unit: c.report.proposedUnitId ? String(c.report.proposedUnitId) : '',
    title: c.report.title,
    leaderName: leader?.name ?? '',
    leaderTitle: leader?.title ?? '',
    mode: 'deadline',
    deadline: c.suggestedDeadline,
  })
  const chosenCoUnits = new Set([fields.coUnits.initialValue ?? []].flat().map(String))
  return (
    <section aria-labelledby="accept-heading" className="form-section">
      <h2 id="accept-heading">{t('duties.triage.accept.heading')}</h2>
      <Form method="post" className="form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="new" />
        <FormErrors form={form} />
        <SelectField
          field={fields.unit}
          label={t('duties.triage.accept.unit')}
          placeholder={t('duties.triage.accept.choose')}
          options={c.units.map((u) => ({ value: u.id, label: u.name }))}
        />
        <fieldset className="field" aria-describedby={`${fields.coUnits.id}-hint`}>
          <legend>{t('duties.triage.accept.coUnits')}</legend>
          <span id={`${fields.coUnits.id}-hint`} className="field__hint">
            {t('duties.triage.accept.coUnitsHint')}
          </span>
          {c.units.map((u) => (
            <label key={u.id} className="choice">
              <input
                type="checkbox"
                name={fields.coUnits.name}
                value={u.id}
                defaultChecked={chosenCoUnits.has(String(u.id))}
              />
              <span>{u.name}</span>
            </label>
          ))}
          <ErrorList id={fields.coUnits.errorId} errors={fields.coUnits.errors} />
        </fieldset>
        <TextField field={fields.title} label={t('duties.triage.accept.title')} />
        <TextareaField
          field={fields.commitment}
          label={t('duties.triage.accept.commitment')}
          hint={t('duties.triage.accept.commitmentHint')}
          rows={4}
        />
        <TextField
          field={fields.leaderName}
          label={t('duties.triage.accept.leaderName')}
          hint={leader ? t('duties.triage.accept.leaderHint') : undefined}
        />
        <TextField field={fields.leaderTitle} label={t('duties.triage.accept.leaderTitle')} />
        <RadioGroupField
          field={fields.mode}
          label={t('duties.triage.accept.mode')}
          options={(['immediate', 'deadline', 'ongoing'] as const).map((m) => ({
            value: m,
            label: t(`duties.modes.${m}`),
          }))}
        />
        <TextField
          field={fields.deadline}
          type="date"
          label={t('duties.triage.accept.deadline')}
          hint={
            c.unenteredYear
              ? t('duties.triage.accept.deadlineHintUnentered', {
                  days: c.limits.resolutionDays,
                  date: c.suggestedDeadlineText,
                  year: c.unenteredYear,
                })
              : t('duties.triage.accept.deadlineHint', {
                  days: c.limits.resolutionDays,
                  date: c.suggestedDeadlineText,
                })
          }
        />
        <div>
          <button type="submit" className="button">
            {t('duties.triage.accept.submit')}
          </button>
        </div>
      </Form>
    </section>
  )
}

function ExistingForm() {
  const t = useT()
  const c = useLoaderData<typeof loader>()
  const [form, fields] = useIntentForm('existing', ExistingSchema)
  return (
    <section aria-labelledby="existing-heading" className="form-section">
      <h2 id="existing-heading">{t('duties.triage.existing.heading')}</h2>
      {c.openDuties.length === 0 ? (
        <p>{t('duties.triage.existing.none')}</p>
      ) : (
        <Form method="post" className="form" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="existing" />
          <FormErrors form={form} />
          <SelectField
            field={fields.dutyId}
            label={t('duties.triage.existing.duty')}
            placeholder={t('duties.triage.accept.choose')}
            options={c.openDuties.map((d) => ({
              value: d.id,
              label: `${d.title}（${d.unit}）`,
            }))}
          />
          <div>
            <button type="submit" className="button">
              {t('duties.triage.existing.submit')}
            </button>
          </div>
        </Form>
      )}
    </section>
  )
}

function MergeForm() {
  const t = useT()
  const c = useLoaderData<typeof loader>()
  const [form, fields] = useIntentForm('merge', MergeSchema)
  return (
    <section aria-labelledby="merge-heading" className="form-section">
      <h2 id="merge-heading">{t('duties.triage.merge.heading')}</h2>
      {c.mergeCandidates.length === 0 ? (
        <p>{t('duties.triage.merge.none')}</p>
      ) : (
        <Form method="post" className="form" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="merge" />
          <FormErrors form={form} />
          <SelectField
            field={fields.intoId}
            label={t('duties.triage.merge.into')}
            hint={t('duties.triage.merge.hint')}
            placeholder={t('duties.triage.accept.choose')}
            options={c.mergeCandidates.map((r) => ({ value: r.id, label: `#${r.id} ${r.title}` }))}
          />
          <div>
            <button type="submit" className="button button--secondary">
              {t('duties.triage.merge.submit')}
            </button>
          </div>
        </Form>
      )}
    </section>
  )
}

function DeclineForm() {
  const t = useT()
  const [form, fields] = useIntentForm('decline', DeclineSchema)
  return (
    <section aria-labelledby="decline-heading" className="form-section">
      <h2 id="decline-heading">{t('duties.triage.decline.heading')}</h2>
      <Form method="post" className="form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="decline" />
        <FormErrors form={form} />
        <TextareaField
          field={fields.reason}
          label={t('duties.triage.decline.reason')}
          hint={t('duties.triage.decline.hint')}
          rows={3}
        />
        <div>
          <button type="submit" className="button button--secondary">
            {t('duties.triage.decline.submit')}
          </button>
        </div>
      </Form>
    </section>
  )
}
