import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import type { z } from 'zod'
import { Timeline } from '../browse/timeline'
import { CallbackSection } from '../callbacks/callback-form'
import { callbackAction, dutyCallbacks } from '../callbacks/callback.server'
import { DueBadge, ProgressBar } from '../duties/duty-badges'
import { EvidenceFields } from '../duties/evidence-fields'
import { staffDutyDetail, requireDutyAccess } from '../duties/duty-detail.server'
import { EVIDENCE_FORM_MAX_BYTES, readEvidence } from '../duties/duty-evidence.server'
import { allowedActions } from '../duties/duty-lifecycle'
import {
  dutyWorkSchemas,
  isDutyIntent,
  MilestoneSchema,
  ProgressSchema,
  ResolveSchema,
  StartSchema,
  TickSchema,
  type DutyIntent,
} from '../duties/duty-schema'
import { workOnDuty } from '../duties/duty-work.server'
import { getDb } from '../platform/db.server'
import { getEnv } from '../platform/env.server'
import { domainLoader, formAction, idParam } from '../platform/http.server'
import { formatDate, formatDateTime, localeFromRequest } from '../platform/i18n'
import { requireStaff, requireUnitStaff } from '../staff/auth.server'
import { ContactViewPanel } from '../privacy/contact-panel'
import { CONTACT_INTENT } from '../privacy/contact-view-schema'
import { contactViewAction } from '../privacy/contact-view.server'
import { FormErrors, TextareaField, TextField, validationTiming } from '../ui/forms'
import { metaT, pageMeta, useT } from '../ui/i18n'

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, metaT(matches)('duties.duty.title'))

function dutyIdOf(params: LoaderFunctionArgs['params']): number {
  const dutyId = idParam(params.dutyId)
  return dutyId
}

export const loader = /* @__PURE__ */ domainLoader(async ({ request, params }) => {
  const staff = await requireStaff(request, 'unit_staff', 'coordinator')
  const locale = localeFromRequest(request)
  const db = await getDb()
  const detail = await staffDutyDetail(db, staff, dutyIdOf(params), locale)
  const saved = new URL(request.url).searchParams.get('saved')
  return {
    ...detail,
    canAct: staff.role === 'unit_staff',
    saved: isDutyIntent(saved) ? saved : null,
    actions: allowedActions(detail.duty.status),
    callbacks: await dutyCallbacks(db, staff, detail.duty.id),
    deadlineText: detail.duty.deadline ? formatDate(detail.duty.deadline, locale) : null,
    milestones: detail.milestones.map((m) => ({
      ...m,
      dueOnText: m.dueOn ? formatDate(m.dueOn, locale) : null,
      doneAtText: m.doneAt ? formatDateTime(m.doneAt, locale) : null,
    })),
  }
})

export const action = /* @__PURE__ */ formAction(
  async ({ request, params, form }) => {
    // The coordinator may take these steps on any duty: they are checked before the unit guard.
    if (form.get('intent') === CONTACT_INTENT)
      return contactViewAction(request, { dutyId: dutyIdOf(params) }, form)
    if (form.get('intent') === 'callback') return callbackAction(request, dutyIdOf(params), form)
    const staff = await requireUnitStaff(request)
    const db = await getDb()
    const dutyId = dutyIdOf(params)
    await requireDutyAccess(db, staff, dutyId)
    const intent = form.get('intent')
    if (!isDutyIntent(intent)) return data({ intent: null, result: null }, { status: 400 })
    const submission = parseWithZod(form, { schema: dutyWorkSchemas[intent] })
    if (submission.status !== 'success')
      return data({ intent, result: submission.reply() }, { status: 400 })
    const evidence = await readEvidence(form, intent)
    if (!evidence.ok)
      return data(
        { intent, result: submission.reply({ fieldErrors: evidence.errors }) },
        { status: 400 },
      )
    await workOnDuty(db, dutyId, submission.value, evidence.photos, {
      staffId: staff.id,
      publicUrl: getEnv().PUBLIC_URL,
    })
    return redirect(`/staff/duties/${dutyId}?saved=${intent}`)
  },
  { maxBytes: EVIDENCE_FORM_MAX_BYTES },
)

function useIntentForm<S extends z.ZodTypeAny>(intent: DutyIntent, schema: S, formId?: string) {
  const actionData = useActionData<typeof action>()
  return useForm<z.input<S>>({
    id: formId ?? `duty-${intent}`,
    lastResult: actionData?.intent === intent ? actionData.result : undefined,
    constraint: getZodConstraint(schema),
    ...validationTiming,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  })
}

export default function StaffDuty() {
  const t = useT()
  const d = useLoaderData<typeof loader>()
  const { duty } = d
  const open = duty.status === 'assigned' || duty.status === 'in_progress'
  return (
    <article className="duty-page">
      <p>
        <Link to="/staff/duties">{t('duties.duty.back')}</Link>
      </p>
      <h1>{duty.title}</h1>
      <p>
        <span className="badge">{t(`duties.status.${duty.status}`)}</span>{' '}
        <DueBadge daysLeft={duty.daysLeft} overdue={duty.overdue} />
      </p>
      {d.saved ? (
        <p className="notice" role="status">
          {t(`duties.duty.saved.${d.saved}`)}
        </p>
      ) : null}
      <dl className="details">
        <dt>{t('duties.fields.unit')}</dt>
        <dd>{duty.unit}</dd>
        {duty.coUnits.length ? (
          <>
            <dt>{t('duties.fields.coUnits')}</dt>
            <dd>{duty.coUnits.join('、')}</dd>
          </>
        ) : null}
        <dt>{t('duties.fields.commitment')}</dt>
        <dd className="prewrap">{duty.commitment}</dd>
        <dt>{t('duties.fields.leader')}</dt>
        <dd>{t('duties.leaderValue', { name: duty.leaderName, title: duty.leaderTitle })}</dd>
        <dt>{t('duties.fields.mode')}</dt>
        <dd>{t(`duties.modes.${duty.mode}`)}</dd>
        <dt>{t('duties.fields.deadline')}</dt>
        <dd>
          {d.deadlineText ?? t('duties.modes.ongoing')}
          {duty.unenteredYear ? (
            <span className="field__hint calendar-unentered" role="note">
              {' '}
              {t('duties.duty.unenteredYear', { year: duty.unenteredYear })}
            </span>
          ) : null}
        </dd>
        <dt>{t('duties.fields.progress')}</dt>
        <dd>
          <ProgressBar percent={duty.progress} label={t('duties.fields.progress')} />
          <span className="field__hint"> {t('duties.duty.progressHint')}</span>
        </dd>
        {duty.resolutionSummary ? (
          <>
            <dt>{t('duties.fields.summary')}</dt>
            <dd className="prewrap">{duty.resolutionSummary}</dd>
          </>
        ) : null}
      </dl>
      <p>
        <Link to={`/duties/${duty.id}`}>{t('duties.duty.publicPage')}</Link> ·{' '}
        <Link to={`/units/${duty.unitSlug}`}>{t('duties.duty.publicList')}</Link>
      </p>

      <section aria-labelledby="reports-heading">
        <h2 id="reports-heading">{t('duties.duty.reports')}</h2>
        {d.reports.length === 0 ? (
          <p>{t('duties.duty.noReports')}</p>
        ) : (
          <ul>
            {d.reports.map((r) => (
              <li key={r.id}>
                {r.number} <Link to={`/reports/${r.id}`}>{r.title}</Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      {d.reports.length ? <ContactViewPanel /> : null}

      <Milestones />
      {d.canAct && duty.status === 'assigned' ? <StartForm /> : null}
      {d.canAct && open ? <ProgressForm /> : null}
      {d.canAct && open ? <ResolveForm /> : null}
      <CallbackSection reports={d.reports} callbacks={d.callbacks} />
      <Timeline entries={d.timeline} />
    </article>
  )
}

function VersionField() {
  const { duty } = useLoaderData<typeof loader>()
  return <input type="hidden" name="version" value={duty.version} />
}

function Milestones() {
  const t = useT()
  const d = useLoaderData<typeof loader>()
  const [form, fields] = useIntentForm('milestone', MilestoneSchema)
  const [tickForm] = useIntentForm('tick', TickSchema)
  const editable = d.canAct && d.duty.status !== 'closed'
  return (
    <section aria-labelledby="milestones-heading">
      <h2 id="milestones-heading">{t('duties.milestones.heading')}</h2>
      <FormErrors form={tickForm} />
      {d.milestones.length === 0 ? (
        <p>{t('duties.milestones.empty')}</p>
      ) : (
        <ol className="milestones">
          {d.milestones.map((m) => (
            <li key={m.id} data-done={m.doneAt ? 'yes' : 'no'}>
              <span className="milestones__title">
                {m.doneAt ? '✓ ' : ''}
                {m.title}
              </span>
              <span className="muted">
                {m.dueOnText ? ` · ${t('duties.milestones.due', { date: m.dueOnText })}` : ''}
                {m.doneAtText ? ` · ${t('duties.milestones.doneAt', { date: m.doneAtText })}` : ''}
              </span>
              {editable ? (
                <Form method="post" className="inline-form" id={`tick-${m.id}`}>
                  <input type="hidden" name="intent" value="tick" />
                  <VersionField />
                  <input type="hidden" name="milestoneId" value={m.id} />
                  <input type="hidden" name="done" value={m.doneAt ? 'no' : 'yes'} />
                  <button type="submit" className="button button--secondary">
                    {m.doneAt
                      ? t('duties.milestones.undo', { title: m.title })
                      : t('duties.milestones.tick', { title: m.title })}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {editable ? (
        <Form method="post" className="form" {...getFormProps(form)}>
          <h3>{t('duties.milestones.add')}</h3>
          <input type="hidden" name="intent" value="milestone" />
          <VersionField />
          <FormErrors form={form} />
          <TextField field={fields.title} label={t('duties.milestones.title')} />
          <TextField field={fields.dueOn} type="date" label={t('duties.milestones.dueOn')} />
          <div>
            <button type="submit" className="button">
              {t('duties.milestones.submit')}
            </button>
          </div>
        </Form>
      ) : null}
    </section>
  )
}

function StartForm() {
  const t = useT()
  const [form] = useIntentForm('start', StartSchema)
  return (
    <section aria-labelledby="start-heading">
      <h2 id="start-heading">{t('duties.start.heading')}</h2>
      <Form method="post" className="form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="start" />
        <VersionField />
        <FormErrors form={form} />
        <p className="field__hint">{t('duties.start.hint')}</p>
        <div>
          <button type="submit" className="button">
            {t('duties.actions.start')}
          </button>
        </div>
      </Form>
    </section>
  )
}

function ProgressForm() {
  const t = useT()
  const [form, fields] = useIntentForm('progress', ProgressSchema)
  return (
    <section aria-labelledby="progress-heading">
      <h2 id="progress-heading">{t('duties.progress.heading')}</h2>
      <Form method="post" encType="multipart/form-data" className="form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="progress" />
        <VersionField />
        <FormErrors form={form} />
        <TextareaField
          field={fields.body}
          label={t('duties.progress.body')}
          hint={t('duties.progress.hint')}
          rows={4}
        />
        <EvidenceFields formId={form.id} errors={form.allErrors} />
        <div>
          <button type="submit" className="button">
            {t('duties.progress.submit')}
          </button>
        </div>
      </Form>
    </section>
  )
}

function ResolveForm() {
  const t = useT()
  const [form, fields] = useIntentForm('resolve', ResolveSchema)
  return (
    <section aria-labelledby="resolve-heading">
      <h2 id="resolve-heading">{t('duties.resolve.heading')}</h2>
      <Form method="post" encType="multipart/form-data" className="form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="resolve" />
        <VersionField />
        <FormErrors form={form} />
        <TextareaField
          field={fields.summary}
          label={t('duties.resolve.summary')}
          hint={t('duties.resolve.hint')}
          rows={4}
        />
        <EvidenceFields formId={form.id} errors={form.allErrors} />
        <div>
          <button type="submit" className="button">
            {t('duties.actions.resolve')}
          </button>
        </div>
      </Form>
    </section>
  )
}
