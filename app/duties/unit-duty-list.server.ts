import type { Kysely } from 'kysely'
import type { Database, DutyMode, DutyStatus, UnitKind } from '../../db/schema'
import type { Locale } from '../platform/i18n'
import { isOverdue } from './duty-lifecycle'
import { localName } from './units.server'
import { chinaToday } from './working-days'

export interface UnitSummary {
  slug: string
  name: string
  kind: UnitKind
  total: number
  open: number
  resolved: number
}

/** The public directory of responsible units with the size of each one's duty list. */
export async function unitDirectory(db: Kysely<Database>, locale: Locale): Promise<UnitSummary[]> {
  const rows = await db
    .selectFrom('units as u')
    .leftJoin('duties as d', 'd.unit_id', 'u.id')
    .select((eb) => [
      'u.slug',
      'u.name',
      'u.name_en',
      'u.kind',
      eb.fn.count<string | number>('d.id').as('total'),
      eb.fn
        .count<string | number>('d.id')
        .filterWhere('d.status', 'in', ['assigned', 'in_progress'])
        .as('open'),
      eb.fn
        .count<string | number>('d.id')
        .filterWhere('d.status', 'in', ['resolved', 'closed'])
        .as('resolved'),
    ])
    .groupBy(['u.id', 'u.slug', 'u.name', 'u.name_en', 'u.kind', 'u.sort_order'])
    .orderBy('u.sort_order')
    .orderBy('u.id')
    .execute()
  return rows.map((r) => ({
    slug: r.slug,
    name: localName(locale, r),
    kind: r.kind,
    total: Number(r.total),
    open: Number(r.open),
    resolved: Number(r.resolved),
  }))
}

export const UNIT_PAGE_SIZE = 20

/** One duty on a unit's public duty list: public columns only. */
export interface UnitDutyRow {
  id: number
  title: string
  commitment: string
  leaderName: string
  leaderTitle: string
  mode: DutyMode
  deadline: string | null
  status: DutyStatus
  progress: number
  overdue: boolean
  reports: number
}

/**
 * A unit's public duty list (履职清单), newest first, a page at a time by keyset: `before` is
 * the last id of the previous page, so a page never shifts when new duties arrive.
 * Only public columns are read.
 */
export async function publicUnitDutyList(
  db: Kysely<Database>,
  slug: string,
  locale: Locale,
  page: { before?: number } = {},
  today = chinaToday(),
) {
  if (!/^[a-z0-9-]{1,64}$/.test(slug)) return null
  const unit = await db
    .selectFrom('units')
    .select(['id', 'slug', 'name', 'name_en', 'kind'])
    .where('slug', '=', slug)
    .executeTakeFirst()
  if (!unit) return null
  let query = db
    .selectFrom('duties as d')
    .select((eb) => [
      'd.id',
      'd.title',
      'd.commitment',
      'd.leader_name',
      'd.leader_title',
      'd.mode',
      'd.deadline',
      'd.status',
      'd.progress',
      eb
        .selectFrom('duty_reports as dr')
        .select(eb.fn.countAll<string | number>().as('n'))
        .whereRef('dr.duty_id', '=', 'd.id')
        .as('reports'),
    ])
    .where('d.unit_id', '=', unit.id)
  if (page.before) query = query.where('d.id', '<', page.before)
  const rows = await query
    .orderBy('d.id', 'desc')
    .limit(UNIT_PAGE_SIZE + 1)
    .execute()
  const more = rows.length > UNIT_PAGE_SIZE
  const duties: UnitDutyRow[] = rows.slice(0, UNIT_PAGE_SIZE).map((d) => ({
    id: d.id,
    title: d.title,
    commitment: d.commitment,
    leaderName: d.leader_name,
    leaderTitle: d.leader_title,
    mode: d.mode,
    deadline: d.deadline,
    status: d.status,
    progress: d.progress,
    overdue: isOverdue(d, today),
    reports: Number(d.reports ?? 0),
  }))
  return {
    unit: { id: unit.id, slug: unit.slug, name: localName(locale, unit), kind: unit.kind },
    duties,
    nextBefore: more ? duties[duties.length - 1]!.id : null,
  }
}
