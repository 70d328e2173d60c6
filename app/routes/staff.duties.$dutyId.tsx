import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { DueBadge, ProgressBar } from '../duties/duty-badges'
import { ErrorList, FormErrors, TextareaField, TextField } from '../ui/forms'
import { Timeline } from '../browse/timeline'
import { getDb } from '../platform/db.server'
import { getEnv } from '../platform/env.server'
import { formatDate, formatDateTime, localeFromRequest, translator } from '../platform/i18n'
import { MAX_IMAGE_BYTES, processImage, uploadedFiles } from '../reporting/attachment.server'
import type { ProcessedImage } from '../reporting/attachment.server'
import {
  addMilestone,
  ConflictError,
  dutyDetail,
  DutyClosedError,
  postProgress,
  ProgressNotOpenError,
  requireDutyAccess,
  resolveDuty,
  setMilestoneDone,
  startDuty,
} from '../duties/duty-list.server'
import { allowedActions, IllegalTransitionError } from '../duties/duty-lifecycle'
import { requireStaff, requireUnitStaff } from '../staff/auth.server'
import { invariantResponse, readForm, requireSameOrigin } from '../platform/http.server'
import { metaT, pageMeta, useT } from '../ui/i18n'
import { id, message, text } from '../platform/validation'

/** Before and after photos, up to this many of each. */
const MAX_EVIDENCE = 3
const MAX_BODY_BYTES = 2 * MAX_EVIDENCE * MAX_IMAGE_BYTES + 512 * 1024

const version = z.coerce.number().int().nonnegative()
const day = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim() || undefined : v),
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, message('duties.errors.date'))
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), message('duties.errors.date'))
    .optional(),
)

const MilestoneSchema = z.object({
  intent: z.literal('milestone'),
  version,
  title: text(2, 80),
  dueOn: day,
})
const TickSchema = z.object({
  intent: z.literal('tick'),
  version,
  milestoneId: id,
  done: z.enum(['yes', 'no']),
})
const ProgressSchema = z.object({ intent: z.literal('progress'), version, body: text(4, 2000) })
const StartSchema = z.object({ intent: z.literal('start'), version })
const ResolveSchema = z.object({ intent: z.literal('resolve'), version, summary: text(4, 2000) })

const schemas = {
  milestone: MilestoneSchema,
  tick: TickSchema,
  progress: ProgressSchema,
  start: StartSchema,
  resolve: ResolveSchema,
} as const
type Intent = keyof typeof schemas

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, metaT(matches)('duties.duty.title'))

function dutyIdOf(params: LoaderFunctionArgs['params']): number {
  const dutyId = Number(params.dutyId)
  invariantResponse(Number.isSafeInteger(dutyId) && dutyId > 0, 'Not found', { status: 404 })
  return dutyId
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, 'unit_staff', 'coordinator')
  const db = await getDb()
  const dutyId = dutyIdOf(params)
  await requireDutyAccess(db, staff, dutyId)
  const locale = localeFromRequest(request)
  const detail = await dutyDetail(db, dutyId, locale)
  invariantResponse(detail, 'Not found', { status: 404 })
  const url = new URL(request.url)
  return {
    ...detail,
    canAct: staff.role === 'unit_staff',
    saved: url.searchParams.get('saved')?.match(/^(milestone|tick|progress|start|resolve)$/)?.[0],
    actions: allowedActions(detail.duty.status),
    deadlineText: detail.duty.deadline ? formatDate(detail.duty.deadline, locale) : null,
    milestones: detail.milestones.map((m) => ({
      ...m,
      dueOnText: m.dueOn ? formatDate(m.dueOn, locale) : null,
      doneAtText: m.doneAt ? formatDateTime(m.doneAt, locale) : null,
    })),
  }
}

type Photos = { before: ProcessedImage[]; after: ProcessedImage[] }

/** Reads the before/after photos by content; problems are messages for each field. */
async function readPhotos(formData: FormData) {
  const photos: Photos = { before: [], after: [] }
  const errors: Record<string, string[]> = {}
  for (const role of ['before', 'after'] as const) {
    const files = uploadedFiles(formData.getAll(role))
    if (files.length > MAX_EVIDENCE) {
      errors[role] = [message('validation.tooMany', { max: MAX_EVIDENCE })]
      continue
    }
    for (const file of files) {
      const result = await processImage(file)
      if (result === 'tooLarge') {
        ;(errors[role] ??= []).push(
          message('report.errors.photoTooLarge', {
            name: file.name.slice(0, 60),
            max: MAX_IMAGE_BYTES / 1024 / 1024,
          }),
        )
      } else if (result === 'notImage') {
        ;(errors[role] ??= []).push(
          message('report.errors.photoNotImage', { name: file.name.slice(0, 60) }),
        )
      } else photos[role].push(result)
    }
  }
  return { photos, errors }
}

export async function action({ request, params }: ActionFunctionArgs) {
  requireSameOrigin(request, getEnv().PUBLIC_URL)
  const staff = await requireUnitStaff(request)
  const db = await getDb()
  const dutyId = dutyIdOf(params)
  await requireDutyAccess(db, staff, dutyId)
  const formData = await readForm(request, MAX_BODY_BYTES)
  const intent = String(formData.get('intent') ?? '')
  if (!(intent in schemas)) return data({ intent: null, result: null }, { status: 400 })
  const submission = parseWithZod(formData, { schema: schemas[intent as Intent] })
  if (submission.status !== 'success')
    return data({ intent, result: submission.reply() }, { status: 400 })
  const fail = (status: number, formError: string) =>
    data({ intent, result: submission.reply({ formErrors: [formError] }) }, { status })

  const ctx = { staffId: staff.id, publicUrl: getEnv().PUBLIC_URL }
  const value = submission.value
  try {
    switch (value.intent) {
      case 'milestone':
        await addMilestone(
          db,
          { dutyId, version: value.version, title: value.title, dueOn: value.dueOn ?? null },
          ctx,
        )
        break
      case 'tick':
        await setMilestoneDone(
          db,
          {
            dutyId,
            version: value.version,
            milestoneId: value.milestoneId,
            done: value.done === 'yes',
          },
          ctx,
        )
        break
      case 'start':
        await startDuty(db, { dutyId, version: value.version }, ctx)
        break
      case 'progress':
      case 'resolve': {
        const { photos, errors } = await readPhotos(formData)
        if (Object.keys(errors).length)
          return data(
            { intent, result: submission.reply({ fieldErrors: errors }) },
            { status: 400 },
          )
        if (value.intent === 'progress')
          await postProgress(db, { dutyId, version: value.version, body: value.body, photos }, ctx)
        else
          await resolveDuty(
            db,
            { dutyId, version: value.version, summary: value.summary, photos },
            ctx,
          )
        break
      }
    }
  } catch (error) {
    if (error instanceof ConflictError) return fail(409, message('duties.conflict'))
    if (error instanceof IllegalTransitionError) {
      const t = translator(localeFromRequest(request))
      return fail(
        409,
        message('duties.duty.illegal', {
          status: t(`duties.status.${error.status}`),
          action: t(`duties.actions.${error.action}`),
        }),
      )
    }
    if (error instanceof ProgressNotOpenError) return fail(409, message('duties.duty.notOpen'))
    if (error instanceof DutyClosedError) return fail(409, message('duties.duty.closed'))
    throw error
  }
  return redirect(`/staff/duties/${dutyId}?saved=${intent}`)
}

type ActionData = { intent: string | null; result: SubmissionResult<string[]> | null }

function useIntentForm<S extends z.ZodTypeAny>(intent: Intent, schema: S, formId?: string) {
  const actionData = useActionData<typeof action>() as ActionData | undefined
  return useForm<z.input<S>>({
    id: formId ?? `duty-${intent}`,
    lastResult: actionData?.intent === intent ? actionData.result : undefined,
    constraint: getZodConstraint(schema),
    shouldValidate: 'onBlur',
    // Errors clear as they are fixed: clearing them on blur moves the submit button away
    // from under a pointer that is pressing it, and the click is lost.
    shouldRevalidate: 'onInput',
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
          {t(`duties.duty.saved.${d.saved as Intent}`)}
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
        <dd>{d.deadlineText ?? t('duties.modes.ongoing')}</dd>
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
                {r.trackingCode} <Link to={`/reports/${r.id}`}>{r.title}</Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      <Milestones />
      {d.canAct && duty.status === 'assigned' ? <StartForm /> : null}
      {d.canAct && open ? <ProgressForm /> : null}
      {d.canAct && open ? <ResolveForm /> : null}
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

/** Before and after evidence photos of a form; their errors come from the form's own. */
function PhotoFields({
  formId,
  errors,
}: {
  formId: string
  errors: Record<string, string[] | undefined>
}) {
  const t = useT()
  const fields = Object.fromEntries(
    (['before', 'after'] as const).map((role) => [
      role,
      { id: `${formId}-${role}`, errorId: `${formId}-${role}-error`, errors: errors[role] },
    ]),
  ) as Record<'before' | 'after', { id: string; errorId: string; errors?: string[] }>
  return (
    <>
      {(['before', 'after'] as const).map((role) => (
        <div className="field" key={role}>
          <label htmlFor={fields[role].id}>{t(`duties.photos.${role}`)}</label>
          <span id={`${fields[role].id}-hint`} className="field__hint">
            {t('duties.photos.hint', { max: MAX_EVIDENCE })}
          </span>
          <input
            id={fields[role].id}
            type="file"
            name={role}
            accept="image/jpeg,image/png,image/webp"
            multiple
            aria-describedby={
              fields[role].errors?.length
                ? `${fields[role].id}-hint ${fields[role].errorId}`
                : `${fields[role].id}-hint`
            }
          />
          <ErrorList id={fields[role].errorId} errors={fields[role].errors} />
        </div>
      ))}
    </>
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
        <PhotoFields formId={form.id} errors={form.allErrors} />
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
        <PhotoFields formId={form.id} errors={form.allErrors} />
        <div>
          <button type="submit" className="button">
            {t('duties.actions.resolve')}
          </button>
        </div>
      </Form>
    </section>
  )
}
