import type { Kysely, Transaction } from 'kysely'
import type { Database, DutyMode, ReportKind, ReportStatus } from '../../db/schema'
import type { Locale } from '../platform/i18n'
import { canDecideReport, isOpenDuty } from './duty-lifecycle'
import { appendEvent } from '../platform/event.server'
import { queueEmail } from '../platform/outbox.server'
import { followUrl } from '../reporting/report.server'
import { findSimilarReports, type SimilarReport } from '../reporting/similar-reports.server'
import { addWorkingDays, chinaToday } from './working-days'

/** The report was decided by someone else meanwhile (or never was pending). */
export class ReportNotPendingError extends Error {
  constructor(
    readonly reportId: number,
    readonly status: ReportStatus,
  ) {
    super(`Report ${reportId} is ${status}, not pending`)
  }
}

/** A choice the coordinator made that the data refuses (unknown unit, closed duty, …). */
export class TriageError extends Error {
  constructor(
    readonly field: string,
    readonly key:
      'unknownUnit' | 'dutyNotOpen' | 'mergeTarget' | 'deadlineRequired' | 'deadlinePast',
  ) {
    super(`${field}: ${key}`)
  }
}

export interface TriageFilters {
  kind?: ReportKind
  categoryId?: number
  /** A street or community: the street matches its communities too. */
  areaId?: number
}

const name = (locale: Locale, row: { name: string; name_en: string }) =>
  locale === 'en' ? row.name_en : row.name

export interface QueueItem {
  id: number
  trackingCode: string
  kind: ReportKind
  title: string
  createdAt: Date
  category: string
  area: string
  proposedUnit: string | null
}

/** Pending reports, oldest first (the first `limit` of them), and how many match in all. */
export async function triageQueue(
  db: Kysely<Database>,
  filters: TriageFilters,
  locale: Locale,
  limit = 100,
): Promise<{ items: QueueItem[]; total: number }> {
  let query = db
    .selectFrom('reports as r')
    .innerJoin('categories as c', 'c.id', 'r.category_id')
    .innerJoin('areas as a', 'a.id', 'r.area_id')
    .leftJoin('units as u', 'u.id', 'r.proposed_unit_id')
    .select([
      'r.id',
      'r.tracking_code',
      'r.kind',
      'r.title',
      'r.created_at',
      'c.name as category_name',
      'c.name_en as category_name_en',
      'a.name as area_name',
      'a.name_en as area_name_en',
      'u.name as unit_name',
      'u.name_en as unit_name_en',
    ])
    .where('r.status', '=', 'pending')
    .where('r.anonymized_at', 'is', null)
  if (filters.kind) query = query.where('r.kind', '=', filters.kind)
  if (filters.categoryId) query = query.where('r.category_id', '=', filters.categoryId)
  if (filters.areaId) {
    const areaId = filters.areaId
    query = query.where((eb) =>
      eb.or([eb('r.area_id', '=', areaId), eb('a.parent_id', '=', areaId)]),
    )
  }
  const [rows, count] = await Promise.all([
    query.orderBy('r.created_at').orderBy('r.id').limit(limit).execute(),
    query
      .clearSelect()
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow(),
  ])
  const items = rows.map((r) => ({
    id: r.id,
    trackingCode: r.tracking_code,
    kind: r.kind,
    title: r.title,
    createdAt: r.created_at,
    category: name(locale, { name: r.category_name, name_en: r.category_name_en }),
    area: name(locale, { name: r.area_name, name_en: r.area_name_en }),
    proposedUnit:
      r.unit_name === null ? null : locale === 'en' ? (r.unit_name_en ?? r.unit_name) : r.unit_name,
  }))
  return { items, total: Number(count.n) }
}

/** What the filter form offers: categories and streets. */
export async function triageFilterOptions(db: Kysely<Database>, locale: Locale) {
  const [categories, streets] = await Promise.all([
    db
      .selectFrom('categories')
      .select(['id', 'kind', 'name', 'name_en'])
      .orderBy('kind')
      .orderBy('sort_order')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('areas')
      .select(['id', 'name', 'name_en'])
      .where('level', '=', 'street')
      .orderBy('sort_order')
      .orderBy('id')
      .execute(),
  ])
  return {
    categories: categories.map((c) => ({ id: c.id, kind: c.kind, name: name(locale, c) })),
    areas: streets.map((a) => ({ id: a.id, name: name(locale, a) })),
  }
}

export interface TriageCase {
  report: {
    id: number
    trackingCode: string
    kind: ReportKind
    status: ReportStatus
    title: string
    body: string
    address: string | null
    companyName: string | null
    createdAt: Date
    category: string
    area: string
    categoryId: number
    proposedUnitId: number | null
  }
  /** Working days the category allows, and the deadline they give counted from today. */
  limits: { responseDays: number; resolutionDays: number }
  suggestedDeadline: string
  similar: SimilarReport[]
  units: Array<{ id: number; name: string }>
  /** The responsible leader each unit named last, to suggest for the proposed unit. */
  lastLeaders: Array<{ unitId: number; name: string; title: string }>
  /** Open reports this one may be merged into: similar ones first, then the category's newest. */
  mergeCandidates: Array<{ id: number; title: string; trackingCode: string }>
  /** Open duties a report may join: the same category's first. */
  openDuties: Array<{ id: number; title: string; unit: string; sameCategory: boolean }>
}

/** One report as the coordinator decides it: its details, similar reports and the choices. */
export async function triageCase(
  db: Kysely<Database>,
  reportId: number,
  locale: Locale,
  today = chinaToday(),
): Promise<TriageCase | null> {
  const row = await db
    .selectFrom('reports as r')
    .innerJoin('categories as c', 'c.id', 'r.category_id')
    .innerJoin('areas as a', 'a.id', 'r.area_id')
    .select([
      'r.id',
      'r.tracking_code',
      'r.kind',
      'r.status',
      'r.title',
      'r.body',
      'r.address',
      'r.company_name',
      'r.created_at',
      'r.category_id',
      'r.proposed_unit_id',
      'r.area_id',
      'r.anonymized_at',
      'a.level as area_level',
      'a.parent_id as area_parent_id',
      'c.name as category_name',
      'c.name_en as category_name_en',
      'c.response_days',
      'c.resolution_days',
      'a.name as area_name',
      'a.name_en as area_name_en',
    ])
    .where('r.id', '=', reportId)
    .executeTakeFirst()
  if (!row || row.anonymized_at) return null
  const streetId =
    row.area_level === 'community' ? (row.area_parent_id ?? row.area_id) : row.area_id
  const [similar, units, duties, sameCategory, leaders] = await Promise.all([
    row.area_level === 'district'
      ? Promise.resolve([])
      : findSimilarReports(db, {
          categoryId: row.category_id,
          streetId,
          title: row.title,
          body: row.body,
          limit: 6,
        }),
    db
      .selectFrom('units')
      .select(['id', 'name', 'name_en'])
      .orderBy('sort_order')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('duties as d')
      .innerJoin('units as u', 'u.id', 'd.unit_id')
      .select(['d.id', 'd.title', 'd.category_id', 'u.name', 'u.name_en'])
      .where('d.status', 'in', ['assigned', 'in_progress'])
      .orderBy('d.id', 'desc')
      .limit(200)
      .execute(),
    db
      .selectFrom('reports')
      .select(['id', 'title', 'tracking_code'])
      .where('category_id', '=', row.category_id)
      .where('status', 'in', ['pending', 'accepted'])
      .where('id', '!=', row.id)
      .where('anonymized_at', 'is', null)
      .orderBy('id', 'desc')
      .limit(50)
      .execute(),
    db
      .selectFrom('duties')
      .select(['unit_id', 'leader_name', 'leader_title'])
      .distinctOn('unit_id')
      .orderBy('unit_id')
      .orderBy('id', 'desc')
      .execute(),
  ])
  const similarOthers = similar.filter((s) => s.id !== row.id)
  const similarIds = new Set(similarOthers.map((s) => s.id))
  return {
    report: {
      id: row.id,
      trackingCode: row.tracking_code,
      kind: row.kind,
      status: row.status,
      title: row.title,
      body: row.body,
      address: row.address,
      companyName: row.company_name,
      createdAt: row.created_at,
      category: name(locale, { name: row.category_name, name_en: row.category_name_en }),
      area: name(locale, { name: row.area_name, name_en: row.area_name_en }),
      categoryId: row.category_id,
      proposedUnitId: row.proposed_unit_id,
    },
    limits: { responseDays: row.response_days, resolutionDays: row.resolution_days },
    suggestedDeadline: addWorkingDays(today, row.resolution_days),
    similar: similarOthers,
    lastLeaders: leaders.map((l) => ({
      unitId: l.unit_id,
      name: l.leader_name,
      title: l.leader_title,
    })),
    mergeCandidates: [
      ...similarOthers.map((s) => ({
        id: s.id,
        title: s.title,
        trackingCode: sameCategory.find((r) => r.id === s.id)?.tracking_code ?? '',
      })),
      ...sameCategory
        .filter((r) => !similarIds.has(r.id))
        .map((r) => ({ id: r.id, title: r.title, trackingCode: r.tracking_code })),
    ],
    units: units.map((u) => ({ id: u.id, name: name(locale, u) })),
    openDuties: duties
      .map((d) => ({
        id: d.id,
        title: d.title,
        unit: name(locale, d),
        sameCategory: d.category_id === row.category_id,
      }))
      .sort((a, b) => Number(b.sameCategory) - Number(a.sameCategory)),
  }
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
  if (!report || report.anonymized_at) throw new Response('Not found', { status: 404 })
  if (!canDecideReport(report.status)) throw new ReportNotPendingError(report.id, report.status)
  return report
}

type LockedReport = Awaited<ReturnType<typeof lockPending>>

async function emailReporter(
  trx: Transaction<Database>,
  report: Pick<
    LockedReport,
    'id' | 'contact_email' | 'contact_name' | 'title' | 'tracking_code' | 'follow_token'
  >,
  step: 'accepted' | 'declined' | 'merged',
  ctx: TriageContext,
  extra: { detail?: string | null; deadline?: string | null } = {},
) {
  if (!report.contact_email) return
  await queueEmail(trx, {
    to: report.contact_email,
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
  })
}

export function dutyUrl(publicUrl: string, dutyId: number): string {
  return `${publicUrl.replace(/\/$/, '')}/staff/duties/${dutyId}`
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
  if (!deadline) throw new TriageError('deadline', 'deadlineRequired')
  if (deadline < today) throw new TriageError('deadline', 'deadlinePast')
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
    if (!unit) throw new TriageError('unit', 'unknownUnit')
    if (units.length !== coUnitIds.length + 1) throw new TriageError('coUnits', 'unknownUnit')
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
  await emailReporter(trx, report, 'accepted', ctx, {
    detail: detail.unit,
    deadline: detail.deadline,
  })
}

/** Accepts a pending report into a duty that is still open; its reporter follows that duty. */
export async function acceptIntoExistingDuty(
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
    if (!duty || !isOpenDuty(duty.status)) throw new TriageError('dutyId', 'dutyNotOpen')
    await linkReport(trx, report, duty.id, ctx, { unit: duty.unit_name, deadline: duty.deadline })
    return { dutyId: duty.id }
  })
}

/** Merges a pending report into another open report: its reporter follows the survivor. */
export async function mergeReport(
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
      throw new TriageError('intoId', 'mergeTarget')
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
    await emailReporter(trx, report, 'merged', ctx, { detail: into.title })
  })
}

/** Declines a pending report with a reason that is shown in public. */
export async function declineReport(
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
    await emailReporter(trx, report, 'declined', ctx, { detail: input.reason })
  })
}
