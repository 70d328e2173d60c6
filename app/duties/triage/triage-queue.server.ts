import type { Kysely } from 'kysely'
import type { Database, ReportKind, ReportStatus } from '../../../db/schema'
import { notFound } from '../../platform/errors'
import type { Locale } from '../../platform/i18n'
import { findSimilarReports, type SimilarReport } from '../../reporting/similar-reports.server'
import { localName, unitOptions, type UnitOption } from '../units.server'
import { workCalendar } from '../../calendar/calendar-data.server'
import { addWorkingDays, chinaToday, missingYears } from '../working-days'
import { reportNumber } from '../../privacy/report-number'

export interface TriageFilters {
  kind?: ReportKind
  categoryId?: number
  /** A street or community: the street matches its communities too. */
  areaId?: number
}

export interface QueueItem {
  id: number
  number: string
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
    number: reportNumber(r.id),
    kind: r.kind,
    title: r.title,
    createdAt: r.created_at,
    category: localName(locale, { name: r.category_name, name_en: r.category_name_en }),
    area: localName(locale, { name: r.area_name, name_en: r.area_name_en }),
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
    categories: categories.map((c) => ({ id: c.id, kind: c.kind, name: localName(locale, c) })),
    areas: streets.map((a) => ({ id: a.id, name: localName(locale, a) })),
  }
}

export interface TriageCase {
  report: {
    id: number
    number: string
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
  /** The first year the suggestion is counted across without its holidays entered (issue 17). */
  unenteredYear: number | null
  similar: SimilarReport[]
  units: UnitOption[]
  /** The responsible leader each unit named last, to suggest for the proposed unit. */
  lastLeaders: Array<{ unitId: number; name: string; title: string }>
  /** Open reports this one may be merged into: similar ones first, then the category's newest. */
  mergeCandidates: Array<{ id: number; title: string; number: string }>
  /** Open duties a report may join: the same category's first. */
  openDuties: Array<{ id: number; title: string; unit: string; sameCategory: boolean }>
}

/**
 * One report as the coordinator decides it: its details, similar reports and the choices.
 * An anonymised report is gone for staff too (404).
 */
export async function triageCase(
  db: Kysely<Database>,
  reportId: number,
  locale: Locale,
  today = chinaToday(),
): Promise<TriageCase> {
  const row = await db
    .selectFrom('reports as r')
    .innerJoin('categories as c', 'c.id', 'r.category_id')
    .innerJoin('areas as a', 'a.id', 'r.area_id')
    .select([
      'r.id',
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
  if (!row || row.anonymized_at) throw notFound()
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
    unitOptions(db, locale),
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
      .select(['id', 'title'])
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
  const calendar = await workCalendar(db)
  const suggestedDeadline = addWorkingDays(today, row.resolution_days, calendar)
  return {
    report: {
      id: row.id,
      number: reportNumber(row.id),
      kind: row.kind,
      status: row.status,
      title: row.title,
      body: row.body,
      address: row.address,
      companyName: row.company_name,
      createdAt: row.created_at,
      category: localName(locale, { name: row.category_name, name_en: row.category_name_en }),
      area: localName(locale, { name: row.area_name, name_en: row.area_name_en }),
      categoryId: row.category_id,
      proposedUnitId: row.proposed_unit_id,
    },
    limits: { responseDays: row.response_days, resolutionDays: row.resolution_days },
    suggestedDeadline,
    unenteredYear: missingYears(today, suggestedDeadline, calendar)[0] ?? null,
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
        number: reportNumber(s.id),
      })),
      ...sameCategory
        .filter((r) => !similarIds.has(r.id))
        .map((r) => ({ id: r.id, title: r.title, number: reportNumber(r.id) })),
    ],
    units,
    openDuties: duties
      .map((d) => ({
        id: d.id,
        title: d.title,
        unit: localName(locale, d),
        sameCategory: d.category_id === row.category_id,
      }))
      .sort((a, b) => Number(b.sameCategory) - Number(a.sameCategory)),
  }
}
