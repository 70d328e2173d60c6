import type { Kysely, Transaction } from 'kysely'
import type { Database, DutyMode, DutyStatus } from '../../db/schema'
import type { Locale } from '../platform/i18n'
import type { Staff } from '../staff/staff.server'
import { saveImage, type ProcessedImage } from '../reporting/attachment.server'
import { ConflictError, transitionDuty, updateDutyChecked } from './duty.server'
import { isOverdue, nextStatus, progressFromMilestones } from './duty-lifecycle'
import { appendEvent } from '../platform/event.server'
import { queueEmail } from '../platform/outbox.server'
import { followUrl } from '../reporting/report.server'
import { dutyTimeline, type TimelineEntry } from '../browse/timeline.server'
import { dutyUrl } from './triage.server'
import { chinaToday, workingDaysBetween } from './working-days'

const name = (locale: Locale, row: { name: string; name_en: string }) =>
  locale === 'en' ? row.name_en : row.name

/** Days left (positive), due today (0) or overdue (negative), in working days; null without a deadline. */
export function workingDaysLeft(
  duty: { status: DutyStatus; deadline: string | null },
  today: string,
): number | null {
  if (!duty.deadline || duty.status === 'resolved' || duty.status === 'closed') return null
  return workingDaysBetween(today, duty.deadline)
}

/**
 * The duty as the signed-in officer may see it: unit staff only their own unit's (any other
 * is "not found", so they cannot even learn it exists), the coordinator every one.
 */
export async function requireDutyAccess(
  db: Kysely<Database>,
  staff: Staff,
  dutyId: number,
): Promise<{ id: number; unit_id: number; version: number; status: DutyStatus }> {
  const duty = Number.isSafeInteger(dutyId)
    ? await db
        .selectFrom('duties')
        .select(['id', 'unit_id', 'version', 'status'])
        .where('id', '=', dutyId)
        .executeTakeFirst()
    : undefined
  const allowed =
    duty &&
    (staff.role === 'coordinator' || (staff.role === 'unit_staff' && staff.unitId === duty.unit_id))
  if (!allowed) {
    throw new Response('Not found', {
      status: 404,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    })
  }
  return duty
}

export interface DutyListItem {
  id: number
  title: string
  unit: string
  status: DutyStatus
  mode: DutyMode
  deadline: string | null
  daysLeft: number | null
  overdue: boolean
  progress: number
  reports: Array<{ id: number; title: string; trackingCode: string }>
}

/** A unit's duty list (or every unit's for the coordinator), open ones first, soonest deadline first. */
export async function staffDutyList(
  db: Kysely<Database>,
  filter: { unitId?: number; status?: DutyStatus },
  locale: Locale,
  today = chinaToday(),
): Promise<DutyListItem[]> {
  let query = db
    .selectFrom('duties as d')
    .innerJoin('units as u', 'u.id', 'd.unit_id')
    .select([
      'd.id',
      'd.title',
      'd.status',
      'd.mode',
      'd.deadline',
      'd.progress',
      'u.name',
      'u.name_en',
    ])
  if (filter.unitId) query = query.where('d.unit_id', '=', filter.unitId)
  if (filter.status) query = query.where('d.status', '=', filter.status)
  const duties = await query.orderBy('d.id', 'desc').limit(500).execute()
  const links = duties.length
    ? await db
        .selectFrom('duty_reports as dr')
        .innerJoin('reports as r', 'r.id', 'dr.report_id')
        .select(['dr.duty_id', 'r.id', 'r.title', 'r.tracking_code'])
        .where(
          'dr.duty_id',
          'in',
          duties.map((d) => d.id),
        )
        .orderBy('r.id')
        .execute()
    : []
  const rank: Record<DutyStatus, number> = { assigned: 0, in_progress: 0, resolved: 1, closed: 2 }
  return duties
    .map((d) => ({
      id: d.id,
      title: d.title,
      unit: name(locale, d),
      status: d.status,
      mode: d.mode,
      deadline: d.deadline,
      daysLeft: workingDaysLeft(d, today),
      overdue: isOverdue(d, today),
      progress: d.progress,
      reports: links
        .filter((l) => l.duty_id === d.id)
        .map((l) => ({ id: l.id, title: l.title, trackingCode: l.tracking_code })),
    }))
    .sort(
      (a, b) =>
        rank[a.status] - rank[b.status] ||
        (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999') ||
        b.id - a.id,
    )
}

export async function unitOptions(db: Kysely<Database>, locale: Locale) {
  const units = await db
    .selectFrom('units')
    .select(['id', 'name', 'name_en'])
    .orderBy('sort_order')
    .orderBy('id')
    .execute()
  return units.map((u) => ({ id: u.id, name: name(locale, u) }))
}

export interface DutyDetail {
  duty: {
    id: number
    title: string
    commitment: string
    leaderName: string
    leaderTitle: string
    mode: DutyMode
    deadline: string | null
    status: DutyStatus
    progress: number
    version: number
    resolutionSummary: string | null
    unit: string
    unitId: number
    unitSlug: string
    coUnits: string[]
    daysLeft: number | null
    overdue: boolean
  }
  milestones: Array<{ id: number; title: string; dueOn: string | null; doneAt: Date | null }>
  reports: Array<{ id: number; title: string; trackingCode: string; status: string }>
  timeline: TimelineEntry[]
}

export async function dutyDetail(
  db: Kysely<Database>,
  dutyId: number,
  locale: Locale,
  today = chinaToday(),
): Promise<DutyDetail | null> {
  const d = await db
    .selectFrom('duties as d')
    .innerJoin('units as u', 'u.id', 'd.unit_id')
    .selectAll('d')
    .select(['u.name', 'u.name_en', 'u.slug'])
    .where('d.id', '=', dutyId)
    .executeTakeFirst()
  if (!d) return null
  const [coUnits, milestones, reports, timeline] = await Promise.all([
    db
      .selectFrom('duty_co_units as c')
      .innerJoin('units as u', 'u.id', 'c.unit_id')
      .select(['u.name', 'u.name_en'])
      .where('c.duty_id', '=', dutyId)
      .orderBy('u.sort_order')
      .execute(),
    db
      .selectFrom('milestones')
      .select(['id', 'title', 'due_on', 'done_at'])
      .where('duty_id', '=', dutyId)
      .orderBy('sort_order')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('duty_reports as dr')
      .innerJoin('reports as r', 'r.id', 'dr.report_id')
      .select(['r.id', 'r.title', 'r.tracking_code', 'r.status'])
      .where('dr.duty_id', '=', dutyId)
      .orderBy('r.id')
      .execute(),
    dutyTimeline(db, dutyId),
  ])
  return {
    duty: {
      id: d.id,
      title: d.title,
      commitment: d.commitment,
      leaderName: d.leader_name,
      leaderTitle: d.leader_title,
      mode: d.mode,
      deadline: d.deadline,
      status: d.status,
      progress: d.progress,
      version: d.version,
      resolutionSummary: d.resolution_summary,
      unit: name(locale, d),
      unitId: d.unit_id,
      unitSlug: d.slug,
      coUnits: coUnits.map((u) => name(locale, u)),
      daysLeft: workingDaysLeft(d, today),
      overdue: isOverdue(d, today),
    },
    milestones: milestones.map((m) => ({
      id: m.id,
      title: m.title,
      dueOn: m.due_on,
      doneAt: m.done_at,
    })),
    reports: reports.map((r) => ({
      id: r.id,
      title: r.title,
      trackingCode: r.tracking_code,
      status: r.status,
    })),
    timeline,
  }
}

export interface WorkContext {
  staffId: number
  publicUrl: string
}

/** Recomputes the public percent from the milestones; it is never typed in. */
async function refreshProgress(
  trx: Transaction<Database>,
  dutyId: number,
  status?: DutyStatus,
): Promise<number> {
  const milestones = await trx
    .selectFrom('milestones')
    .select('done_at')
    .where('duty_id', '=', dutyId)
    .execute()
  // A resolved duty without steps is wholly done; with steps, its steps say how far it got.
  const progress =
    milestones.length === 0 && (status === 'resolved' || status === 'closed')
      ? 100
      : progressFromMilestones(milestones)
  await trx.updateTable('duties').set({ progress }).where('id', '=', dutyId).execute()
  return progress
}

async function lockVersion(trx: Transaction<Database>, dutyId: number, expectedVersion: number) {
  const duty = await updateDutyChecked(trx, dutyId, expectedVersion, {})
  if (duty.status === 'closed') throw new DutyClosedError(dutyId)
  return duty
}

/** Nothing changes on a closed duty. */
export class DutyClosedError extends Error {
  constructor(readonly dutyId: number) {
    super(`Duty ${dutyId} is closed`)
  }
}

/** Adds a step with an optional due date; the percent drops accordingly. */
export async function addMilestone(
  db: Kysely<Database>,
  input: { dutyId: number; version: number; title: string; dueOn: string | null },
  ctx: WorkContext,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const duty = await lockVersion(trx, input.dutyId, input.version)
    const last = await trx
      .selectFrom('milestones')
      .select((eb) => eb.fn.max('sort_order').as('max'))
      .where('duty_id', '=', duty.id)
      .executeTakeFirst()
    await trx
      .insertInto('milestones')
      .values({
        duty_id: duty.id,
        title: input.title,
        due_on: input.dueOn,
        sort_order: Number(last?.max ?? -1) + 1,
      })
      .execute()
    const progress = await refreshProgress(trx, duty.id, duty.status)
    await appendEvent(trx, {
      type: 'duty.milestone_added',
      dutyId: duty.id,
      actor: `staff:${ctx.staffId}`,
      public: false,
      data: { title: input.title, dueOn: input.dueOn, progress },
    })
  })
}

/** Ticks a step done (a public event) or back to not done; the percent follows. */
export async function setMilestoneDone(
  db: Kysely<Database>,
  input: { dutyId: number; version: number; milestoneId: number; done: boolean },
  ctx: WorkContext,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const duty = await lockVersion(trx, input.dutyId, input.version)
    const milestone = await trx
      .updateTable('milestones')
      .set({ done_at: input.done ? new Date() : null })
      .where('id', '=', input.milestoneId)
      .where('duty_id', '=', duty.id)
      .returning(['id', 'title'])
      .executeTakeFirst()
    if (!milestone) throw new Response('Not found', { status: 404 })
    const progress = await refreshProgress(trx, duty.id, duty.status)
    await appendEvent(trx, {
      type: input.done ? 'duty.milestone' : 'duty.milestone_undone',
      dutyId: duty.id,
      actor: `staff:${ctx.staffId}`,
      public: input.done,
      data: { title: milestone.title, progress },
    })
  })
}

export interface EvidencePhotos {
  before: ProcessedImage[]
  after: ProcessedImage[]
}

async function emailReporters(
  trx: Transaction<Database>,
  dutyId: number,
  step: 'progress' | 'resolved',
  detail: string,
  ctx: WorkContext,
  dedupe: string,
) {
  const duty = await trx
    .selectFrom('duties')
    .select(['deadline'])
    .where('id', '=', dutyId)
    .executeTakeFirstOrThrow()
  const linked = await trx
    .selectFrom('duty_reports')
    .select('report_id')
    .where('duty_id', '=', dutyId)
    .execute()
  if (linked.length === 0) return
  const ids = linked.map((l) => l.report_id)
  // Reporters of reports merged into a linked one follow it too.
  const reporters = await trx
    .selectFrom('reports')
    .select(['id', 'contact_email', 'contact_name', 'title', 'tracking_code', 'follow_token'])
    .where((eb) => eb.or([eb('id', 'in', ids), eb('merged_into_id', 'in', ids)]))
    .where('contact_email', 'is not', null)
    .where('anonymized_at', 'is', null)
    .execute()
  for (const r of reporters) {
    await queueEmail(trx, {
      to: r.contact_email!,
      template: 'report-update',
      props: {
        step,
        name: r.contact_name ?? '',
        title: r.title,
        code: r.tracking_code,
        followUrl: followUrl(ctx.publicUrl, r.follow_token),
        detail,
        deadline: step === 'progress' ? duty.deadline : null,
      },
      dedupeKey: `report-${step}:${r.id}:${dedupe}`,
    })
  }
}

async function saveEvidence(
  trx: Transaction<Database>,
  progressUpdateId: number,
  photos: EvidencePhotos,
) {
  for (const image of photos.before)
    await saveImage(trx, image, { role: 'before', progress_update_id: progressUpdateId })
  for (const image of photos.after)
    await saveImage(trx, image, { role: 'after', progress_update_id: progressUpdateId })
}

/**
 * Publishes a progress update with optional before/after photos. The first update of an
 * assigned duty starts it (assigned → in_progress) in the same transaction.
 */
export async function postProgress(
  db: Kysely<Database>,
  input: { dutyId: number; version: number; body: string; photos: EvidencePhotos },
  ctx: WorkContext,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    let duty = await lockVersion(trx, input.dutyId, input.version)
    if (duty.status === 'resolved') throw new ProgressNotOpenError(duty.id)
    if (duty.status === 'assigned') {
      duty = await transitionDuty(trx, {
        dutyId: duty.id,
        action: 'start',
        actor: `staff:${ctx.staffId}`,
      })
    }
    const update = await trx
      .insertInto('progress_updates')
      .values({
        duty_id: duty.id,
        staff_user_id: ctx.staffId,
        body: input.body,
        progress: duty.progress,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await saveEvidence(trx, update.id, input.photos)
    if (!duty.first_progress_at) {
      await trx
        .updateTable('duties')
        .set({ first_progress_at: new Date() })
        .where('id', '=', duty.id)
        .execute()
    }
    await appendEvent(trx, {
      type: 'duty.progress',
      dutyId: duty.id,
      actor: `staff:${ctx.staffId}`,
      public: true,
      data: { progressUpdateId: update.id, progress: duty.progress },
    })
    await emailReporters(trx, duty.id, 'progress', input.body, ctx, `u${update.id}`)
  })
}

/** Progress is posted on open duties; a resolved one waits for the public's verdict. */
export class ProgressNotOpenError extends Error {
  constructor(readonly dutyId: number) {
    super(`Duty ${dutyId} is not open`)
  }
}

/** Starts work on an assigned duty. */
export async function startDuty(
  db: Kysely<Database>,
  input: { dutyId: number; version: number },
  ctx: WorkContext,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await transitionDuty(trx, {
      dutyId: input.dutyId,
      action: 'start',
      actor: `staff:${ctx.staffId}`,
      expectedVersion: input.version,
    })
  })
}

/**
 * Marks a duty resolved with a summary of what was done and its evidence photos: steps still
 * open are ticked (the work they named is done), the reporters are asked to look, and the
 * coordinator is told.
 */
export async function resolveDuty(
  db: Kysely<Database>,
  input: { dutyId: number; version: number; summary: string; photos: EvidencePhotos },
  ctx: WorkContext,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('duties as d')
      .innerJoin('units as u', 'u.id', 'd.unit_id')
      .select(['d.id', 'd.status', 'd.version', 'd.title', 'u.name as unit_name'])
      .where('d.id', '=', input.dutyId)
      .forUpdate()
      .executeTakeFirstOrThrow()
    // The version and the lifecycle are checked before anything is written or stored.
    if (before.version !== input.version) throw new ConflictError(before.id)
    nextStatus(before.status, 'resolve')
    let progressUpdateId: number | undefined
    if (input.photos.before.length + input.photos.after.length > 0) {
      const update = await trx
        .insertInto('progress_updates')
        .values({
          duty_id: before.id,
          staff_user_id: ctx.staffId,
          body: input.summary,
          progress: 100,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await saveEvidence(trx, update.id, input.photos)
      progressUpdateId = update.id
    }
    const duty = await transitionDuty(trx, {
      dutyId: input.dutyId,
      action: 'resolve',
      actor: `staff:${ctx.staffId}`,
      expectedVersion: input.version,
      patch: { resolution_summary: input.summary },
      // The resolution points at its evidence, so the public timeline shows the photos.
      eventData: { summary: input.summary, ...(progressUpdateId ? { progressUpdateId } : {}) },
    })
    const ticked = await trx
      .updateTable('milestones')
      .set({ done_at: new Date() })
      .where('duty_id', '=', duty.id)
      .where('done_at', 'is', null)
      .returning('id')
      .execute()
    await refreshProgress(trx, duty.id, 'resolved')
    if (!duty.first_progress_at) {
      await trx
        .updateTable('duties')
        .set({ first_progress_at: new Date() })
        .where('id', '=', duty.id)
        .execute()
    }
    if (ticked.length) {
      await appendEvent(trx, {
        type: 'duty.milestones_completed',
        dutyId: duty.id,
        actor: `staff:${ctx.staffId}`,
        public: false,
        data: { count: ticked.length },
      })
    }
    await emailReporters(trx, duty.id, 'resolved', input.summary, ctx, `v${duty.version}`)
    const coordinators = await trx
      .selectFrom('staff_users')
      .select(['id', 'email'])
      .where('role', '=', 'coordinator')
      .where('disabled_at', 'is', null)
      .execute()
    for (const c of coordinators) {
      await queueEmail(trx, {
        to: c.email,
        template: 'duty-resolved',
        props: {
          title: before.title,
          unit: before.unit_name,
          summary: input.summary,
          dutyUrl: dutyUrl(ctx.publicUrl, duty.id),
        },
        dedupeKey: `duty-resolved:${duty.id}:v${duty.version}:${c.id}`,
      })
    }
  })
}

export { ConflictError }
