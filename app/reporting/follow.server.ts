import type { Kysely } from 'kysely'
import type {
  AreaLevel,
  Database,
  DemandType,
  DisplayPreference,
  DutyStatus,
  ReportKind,
  ReportStatus,
} from '../../db/schema'
import { reportTimeline, type TimelineEntry } from '../browse/timeline.server'
import { check, consume } from '../platform/rate-limit.server'
import { contactViewsOfReport, type ContactViewNotice } from '../privacy/contact-view.server'
import { followUrl } from './report.server'
import { normalizeEmail, normalizeMobile } from './report-validation'
import { isTrackingCode, normalizeTrackingCode } from './tracking-code'

/**
 * The reporter's side of a filed report: the receipt, the lookup by tracking code and the
 * private follow page, each reached by a secret only the reporter holds.
 */

/**
 * The follow token of the report with this tracking code, if the contact given is the
 * reporter's mobile or email; null otherwise, without telling which part was wrong.
 */
export async function trackReport(
  db: Kysely<Database>,
  code: string,
  contact: string,
): Promise<string | null> {
  const trackingCode = normalizeTrackingCode(code)
  if (!isTrackingCode(trackingCode)) return null
  const report = await db
    .selectFrom('reports')
    .select(['follow_token', 'contact_mobile', 'contact_email'])
    .where('tracking_code', '=', trackingCode)
    .where('anonymized_at', 'is', null)
    .executeTakeFirst()
  if (!report) return null
  const matches = contact.includes('@')
    ? report.contact_email !== null &&
      normalizeEmail(report.contact_email) === normalizeEmail(contact)
    : report.contact_mobile !== null &&
      normalizeMobile(report.contact_mobile) === normalizeMobile(contact)
  return matches ? report.follow_token : null
}

export type TrackOutcome =
  | { outcome: 'found'; followToken: string }
  | { outcome: 'notFound' }
  | { outcome: 'tooMany'; retryAfter: number }
  | { outcome: 'locked'; retryAfter: number }

/**
 * A lookup from the track form, limited per client address and, for failed tries, per tracking
 * code. A wrong contact and an unknown code answer alike, and both count against the code, so
 * neither the answer nor the lock tells whether a code exists.
 */
export async function trackReportFor(
  db: Kysely<Database>,
  clientAddress: string,
  code: string,
  contact: string,
): Promise<TrackOutcome> {
  const limit = await consume('trackByIp', clientAddress)
  if (!limit.ok) return { outcome: 'tooMany', retryAfter: limit.retryAfter }
  const codeKey = normalizeTrackingCode(code)
  const locked = await check('trackFailuresByCode', codeKey)
  if (!locked.ok) return { outcome: 'locked', retryAfter: locked.retryAfter }
  const followToken = await trackReport(db, code, contact)
  if (followToken) return { outcome: 'found', followToken }
  const spent = await consume('trackFailuresByCode', codeKey)
  return spent.ok ? { outcome: 'notFound' } : { outcome: 'locked', retryAfter: spent.retryAfter }
}

export interface ReportReceipt {
  title: string
  trackingCode: string
  followPath: string
  followUrl: string
  emailSent: boolean
}

/** What the reporter is shown right after filing: the secrets to keep and where they lead. */
export async function reportReceipt(
  db: Kysely<Database>,
  token: string,
  publicUrl: string,
): Promise<ReportReceipt | null> {
  const report = await reportByFollowToken(db, token)
  if (!report || report.anonymized_at) return null
  return {
    title: report.title,
    trackingCode: report.tracking_code,
    followPath: `/follow/${report.follow_token}`,
    followUrl: followUrl(publicUrl, report.follow_token),
    emailSent: report.contact_email !== null,
  }
}

async function reportByFollowToken(db: Kysely<Database>, token: string) {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return undefined
  return db.selectFrom('reports').selectAll().where('follow_token', '=', token).executeTakeFirst()
}

export interface FollowedDuty {
  id: number
  status: DutyStatus
  title: string
  commitment: string
  leaderName: string
  leaderTitle: string
  deadline: string | null
  progress: number
  unitName: string
  unitNameEn: string
  resolutionSummary: string | null
}

export interface FollowedReport {
  report: {
    id: number
    trackingCode: string
    kind: ReportKind
    status: ReportStatus
    title: string
    body: string
    address: string | null
    addressPublic: boolean
    contactName: string | null
    contactMobile: string | null
    contactEmail: string | null
    display: DisplayPreference
    companyName: string | null
    creditCode: string | null
    demandType: DemandType | null
    declineReason: string | null
    createdAt: Date
    category: { name: string; nameEn: string }
    areas: Array<{ level: AreaLevel; name: string; nameEn: string }>
    photos: Array<{ key: string; width: number | null; height: number | null }>
  }
  /** The report whose outcome the reporter follows: the survivor when this one was merged. */
  current: { id: number; title: string; status: ReportStatus; declineReason: string | null }
  duty: FollowedDuty | null
  timeline: TimelineEntry[]
  /** Each time staff opened the reporter's contact details: which unit, when. */
  contactViews: ContactViewNotice[]
}

/** Everything the reporter may see of their own report, found by its private follow token. */
export async function reportForFollower(
  db: Kysely<Database>,
  token: string,
): Promise<FollowedReport | null> {
  const own = await reportByFollowToken(db, token)
  if (!own || own.anonymized_at) return null

  let current = own
  for (let hops = 0; current.status === 'merged' && current.merged_into_id && hops < 5; hops++) {
    const next = await db
      .selectFrom('reports')
      .selectAll()
      .where('id', '=', current.merged_into_id)
      .executeTakeFirst()
    if (!next) break
    current = next
  }

  const [category, photos, duty, ownTimeline, currentTimeline, contactViews] = await Promise.all([
    db
      .selectFrom('categories')
      .select(['name', 'name_en'])
      .where('id', '=', own.category_id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('attachments')
      .select(['storage_key', 'width', 'height'])
      .where('report_id', '=', own.id)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('duty_reports as dr')
      .innerJoin('duties as d', 'd.id', 'dr.duty_id')
      .innerJoin('units as u', 'u.id', 'd.unit_id')
      .select([
        'd.id',
        'd.status',
        'd.title',
        'd.commitment',
        'd.leader_name',
        'd.leader_title',
        'd.deadline',
        'd.progress',
        'd.resolution_summary',
        'u.name as unit_name',
        'u.name_en as unit_name_en',
      ])
      .where('dr.report_id', '=', current.id)
      .executeTakeFirst(),
    reportTimeline(db, own.id),
    current.id === own.id ? Promise.resolve([]) : reportTimeline(db, current.id),
    contactViewsOfReport(db, own.id),
  ])

  const areas: FollowedReport['report']['areas'] = []
  let areaId: number | null = own.area_id
  while (areaId !== null && areas.length < 5) {
    const area = await db
      .selectFrom('areas')
      .select(['name', 'name_en', 'level', 'parent_id'])
      .where('id', '=', areaId)
      .executeTakeFirst()
    if (!area) break
    areas.unshift({ level: area.level, name: area.name, nameEn: area.name_en })
    areaId = area.parent_id
  }

  const seen = new Set<string>()
  const timeline = [...ownTimeline, ...currentTimeline]
    .filter((e) => !seen.has(e.id) && seen.add(e.id))
    .sort((a, b) => a.at.getTime() - b.at.getTime() || Number(a.id) - Number(b.id))

  return {
    report: {
      id: own.id,
      trackingCode: own.tracking_code,
      kind: own.kind,
      status: own.status,
      title: own.title,
      body: own.body,
      address: own.address,
      addressPublic: own.address_public,
      contactName: own.contact_name,
      contactMobile: own.contact_mobile,
      contactEmail: own.contact_email,
      display: own.display,
      companyName: own.company_name,
      creditCode: own.credit_code,
      demandType: own.demand_type,
      declineReason: own.decline_reason,
      createdAt: own.created_at,
      category: { name: category.name, nameEn: category.name_en },
      areas,
      photos: photos.map((p) => ({ key: p.storage_key, width: p.width, height: p.height })),
    },
    current: {
      id: current.id,
      title: current.title,
      status: current.status,
      declineReason: current.decline_reason,
    },
    duty: duty
      ? {
          id: duty.id,
          status: duty.status,
          title: duty.title,
          commitment: duty.commitment,
          leaderName: duty.leader_name,
          leaderTitle: duty.leader_title,
          deadline: duty.deadline,
          progress: duty.progress,
          unitName: duty.unit_name,
          unitNameEn: duty.unit_name_en,
          resolutionSummary: duty.resolution_summary,
        }
      : null,
    timeline,
    contactViews,
  }
}
