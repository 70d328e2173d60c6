import type { Kysely, Transaction } from 'kysely'
import type { Database, DutyMode } from '../../../db/schema'
import { DomainError, notFound } from '../../platform/errors'
import { appendEvent } from '../../platform/event.server'
import { queueEmail, queueToContact } from '../../platform/outbox.server'
import { followUrl } from '../../reporting/report.server'
import { canDecideReport, isOpenDuty } from '../duty-lifecycle'
import { dutyUrl } from '../duty.server'
import { chinaToday } from '../working-days'
import type { TriageDecision } from './triage-schema'

/** A choice the coordinator made that the data refuses (unknown unit, closed duty, …). */
function refused(
  reason: 'unknownUnit' | 'dutyNotOpen' | 'mergeTarget' | 'deadlineRequired' | 'deadlinePast',
): DomainError {
  return new DomainError(400, `duties.triage.errors.${reason}`)
}

export interface TriageContext {
  staffId: number
  publicUrl: string
  today?: string
}

async function lockPending(trx: Transaction<Database>, reportId: number) {
  const report = await trx
    .selectFrom('reports')
    .selectAll()
    .where('id', '=', reportId)
    .forUpdate()
    .executeTakeFirst()
  if (!report || report.anonymized_at) throw notFound()
  // Decided by someone else meanwhile: nothing is changed.
  if (!canDecideReport(report.status)) throw new DomainError(409, 'duties.triage.errors.notPending')
  return report
}

type LockedReport = Awaited<ReturnType<typeof lockPending>>

/** Tells the reporter of a triage decision, by email or, with only a mobile, by SMS. */
async function tellReporter(
  trx: Transaction<Database>,
  report: Pick<
    LockedReport,
    | 'id'
    | 'contact_email'
    | 'contact_mobile'
    | 'contact_name'
    | 'title'
    | 'tracking_code'
    | 'follow_token'
  >,
  step: 'accepted' | 'declined' | 'merged',
  ctx: TriageContext,
  extra: { detail?: string | null; deadline?: string | null } = {},
) {
  await queueToContact(
    trx,
    { email: report.contact_email, mobile: report.contact_mobile },
    {
      template: 'report-update',
      props: {
        step,
        name: report.contact_name ?? '',
        title: report.title,
        code: report.tracking_code,
        followUrl: followUrl(ctx.publicUrl, report.follow_token),
        detail: extra.detail ?? null,
        deadline: extra.deadline ?? null,
      },
      dedupeKey: `report-${step}:${report.id}`,
    },
  )
}

export interface NewDutyInput {
  reportId: number
  unitId: number
  coUnitIds: number[]
  title: string
  commitment: string
  leaderName: string
  leaderTitle: string
  mode: DutyMode
  /** Required unless the mode is ongoing (长期坚持 has no end date). */
  deadline: string | null
}

function checkDeadline(mode: DutyMode, deadline: string | null, today: string): string | null {
  if (mode === 'ongoing') return null
  if (!deadline) throw refused('deadlineRequired')
  if (deadline < today) throw refused('deadlinePast')
  return deadline
}

/**
 * Accepts a pending report into a new duty on a unit's duty list, in one transaction: the
 * duty, its co-units, the link, the report's status, the public events and the emails to the
 * reporter and to the unit's staff.
 */
export async function acceptIntoNewDuty(
  db: Kysely<Database>,
  input: NewDutyInput,
  ctx: TriageContext,
): Promise<{ dutyId: number }> {
  const today = ctx.today ?? chinaToday()
  const deadline = checkDeadline(input.mode, input.deadline, today)
  return db.transaction().execute(async (trx) => {
    const report = await lockPending(trx, input.reportId)
    const coUnitIds = [...new Set(input.coUnitIds)].filter((id) => id !== input.unitId)
    const units = await trx
      .selectFrom('units')
      .select(['id', 'name'])
      .where('id', 'in', [input.unitId, ...coUnitIds])
      .execute()
    const unit = units.find((u) => u.id === input.unitId)
    if (!unit || units.length !== coUnitIds.length + 1) throw refused('unknownUnit')
    const now = new Date()
    const duty = await trx
      .insertInto('duties')
      .values({
        unit_id: input.unitId,
        category_id: report.category_id,
        area_id: report.area_id,
        title: input.title,
        commitment: input.commitment,
        leader_name: input.leaderName,
        leader_title: input.leaderTitle,
        mode: input.mode,
        deadline,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    if (coUnitIds.length) {
      await trx
        .insertInto('duty_co_units')
        .values(coUnitIds.map((unit_id) => ({ duty_id: duty.id, unit_id })))
        .execute()
    }
    await linkReport(trx, report, duty.id, ctx, { unit: unit.name, deadline })
    await appendEvent(trx, {
      type: 'duty.assigned',
      dutyId: duty.id,
      actor: `staff:${ctx.staffId}`,
      public: true,
      data: { unitId: input.unitId, coUnitIds, mode: input.mode, deadline },
    })
    const officers = await trx
      .selectFrom('staff_users')
      .select(['id', 'email'])
      .where('unit_id', '=', input.unitId)
      .where('role', '=', 'unit_staff')
      .where('disabled_at', 'is', null)
      .execute()
    for (const officer of officers) {
      await queueEmail(trx, {
        to: officer.email,
        template: 'duty-assigned',
        props: {
          title: input.title,
          commitment: input.commitment,
          deadline,
          dutyUrl: dutyUrl(ctx.publicUrl, duty.id),
        },
        dedupeKey: `duty-assigned:${duty.id}:${officer.id}`,
      })
    }
    return { dutyId: duty.id }
  })
}

async function linkReport(
  trx: Transaction<Database>,
  report: LockedReport,
  dutyId: number,
  ctx: TriageContext,
  detail: { unit: string; deadline: string | null },
) {
  const now = new Date()
  await trx.insertInto('duty_reports').values({ duty_id: dutyId, report_id: report.id }).execute()
  await trx
    .updateTable('reports')
    .set({ status: 'accepted', updated_at: now })
    .where('id', '=', report.id)
    .execute()
  await appendEvent(trx, {
    type: 'report.accepted',
    reportId: report.id,
    dutyId,
    actor: `staff:${ctx.staffId}`,
    public: true,
  })
  await tellReporter(trx, report, 'accepted', ctx, {
    detail: detail.unit,
    deadline: detail.deadline,
  })
}

/** Accepts a pending report into a duty that is still open; its reporter follows that duty. */
async function acceptIntoExistingDuty(
  db: Kysely<Database>,
  input: { reportId: number; dutyId: number },
  ctx: TriageContext,
): Promise<{ dutyId: number }> {
  return db.transaction().execute(async (trx) => {
    const report = await lockPending(trx, input.reportId)
    const duty = await trx
      .selectFrom('duties as d')
      .innerJoin('units as u', 'u.id', 'd.unit_id')
      .select(['d.id', 'd.status', 'd.deadline', 'u.name as unit_name'])
      .where('d.id', '=', input.dutyId)
      .executeTakeFirst()
    if (!duty || !isOpenDuty(duty.status)) throw refused('dutyNotOpen')
    await linkReport(trx, report, duty.id, ctx, { unit: duty.unit_name, deadline: duty.deadline })
    return { dutyId: duty.id }
  })
}

/** Merges a pending report into another open report: its reporter follows the survivor. */
async function mergeReport(
  db: Kysely<Database>,
  input: { reportId: number; intoId: number },
  ctx: TriageContext,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const report = await lockPending(trx, input.reportId)
    const into = await trx
      .selectFrom('reports')
      .select(['id', 'status', 'title'])
      .where('id', '=', input.intoId)
      .where('anonymized_at', 'is', null)
      .executeTakeFirst()
    if (!into || into.id === report.id || !['pending', 'accepted'].includes(into.status))
      throw refused('mergeTarget')
    await trx
      .updateTable('reports')
      .set({ status: 'merged', merged_into_id: into.id, updated_at: new Date() })
      .where('id', '=', report.id)
      .execute()
    await appendEvent(trx, {
      type: 'report.merged',
      reportId: report.id,
      actor: `staff:${ctx.staffId}`,
      public: true,
      data: { into: into.id },
    })
    await tellReporter(trx, report, 'merged', ctx, { detail: into.title })
  })
}

/** Declines a pending report with a reason that is shown in public. */
async function declineReport(
  db: Kysely<Database>,
  input: { reportId: number; reason: string },
  ctx: TriageContext,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const report = await lockPending(trx, input.reportId)
    await trx
      .updateTable('reports')
      .set({ status: 'declined', decline_reason: input.reason, updated_at: new Date() })
      .where('id', '=', report.id)
      .execute()
    await appendEvent(trx, {
      type: 'report.declined',
      reportId: report.id,
      actor: `staff:${ctx.staffId}`,
      public: true,
      data: { reason: input.reason },
    })
    await tellReporter(trx, report, 'declined', ctx, { detail: input.reason })
  })
}

/** Carries out one of the coordinator's decisions on a pending report; says which it was. */
export async function decideReport(
  db: Kysely<Database>,
  reportId: number,
  decision: TriageDecision,
  ctx: TriageContext,
): Promise<'accepted' | 'merged' | 'declined'> {
  switch (decision.intent) {
    case 'new':
      await acceptIntoNewDuty(
        db,
        {
          reportId,
          unitId: decision.unit,
          coUnitIds: decision.coUnits ?? [],
          title: decision.title,
          commitment: decision.commitment,
          leaderName: decision.leaderName,
          leaderTitle: decision.leaderTitle,
          mode: decision.mode,
          deadline: decision.deadline ?? null,
        },
        ctx,
      )
      return 'accepted'
    case 'existing':
      await acceptIntoExistingDuty(db, { reportId, dutyId: decision.dutyId }, ctx)
      return 'accepted'
    case 'merge':
      await mergeReport(db, { reportId, intoId: decision.intoId }, ctx)
      return 'merged'
    case 'decline':
      await declineReport(db, { reportId, reason: decision.reason }, ctx)
      return 'declined'
  }
}
