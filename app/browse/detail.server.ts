import type { Kysely } from 'kysely'
import type {
  Database,
  DisplayPreference,
  DutyMode,
  DutyStatus,
  ReportKind,
  ReportStatus,
} from '../../db/schema'
import type { Locale } from '../platform/i18n'
import { isOverdue } from '../duties/duty-lifecycle'
import { chinaToday } from '../duties/working-days'
import { publicReporterName } from '../reporting/reporter-name'
import { publicText } from '../privacy/public-text'
import { dutyTimeline, reportTimeline, type TimelineEntry } from './timeline.server'
import { reportNumber } from '../privacy/report-number'

/** A report linked to a duty, as its public page lists it. */
export interface DutyLinkedReport {
  id: number
  number: string
  kind: ReportKind
  title: string
  status: ReportStatus
  reporterName: string | null
  createdAt: Date
}

/** Everything the public may see of a duty: no contact detail, no private address. */
export interface PublicDutyDetail {
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
  reports: DutyLinkedReport[]
  milestones: Array<{ title: string; dueOn: string | null; done: boolean }>
  timeline: TimelineEntry[]
}

/** A duty as its public page shows it, or null if there is none. */
export async function publicDuty(
  db: Kysely<Database>,
  id: number,
  locale: Locale,
): Promise<PublicDutyDetail | null> {
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
        'r.kind',
        'r.title_public as title',
        'r.status',
        'r.contact_name',
        'r.company_name',
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
  const mask = (text: string) => publicText(text, masks)
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
    resolutionSummary: duty.resolution_summary_public,
    reopenedCount: duty.reopened_count,
    unit: { id: duty.unit_id, slug: duty.unit_slug, name: en ? duty.unit_name_en : duty.unit_name },
    categoryName: en ? duty.category_name_en : duty.category_name,
    areaName: (en ? duty.area_name_en : duty.area_name) ?? null,
    createdAt: duty.created_at,
    resolvedAt: duty.resolved_at,
    closedAt: duty.closed_at,
    reports: reports.map((r) => ({
      id: r.id,
      number: reportNumber(r.id),
      kind: r.kind,
      title: r.title,
      status: r.status,
      reporterName: publicReporterName(r),
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

/** Event data repeats text the reporter typed, so a private address is cut there too. */
function maskTimeline(entries: TimelineEntry[], masks: Array<string | null>): TimelineEntry[] {
  return entries.map((e) => ({
    ...e,
    data: Object.fromEntries(
      Object.entries(e.data).map(([k, v]) => [k, typeof v === 'string' ? publicText(v, masks) : v]),
    ),
    progress: e.progress ? { ...e.progress, body: publicText(e.progress.body, masks) } : undefined,
  }))
}

/** A report as the public sees it: masked name, no contact, no private address. */
export interface PublicReportDetail {
  id: number
  number: string
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

/** A report as its public page shows it, or null if there is none. */
export async function publicReport(
  db: Kysely<Database>,
  id: number,
  locale: Locale,
): Promise<PublicReportDetail | null> {
  const en = locale === 'en'
  const r = await db
    .selectFrom('reports as r')
    .innerJoin('categories as c', 'c.id', 'r.category_id')
    .innerJoin('areas as a', 'a.id', 'r.area_id')
    .select([
      'r.id',
      'r.kind',
      'r.title_public',
      'r.body_public',
      'r.status',
      'r.decline_reason',
      'r.contact_name',
      'r.company_name',
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
          .select(['id', 'title_public', 'address', 'address_public'])
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
  const mask = (text: string) => publicText(text, masks)
  return {
    id: r.id,
    kind: r.kind,
    number: reportNumber(r.id),
    title: r.title_public,
    body: r.body_public,
    status: r.status,
    declineReason: r.decline_reason ? mask(r.decline_reason) : null,
    reporterName: publicReporterName(r),
    display: r.display,
    address: r.address_public ? r.address : null,
    categoryName: en ? r.category_name_en : r.category_name,
    areaName: en ? r.area_name_en : r.area_name,
    createdAt: r.created_at,
    mergedInto: merged ? { id: merged.id, title: merged.title_public } : null,
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
