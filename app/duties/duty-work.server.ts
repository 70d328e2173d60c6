import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../db/schema'
import { DomainError, notFound } from '../platform/errors'
import { appendEvent } from '../platform/event.server'
import { queueEmail } from '../platform/outbox.server'
import { dutyPrivateAddresses } from '../privacy/private-addresses.server'
import { publicText } from '../privacy/public-text'
import { saveEvidence, type EvidencePhotos } from './duty-evidence.server'
import { nextStatus } from './duty-lifecycle'
import type { DutyWork } from './duty-schema'
import {
  appendMilestone,
  dutyConflict,
  dutyUrl,
  transitionDuty,
  updateDutyChecked,
} from './duty.server'
import { notifyReporters, refreshProgress } from './reporter-notices.server'

export interface WorkContext {
  staffId: number
  publicUrl: string
}

async function lockVersion(trx: Transaction<Database>, dutyId: number, expectedVersion: number) {
  const duty = await updateDutyChecked(trx, dutyId, expectedVersion, {})
  // Nothing changes on a closed duty.
  if (duty.status === 'closed') throw new DomainError(409, 'duties.duty.closed')
  return duty
}

/** Adds a step with an optional due date; the percent drops accordingly. */
async function addMilestone(
  db: Kysely<Database>,
  input: { dutyId: number; version: number; title: string; dueOn: string | null },
  ctx: WorkContext,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const duty = await lockVersion(trx, input.dutyId, input.version)
    await appendMilestone(trx, duty.id, { title: input.title, dueOn: input.dueOn })
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
async function setMilestoneDone(
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
    if (!milestone) throw notFound()
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

/**
 * Publishes a progress update with optional before/after photos. The first update of an
 * assigned duty starts it (assigned → in_progress) in the same transaction.
 */
async function postProgress(
  db: Kysely<Database>,
  input: { dutyId: number; version: number; body: string; photos: EvidencePhotos },
  ctx: WorkContext,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    let duty = await lockVersion(trx, input.dutyId, input.version)
    // Progress is posted on open duties; a resolved one waits for the public's verdict.
    if (duty.status === 'resolved') throw new DomainError(409, 'duties.duty.notOpen')
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
        body_public: publicText(input.body, await dutyPrivateAddresses(trx, duty.id)),
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
    await notifyReporters(trx, duty.id, 'progress', input.body, ctx.publicUrl, `u${update.id}`)
  })
}

/** Starts work on an assigned duty. */
async function startDuty(
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
async function resolveDuty(
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
    if (before.version !== input.version) throw dutyConflict()
    nextStatus(before.status, 'resolve')
    let progressUpdateId: number | undefined
    const summaryPublic = publicText(input.summary, await dutyPrivateAddresses(trx, before.id))
    if (input.photos.before.length + input.photos.after.length > 0) {
      const update = await trx
        .insertInto('progress_updates')
        .values({
          duty_id: before.id,
          staff_user_id: ctx.staffId,
          body: input.summary,
          body_public: summaryPublic,
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
      patch: { resolution_summary: input.summary, resolution_summary_public: summaryPublic },
      // The resolution points at its evidence, so the public timeline shows the photos.
      eventData: { summary: summaryPublic, ...(progressUpdateId ? { progressUpdateId } : {}) },
    })
    const ticked = await trx
      .updateTable('milestones')
      .set({ done_at: new Date() })
      .where('duty_id', '=', duty.id)
      .where('done_at', 'is', null)
      .returning('id')
      .execute()
    await refreshProgress(trx, duty.id, 'resolved')
    // A new resolution asks the reporters again: their verdict on an earlier one no longer
    // counts for the rates, though it stays on the public timeline (duty.rated events).
    await trx
      .updateTable('ratings')
      .set({ status: 'superseded' })
      .where('duty_id', '=', duty.id)
      .where('report_id', 'is not', null)
      .where('status', '=', 'valid')
      .execute()
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
    // The reporters hear of the resolution once, by the rating invitation (runRatingJobs).
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

/** Carries out one of the officer's forms on a duty they may act on (see requireDutyAccess). */
export async function workOnDuty(
  db: Kysely<Database>,
  dutyId: number,
  work: DutyWork,
  photos: EvidencePhotos,
  ctx: WorkContext,
): Promise<void> {
  const version = work.version
  switch (work.intent) {
    case 'milestone':
      return addMilestone(
        db,
        { dutyId, version, title: work.title, dueOn: work.dueOn ?? null },
        ctx,
      )
    case 'tick':
      return setMilestoneDone(
        db,
        { dutyId, version, milestoneId: work.milestoneId, done: work.done === 'yes' },
        ctx,
      )
    case 'start':
      return startDuty(db, { dutyId, version }, ctx)
    case 'progress':
      return postProgress(db, { dutyId, version, body: work.body, photos }, ctx)
    case 'resolve':
      return resolveDuty(db, { dutyId, version, summary: work.summary, photos }, ctx)
  }
}
