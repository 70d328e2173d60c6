import { sql, type Kysely } from 'kysely'
import type { Database, DutyMode, DutyStatus } from '../../db/schema'
import type { Locale } from '../platform/i18n'
import { isOverdue } from '../duties/duty-lifecycle'
import { chinaToday } from '../duties/working-days'
import { likePattern, PAGE_SIZE, searchTerms, type BrowseFilters } from './list-query'
import { filterTotal, keyset, pageRows, periodStart, type Page } from './keyset.server'
import { publicText } from '../privacy/public-text'

/** One duty on the public duty list (履职清单). */
export interface PublicDutyRow {
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

/** The public duty list for a filter, one page after the cursor. */
export async function listDuties(
  db: Kysely<Database>,
  f: BrowseFilters<DutyStatus>,
  locale: Locale,
): Promise<Page<PublicDutyRow>> {
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
      if (f.status) all.push(eb('d.status', '=', f.status))
      if (f.overdue)
        all.push(
          eb.and([eb('d.status', 'in', ['assigned', 'in_progress']), eb('d.deadline', '<', today)]),
        )
      if (since) all.push(eb('d.created_at', '>=', since))
      for (const term of terms)
        all.push(eb(sql`d.title || ' ' || d.commitment`, 'ilike', likePattern(term)))
      return eb.and(all)
    })

  const order = keyset(f, {
    id: 'd.id',
    created: 'd.created_at',
    updated: 'd.updated_at',
    deadline: 'd.deadline',
  })
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
    order.sortKey.as('sort_key'),
  ])
  if (order.after) page = page.where(order.after)
  page = page.orderBy(order.key, order.direction).orderBy(order.id, order.direction)

  const [rows, total] = await Promise.all([
    page.limit(PAGE_SIZE + 1).execute(),
    filterTotal('duties', f, () =>
      filtered.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow(),
    ),
  ])
  const en = locale === 'en'
  const { shown, next } = pageRows(rows)
  const masks = await privateAddressesOfDuties(
    db,
    shown.map((r) => r.id),
  )
  return {
    total,
    next,
    items: shown.map((r) => ({
      id: r.id,
      title: publicText(r.title, masks.get(r.id) ?? []),
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
  for (const { duty_id, address } of rows)
    if (address) map.set(duty_id, [...(map.get(duty_id) ?? []), address])
  return map
}
