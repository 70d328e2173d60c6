import type { Kysely } from 'kysely'
import type { Database, DutyMode, DutyStatus, ReportStatus } from '../../db/schema'
import { dutyTimeline, type TimelineEntry } from '../browse/timeline.server'
import { notFound } from '../platform/errors'
import type { Locale } from '../platform/i18n'
import type { Staff } from '../staff/staff.server'
import { isOverdue } from './duty-lifecycle'
import { workingDaysLeft } from './staff-duty-list.server'
import { localName } from './units.server'
import { workCalendar } from '../calendar/calendar-data.server'
import { chinaToday, missingYears } from './working-days'
import { reportNumber } from '../privacy/report-number'

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
  if (!allowed) throw notFound()
  return duty
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
    /** The deadline's year when its holidays are not entered: counted Monday to Friday (issue 17). */
    unenteredYear: number | null
  }
  milestones: Array<{ id: number; title: string; dueOn: string | null; doneAt: Date | null }>
  reports: Array<{ id: number; title: string; number: string; status: ReportStatus }>
  timeline: TimelineEntry[]
}

/** A duty's staff page: its details, steps, linked reports and timeline, if the officer may see it. */
export async function staffDutyDetail(
  db: Kysely<Database>,
  staff: Staff,
  dutyId: number,
  locale: Locale,
  today = chinaToday(),
): Promise<DutyDetail> {
  await requireDutyAccess(db, staff, dutyId)
  const d = await db
    .selectFrom('duties as d')
    .innerJoin('units as u', 'u.id', 'd.unit_id')
    .selectAll('d')
    .select(['u.name', 'u.name_en', 'u.slug'])
    .where('d.id', '=', dutyId)
    .executeTakeFirst()
  if (!d) throw notFound()
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
      .select(['r.id', 'r.title', 'r.status'])
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
      unit: localName(locale, d),
      unitId: d.unit_id,
      unitSlug: d.slug,
      coUnits: coUnits.map((u) => localName(locale, u)),
      daysLeft: workingDaysLeft(d, today),
      overdue: isOverdue(d, today),
      unenteredYear: d.deadline
        ? (missingYears(d.deadline, d.deadline, await workCalendar(db))[0] ?? null)
        : null,
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
      number: reportNumber(r.id),
      status: r.status,
    })),
    timeline,
  }
}
