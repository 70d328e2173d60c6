import { sql, type Kysely } from 'kysely'
import type {
  Database,
  DisplayPreference,
  DutyMode,
  DutyStatus,
  ReportKind,
  ReportStatus,
} from '../../db/schema'
import type { Locale } from '../platform/i18n'
import { cached } from '../platform/cache.server'
import {
  decodeCursor,
  encodeCursor,
  likePattern,
  maskPrivateText,
  PAGE_SIZE,
  periodDays,
  searchTerms,
  type BrowseFilters,
} from './list-query'
import { isOverdue } from '../duties/duty-lifecycle'
import { publicReporterName } from '../reporting/reporter-name'
import { dutyTimeline, reportTimeline, type TimelineEntry } from './timeline.server'
import { chinaToday } from '../duties/working-days'

export interface Page<T> {
  items: T[]
  total: number
  /** The cursor of the next page, or null on the last one. */
  next: string | null
}

const UTC_STAMP = 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'

function periodStart(f: BrowseFilters): Date | null {
  return f.period ? new Date(Date.now() - periodDays[f.period] * 24 * 3600 * 1000) : null
}

export interface DutyListItem {
  id: number
  title: string
  status: DutyStatus
  mode: DutyMode
  deadline: string | null
  progress: number
  overdue: boolean
  unitSlug: string
  unitName: string
  categoryName: string
  areaName: string | null
  createdAt: Date
  updatedAt: Date
}

/**
 * The count for a filter, the same on every page of it (so without cursor or sort): counting
 * a million rows is the dearest part of a list, so a total is kept briefly and shared.
 */
function filterTotal(
  list: 'duties' | 'reports',
  f: BrowseFilters,
  count: () => Promise<{ n: string | number }>,
): Promise<{ n: string | number }> {
  const { after: _after, sort: _sort, ...filter } = f
  return cached(`public:${list}-total:${JSON.stringify(filter)}`, count)
}

/** The public duty list (履职清单) for a filter, one page after the cursor. */
export async function listDuties(
  db: Kysely<Database>,
  f: BrowseFilters,
  locale: Locale,
): Promise<Page<DutyListItem>> {
  const today = chinaToday()
  const since = periodStart(f)
  const terms = searchTerms(f.q)
  const filtered = db
    .selectFrom('duties as d')
    .innerJoin('units as u', 'u.id', 'd.unit_id')
    .innerJoin('categories as c', 'c.id', 'd.category_id')
    .leftJoin('areas as a', 'a.id', 'd.area_id')
    .where((eb) => {
      const all = []
      if (f.kind) all.push(eb('c.kind', '=', f.kind))
      if (f.category) all.push(eb('d.category_id', '=', f.category))
      if (f.area) all.push(eb.or([eb('d.area_id', '=', f.area), eb('a.parent_id', '=', f.area)]))
      if (f.unit) all.push(eb('u.slug', '=', f.unit))
      if (f.status) all.push(eb('d.status', '=', f.status as DutyStatus))
      if (f.overdue)
        all.push(
          eb.and([eb('d.status', 'in', ['assigned', 'in_progress']), eb('d.deadline', '<', today)]),
        )
      if (since) all.push(eb('d.created_at', '>=', since))
      for (const term of terms)
        all.push(eb(sql`d.title || ' ' || d.commitment`, 'ilike', likePattern(term)))
      return eb.and(all)
    })

  const cursor = decodeCursor(f.after, f.sort)
  const key =
    f.sort === 'deadline'
      ? sql`coalesce(d.deadline, '9999-12-31'::date)`
      : f.sort === 'updated'
        ? sql`d.updated_at`
        : sql`d.created_at`
  let page = filtered.select([
    'd.id',
    'd.title',
    'd.status',
    'd.mode',
    'd.deadline',
    'd.progress',
    'd.created_at',
    'd.updated_at',
    'u.slug as unit_slug',
    'u.name as unit_name',
    'u.name_en as unit_name_en',
    'c.name as category_name',
    'c.name_en as category_name_en',
    'a.name as area_name',
    'a.name_en as area_name_en',
    (f.sort === 'deadline'
      ? sql<string>`to_char(coalesce(d.deadline, '9999-12-31'::date), 'YYYY-MM-DD')`
      : sql<string>`to_char(${key} at time zone 'UTC', ${UTC_STAMP})`
    ).as('sort_key'),
  ])
  if (cursor) {
    page =
      f.sort === 'deadline'
        ? page.where(sql<boolean>`(${key}, d.id) > (${cursor.value}::date, ${cursor.id})`)
        : page.where(sql<boolean>`(${key}, d.id) < (${cursor.value}::timestamptz, ${cursor.id})`)
  }
  page =
    f.sort === 'deadline'
      ? page.orderBy(key, 'asc').orderBy('d.id', 'asc')
      : page.orderBy(key, 'desc').orderBy('d.id', 'desc')

  const [rows, count] = await Promise.all([
    page.limit(PAGE_SIZE + 1).execute(),
    filterTotal('duties', f, () =>
      filtered.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow(),
    ),
  ])
  const en = locale === 'en'
  const shown = rows.slice(0, PAGE_SIZE)
  const masks = await privateAddressesOfDuties(
    db,
    shown.map((r) => r.id),
  )
  const last = shown.at(-1)
  return {
    total: Number(count.n),
    next:
      rows.length > PAGE_SIZE && last ? encodeCursor({ value: last.sort_key, id: last.id }) : null,
    items: shown.map((r) => ({
      id: r.id,
      title: maskPrivateText(r.title, masks.get(r.id) ?? []),
      status: r.status,
      mode: r.mode,
      deadline: r.deadline,
      progress: r.progress,
      overdue: isOverdue(r, today),
      unitSlug: r.unit_slug,
      unitName: en ? r.unit_name_en : r.unit_name,
      categoryName: en ? r.category_name_en : r.category_name,
      areaName: (en ? r.area_name_en : r.area_name) ?? null,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    })),
  }
}

/** Addresses that the reporters of each duty's reports asked to keep private. */
async function privateAddressesOfDuties(
  db: Kysely<Database>,
  dutyIds: number[],
): Promise<Map<number, string[]>> {
  const map = new Map<number, string[]>()
  if (!dutyIds.length) return map
  const rows = await db
    .selectFrom('duty_reports as dr')
    .innerJoin('reports as r', 'r.id', 'dr.report_id')
    .select(['dr.duty_id', 'r.address'])
    .where('dr.duty_id', 'in', dutyIds)
    .where('r.address', 'is not', null)
    .where('r.address_public', '=', false)
    .execute()
  for (const row of rows) map.set(row.duty_id, [...(map.get(row.duty_id) ?? []), row.address!])
  return map
}

export interface ReportListItem {
  id: number
  kind: ReportKind
  title: string
  excerpt: string
  status: ReportStatus
  reporterName: string | null
  categoryName: string
  areaName: string
  createdAt: Date
  duty: { id: number; status: DutyStatus; overdue: boolean } | null
}

/** The public problem list (问题清单) for a filter, one page after the cursor. */
export async function listReports(
  db: Kysely<Database>,
  f: BrowseFilters,
  locale: Locale,
): Promise<Page<ReportListItem>> {
  const today = chinaToday()
  const since = periodStart(f)
  const terms = searchTerms(f.q)
  const filtered = db
    .selectFrom('reports as r')
    .innerJoin('categories as c', 'c.id', 'r.category_id')
    .innerJoin('areas as a', 'a.id', 'r.area_id')
    .leftJoin('duty_reports as dr', 'dr.report_id', 'r.id')
    .leftJoin('duties as d', 'd.id', 'dr.duty_id')
    .leftJoin('units as u', 'u.id', 'd.unit_id')
    .where((eb) => {
      const all = []
      if (f.kind) all.push(eb('r.kind', '=', f.kind))
      if (f.category) all.push(eb('r.category_id', '=', f.category))
      if (f.area) all.push(eb.or([eb('r.area_id', '=', f.area), eb('a.parent_id', '=', f.area)]))
      if (f.unit) all.push(eb('u.slug', '=', f.unit))
      if (f.status) all.push(eb('r.status', '=', f.status as ReportStatus))
      if (f.overdue)
        all.push(
          eb.and([eb('d.status', 'in', ['assigned', 'in_progress']), eb('d.deadline', '<', today)]),
        )
      if (since) all.push(eb('r.created_at', '>=', since))
      for (const term of terms)
        all.push(eb(sql`r.title || ' ' || r.body`, 'ilike', likePattern(term)))
      return eb.and(all)
    })

  const cursor = decodeCursor(f.after, f.sort)
  const key =
    f.sort === 'deadline'
      ? sql`coalesce(d.deadline, '9999-12-31'::date)`
      : f.sort === 'updated'
        ? sql`r.updated_at`
        : sql`r.created_at`
  let page = filtered.select([
    'r.id',
    'r.kind',
    'r.title',
    'r.body',
    'r.status',
    'r.address',
    'r.address_public',
    'r.contact_name',
    'r.display',
    'r.created_at',
    'c.name as category_name',
    'c.name_en as category_name_en',
    'a.name as area_name',
    'a.name_en as area_name_en',
    'd.id as duty_id',
    'd.status as duty_status',
    'd.deadline as duty_deadline',
    (f.sort === 'deadline'
      ? sql<string>`to_char(${key}, 'YYYY-MM-DD')`
      : sql<string>`to_char(${key} at time zone 'UTC', ${UTC_STAMP})`
    ).as('sort_key'),
  ])
  if (cursor) {
    page =
      f.sort === 'deadline'
        ? page.where(sql<boolean>`(${key}, r.id) > (${cursor.value}::date, ${cursor.id})`)
        : page.where(sql<boolean>`(${key}, r.id) < (${cursor.value}::timestamptz, ${cursor.id})`)
  }
  page =
    f.sort === 'deadline'
      ? page.orderBy(key, 'asc').orderBy('r.id', 'asc')
      : page.orderBy(key, 'desc').orderBy('r.id', 'desc')

  const [rows, count] = await Promise.all([
    page.limit(PAGE_SIZE + 1).execute(),
    filterTotal('reports', f, () =>
      filtered.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow(),
    ),
  ])
  const en = locale === 'en'
  const shown = rows.slice(0, PAGE_SIZE)
  const last = shown.at(-1)
  return {
    total: Number(count.n),
    next:
      rows.length > PAGE_SIZE && last ? encodeCursor({ value: last.sort_key, id: last.id }) : null,
    items: shown.map((r) => {
      const masks = r.address_public ? [] : [r.address]
      const body = maskPrivateText(r.body, masks)
      return {
        id: r.id,
        kind: r.kind,
        title: maskPrivateText(r.title, masks),
        excerpt: Array.from(body).length > 80 ? `${Array.from(body).slice(0, 80).join('')}…` : body,
        status: r.status,
        reporterName: publicReporterName(r.contact_name, r.display),
        categoryName: en ? r.category_name_en : r.category_name,
        areaName: en ? r.area_name_en : r.area_name,
        createdAt: r.created_at,
        duty:
          r.duty_id !== null && r.duty_status !== null
            ? {
                id: r.duty_id,
                status: r.duty_status,
                overdue: isOverdue({ status: r.duty_status, deadline: r.duty_deadline }, today),
              }
            : null,
      }
    }),
  }
}

export interface FilterOptions {
  categories: Array<{ id: number; name: string; kind: ReportKind }>
  areas: Array<{ id: number; name: string; level: string }>
  units: Array<{ slug: string; name: string }>
}

/** The choices the filter form offers, in the reader's language. */
export async function filterOptions(db: Kysely<Database>, locale: Locale): Promise<FilterOptions> {
  return cached(`reference:browse-filters:${locale}`, async () => {
    const en = locale === 'en'
    const [categories, areas, units] = await Promise.all([
      db
        .selectFrom('categories')
        .select(['id', 'name', 'name_en', 'kind'])
        .orderBy('kind')
        .orderBy('sort_order')
        .orderBy('id')
        .execute(),
      db
        .selectFrom('areas')
        .select(['id', 'name', 'name_en', 'level'])
        .where('level', 'in', ['district', 'street'])
        .orderBy('level')
        .orderBy('sort_order')
        .orderBy('id')
        .execute(),
      db
        .selectFrom('units')
        .select(['slug', 'name', 'name_en'])
        .orderBy('sort_order')
        .orderBy('id')
        .execute(),
    ])
    return {
      categories: categories.map((c) => ({
        id: c.id,
        name: en ? c.name_en : c.name,
        kind: c.kind,
      })),
      areas: areas.map((a) => ({ id: a.id, name: en ? a.name_en : a.name, level: a.level })),
      units: units.map((u) => ({ slug: u.slug, name: en ? u.name_en : u.name })),
    }
  })
}

export interface LinkedReport {
  id: number
  title: string
  status: ReportStatus
  reporterName: string | null
  createdAt: Date
}

export interface PublicDuty {
  id: number
  title: string
  commitment: string
  status: DutyStatus
  mode: DutyMode
  deadline: string | null
  overdue: boolean
  progress: number
  leaderName: string
  leaderTitle: string
  resolutionSummary: string | null
  reopenedCount: number
  unit: { id: number; slug: string; name: string }
  categoryName: string
  areaName: string | null
  createdAt: Date
  resolvedAt: Date | null
  closedAt: Date | null
  reports: LinkedReport[]
  milestones: Array<{ title: string; dueOn: string | null; done: boolean }>
  timeline: TimelineEntry[]
}

/** Everything the public may see of a duty: no contact detail, no private address. */
export async function publicDuty(
  db: Kysely<Database>,
  id: number,
  locale: Locale,
): Promise<PublicDuty | null> {
  const en = locale === 'en'
  const duty = await db
    .selectFrom('duties as d')
    .innerJoin('units as u', 'u.id', 'd.unit_id')
    .innerJoin('categories as c', 'c.id', 'd.category_id')
    .leftJoin('areas as a', 'a.id', 'd.area_id')
    .selectAll('d')
    .select([
      'u.slug as unit_slug',
      'u.name as unit_name',
      'u.name_en as unit_name_en',
      'c.name as category_name',
      'c.name_en as category_name_en',
      'a.name as area_name',
      'a.name_en as area_name_en',
    ])
    .where('d.id', '=', id)
    .executeTakeFirst()
  if (!duty) return null
  const [reports, milestones, timeline] = await Promise.all([
    db
      .selectFrom('duty_reports as dr')
      .innerJoin('reports as r', 'r.id', 'dr.report_id')
      .select([
        'r.id',
        'r.title',
        'r.status',
        'r.contact_name',
        'r.display',
        'r.address',
        'r.address_public',
        'r.created_at',
      ])
      .where('dr.duty_id', '=', id)
      .orderBy('r.created_at')
      .execute(),
    db
      .selectFrom('milestones')
      .select(['title', 'due_on', 'done_at'])
      .where('duty_id', '=', id)
      .orderBy('sort_order')
      .orderBy('id')
      .execute(),
    dutyTimeline(db, id),
  ])
  const masks = reports.filter((r) => !r.address_public).map((r) => r.address)
  const mask = (text: string) => maskPrivateText(text, masks)
  return {
    id: duty.id,
    title: mask(duty.title),
    commitment: mask(duty.commitment),
    status: duty.status,
    mode: duty.mode,
    deadline: duty.deadline,
    overdue: isOverdue(duty, chinaToday()),
    progress: duty.progress,
    leaderName: duty.leader_name,
    leaderTitle: duty.leader_title,
    resolutionSummary: duty.resolution_summary ? mask(duty.resolution_summary) : null,
    reopenedCount: duty.reopened_count,
    unit: { id: duty.unit_id, slug: duty.unit_slug, name: en ? duty.unit_name_en : duty.unit_name },
    categoryName: en ? duty.category_name_en : duty.category_name,
    areaName: (en ? duty.area_name_en : duty.area_name) ?? null,
    createdAt: duty.created_at,
    resolvedAt: duty.resolved_at,
    closedAt: duty.closed_at,
    reports: reports.map((r) => ({
      id: r.id,
      title: mask(r.title),
      status: r.status,
      reporterName: publicReporterName(r.contact_name, r.display),
      createdAt: r.created_at,
    })),
    milestones: milestones.map((m) => ({
      title: mask(m.title),
      dueOn: m.due_on,
      done: m.done_at !== null,
    })),
    timeline: maskTimeline(timeline, masks),
  }
}

function maskTimeline(entries: TimelineEntry[], masks: Array<string | null>): TimelineEntry[] {
  return entries.map((e) => ({
    ...e,
    data: Object.fromEntries(
      Object.entries(e.data).map(([k, v]) => [
        k,
        typeof v === 'string' ? maskPrivateText(v, masks) : v,
      ]),
    ),
    progress: e.progress
      ? { ...e.progress, body: maskPrivateText(e.progress.body, masks) }
      : undefined,
  }))
}

export interface PublicReport {
  id: number
  kind: ReportKind
  title: string
  body: string
  status: ReportStatus
  declineReason: string | null
  reporterName: string | null
  display: DisplayPreference
  address: string | null
  categoryName: string
  areaName: string
  createdAt: Date
  mergedInto: { id: number; title: string } | null
  duty: {
    id: number
    title: string
    status: DutyStatus
    deadline: string | null
    overdue: boolean
    unitSlug: string
    unitName: string
    leaderName: string
    leaderTitle: string
  } | null
  timeline: TimelineEntry[]
}

/** A report as the public sees it: masked name, no contact, no private address. */
export async function publicReport(
  db: Kysely<Database>,
  id: number,
  locale: Locale,
): Promise<PublicReport | null> {
  const en = locale === 'en'
  const r = await db
    .selectFrom('reports as r')
    .innerJoin('categories as c', 'c.id', 'r.category_id')
    .innerJoin('areas as a', 'a.id', 'r.area_id')
    .select([
      'r.id',
      'r.kind',
      'r.title',
      'r.body',
      'r.status',
      'r.decline_reason',
      'r.contact_name',
      'r.display',
      'r.address',
      'r.address_public',
      'r.merged_into_id',
      'r.created_at',
      'c.name as category_name',
      'c.name_en as category_name_en',
      'a.name as area_name',
      'a.name_en as area_name_en',
    ])
    .where('r.id', '=', id)
    .executeTakeFirst()
  if (!r) return null
  const [merged, duty, timeline] = await Promise.all([
    r.merged_into_id
      ? db
          .selectFrom('reports')
          .select(['id', 'title', 'address', 'address_public'])
          .where('id', '=', r.merged_into_id)
          .executeTakeFirst()
      : undefined,
    db
      .selectFrom('duty_reports as dr')
      .innerJoin('duties as d', 'd.id', 'dr.duty_id')
      .innerJoin('units as u', 'u.id', 'd.unit_id')
      .select([
        'd.id',
        'd.title',
        'd.status',
        'd.deadline',
        'd.leader_name',
        'd.leader_title',
        'u.slug',
        'u.name',
        'u.name_en',
      ])
      .where('dr.report_id', '=', id)
      .executeTakeFirst(),
    reportTimeline(db, id),
  ])
  const masks = r.address_public ? [] : [r.address]
  if (merged && !merged.address_public) masks.push(merged.address)
  const mask = (text: string) => maskPrivateText(text, masks)
  return {
    id: r.id,
    kind: r.kind,
    title: mask(r.title),
    body: mask(r.body),
    status: r.status,
    declineReason: r.decline_reason ? mask(r.decline_reason) : null,
    reporterName: publicReporterName(r.contact_name, r.display),
    display: r.display,
    address: r.address_public ? r.address : null,
    categoryName: en ? r.category_name_en : r.category_name,
    areaName: en ? r.area_name_en : r.area_name,
    createdAt: r.created_at,
    mergedInto: merged ? { id: merged.id, title: mask(merged.title) } : null,
    duty: duty
      ? {
          id: duty.id,
          title: mask(duty.title),
          status: duty.status,
          deadline: duty.deadline,
          overdue: isOverdue(duty, chinaToday()),
          unitSlug: duty.slug,
          unitName: en ? duty.name_en : duty.name,
          leaderName: duty.leader_name,
          leaderTitle: duty.leader_title,
        }
      : null,
    timeline: maskTimeline(timeline, masks),
  }
}
