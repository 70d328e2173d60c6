import type { Kysely } from 'kysely'
import type { Database, DutyMode, DutyStatus } from '../../db/schema'
import { DomainError } from '../platform/errors'
import type { Locale } from '../platform/i18n'
import type { Staff } from '../staff/staff.server'
import { isOverdue } from './duty-lifecycle'
import { localName, unitOptions, type UnitOption } from './units.server'
import { chinaToday, workingDaysBetween } from './working-days'
import { reportNumber } from '../privacy/report-number'

/** Days left (positive), due today (0) or overdue (negative), in working days; null without a deadline. */
export function workingDaysLeft(
  duty: { status: DutyStatus; deadline: string | null },
  today: string,
): number | null {
  if (!duty.deadline || duty.status === 'resolved' || duty.status === 'closed') return null
  return workingDaysBetween(today, duty.deadline)
}

/** A unit officer's own unit; an officer not (or no longer) in a unit has no duty list. */
export function ownUnitId(staff: Staff): number {
  if (staff.unitId === null) throw new DomainError(403, 'common.error.forbidden')
  return staff.unitId
}

/**
 * The unit whose duties an officer may list: unit staff their own whatever the address asks
 * for, the coordinator the one asked for (or every unit's when none is).
 */
function listedUnit(staff: Staff, wanted: number | undefined): number | undefined {
  return staff.role === 'unit_staff' ? ownUnitId(staff) : wanted
}

/** One duty on the staff duty list, with its linked reports. */
export interface StaffDutyRow {
  id: number
  title: string
  unit: string
  status: DutyStatus
  mode: DutyMode
  deadline: string | null
  daysLeft: number | null
  overdue: boolean
  progress: number
  reports: Array<{ id: number; title: string; number: string }>
}

export interface StaffDutyList {
  /** The unit listed; null for every unit's. */
  unitId: number | null
  duties: StaffDutyRow[]
  /** The coordinator's choice of unit; empty for unit staff. */
  units: UnitOption[]
}

/** A unit's duty list (or every unit's for the coordinator), open ones first, soonest deadline first. */
export async function staffDutyList(
  db: Kysely<Database>,
  staff: Staff,
  filter: { unitId?: number; status?: DutyStatus },
  locale: Locale,
  today = chinaToday(),
): Promise<StaffDutyList> {
  const unitId = listedUnit(staff, filter.unitId)
  const [duties, units] = await Promise.all([
    dutyRows(db, { unitId, status: filter.status }, locale, today),
    staff.role === 'coordinator' ? unitOptions(db, locale) : Promise.resolve([]),
  ])
  return { unitId: unitId ?? null, duties, units }
}

async function dutyRows(
  db: Kysely<Database>,
  filter: { unitId?: number; status?: DutyStatus },
  locale: Locale,
  today: string,
): Promise<StaffDutyRow[]> {
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
        .select(['dr.duty_id', 'r.id', 'r.title'])
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
      unit: localName(locale, d),
      status: d.status,
      mode: d.mode,
      deadline: d.deadline,
      daysLeft: workingDaysLeft(d, today),
      overdue: isOverdue(d, today),
      progress: d.progress,
      reports: links
        .filter((l) => l.duty_id === d.id)
        .map((l) => ({ id: l.id, title: l.title, number: reportNumber(l.id) })),
    }))
    .sort(
      (a, b) =>
        rank[a.status] - rank[b.status] ||
        (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999') ||
        b.id - a.id,
    )
}
