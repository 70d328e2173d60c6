import { cached } from '../platform/cache.server'
import { sql, type Kysely, type Transaction } from 'kysely'
import type {
  AreaLevel,
  Database,
  DemandType,
  DisplayPreference,
  DutyStatus,
  ReportKind,
  ReportStatus,
} from '../../db/schema'
import type { Locale } from '../platform/i18n'
import { saveImage, type ProcessedImage } from './attachment.server'
import { appendEvent } from '../platform/event.server'
import { queueEmail } from '../platform/outbox.server'
import type { ReportFormOptions } from './report-schema'
import { normalizeEmail, normalizeMobile } from './report-validation'
import { proposeUnit, type AreaNode } from './routing'
import { reportTimeline, type TimelineEntry } from '../browse/timeline.server'
import {
  generateFollowToken,
  generateTrackingCode,
  isTrackingCode,
  normalizeTrackingCode,
} from './tracking-code'

/** What the report form offers: the kind's categories and every area, in the reader's language. */
export async function reportFormOptions(
  db: Kysely<Database>,
  kind: ReportKind,
  locale: Locale,
): Promise<ReportFormOptions> {
  return cached(`reference:report-form:${kind}:${locale}`, () =>
    loadReportFormOptions(db, kind, locale),
  )
}

async function loadReportFormOptions(
  db: Kysely<Database>,
  kind: ReportKind,
  locale: Locale,
): Promise<ReportFormOptions> {
  const [categories, areas] = await Promise.all([
    db
      .selectFrom('categories')
      .select(['id', 'name', 'name_en'])
      .where('kind', '=', kind)
      .orderBy('sort_order')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('areas')
      .select(['id', 'name', 'name_en', 'level', 'parent_id'])
      .orderBy('sort_order')
      .orderBy('id')
      .execute(),
  ])
  const name = (r: { name: string; name_en: string }) => (locale === 'en' ? r.name_en : r.name)
  return {
    categories: categories.map((c) => ({ id: c.id, name: name(c) })),
    areas: areas.map((a) => ({ id: a.id, name: name(a), level: a.level, parentId: a.parent_id })),
  }
}

export interface NewReportInput {
  kind: ReportKind
  categoryId: number
  /** The community, or the street when the reporter did not choose a community. */
  areaId: number
  title: string
  body: string
  address?: string | null
  addressPublic?: boolean
  contactName: string
  contactMobile?: string | null
  contactEmail?: string | null
  display: DisplayPreference
  companyName?: string | null
  creditCode?: string | null
  demandType?: DemandType | null
  idempotencyKey?: string | null
}

export interface CreatedReport {
  id: number
  trackingCode: string
  followToken: string
  /** False when the idempotency key matched a report filed before: nothing new was written. */
  created: boolean
}

export async function findReportByIdempotencyKey(
  db: Kysely<Database> | Transaction<Database>,
  key: string,
): Promise<CreatedReport | null> {
  const row = await db
    .selectFrom('reports')
    .select(['id', 'tracking_code', 'follow_token'])
    .where('idempotency_key', '=', key)
    .executeTakeFirst()
  return row
    ? { id: row.id, trackingCode: row.tracking_code, followToken: row.follow_token, created: false }
    : null
}

async function areaNodes(trx: Transaction<Database>, areaId: number): Promise<AreaNode[]> {
  const nodes: AreaNode[] = []
  let next: number | null = areaId
  while (next !== null && nodes.length < 5) {
    const area = await trx
      .selectFrom('areas')
      .select(['id', 'level', 'parent_id'])
      .where('id', '=', next)
      .executeTakeFirst()
    if (!area) break
    nodes.push({ id: area.id, level: area.level, parentId: area.parent_id })
    next = area.parent_id
  }
  return nodes
}

/** The unit the routing rules propose for a category in an area. */
export async function proposedUnitFor(
  trx: Transaction<Database>,
  categoryId: number,
  areaId: number,
): Promise<number> {
  const category = await trx
    .selectFrom('categories')
    .select(['id', 'default_unit_id'])
    .where('id', '=', categoryId)
    .executeTakeFirstOrThrow()
  const areas = await areaNodes(trx, areaId)
  const rules = await trx
    .selectFrom('routing_rules')
    .select(['category_id', 'area_id', 'unit_id'])
    .where('category_id', '=', categoryId)
    .where(
      'area_id',
      'in',
      areas.map((a) => a.id),
    )
    .execute()
  return proposeUnit({
    categoryId,
    defaultUnitId: category.default_unit_id,
    areaId,
    areas,
    rules: rules.map((r) => ({ categoryId: r.category_id, areaId: r.area_id, unitId: r.unit_id })),
  })
}

/**
 * Files a report in one transaction: the report with its tracking code, follow token and
 * proposed unit, its photos, the public `report.submitted` event and the receipt email.
 * A second call with the same idempotency key returns the first report and writes nothing.
 */
export async function createReport(
  db: Kysely<Database>,
  input: NewReportInput,
  photos: ProcessedImage[],
  options: { locale: Locale; publicUrl: string },
): Promise<CreatedReport> {
  return db.transaction().execute(async (trx) => {
    // A form sent again finds its report through the idempotency key's unique index below.
    const proposedUnitId = await proposedUnitFor(trx, input.categoryId, input.areaId)
    let report: { id: number; tracking_code: string; follow_token: string } | undefined
    for (let attempt = 0; !report; attempt++) {
      report = await trx
        .insertInto('reports')
        .values({
          tracking_code: generateTrackingCode(),
          follow_token: generateFollowToken(),
          idempotency_key: input.idempotencyKey ?? null,
          kind: input.kind,
          category_id: input.categoryId,
          area_id: input.areaId,
          title: input.title,
          body: input.body,
          address: input.address ?? null,
          address_public: Boolean(input.address && input.addressPublic),
          contact_name: input.contactName,
          contact_mobile: input.contactMobile ?? null,
          contact_email: input.contactEmail ?? null,
          display: input.display,
          company_name: input.companyName ?? null,
          credit_code: input.creditCode ?? null,
          demand_type: input.demandType ?? null,
          proposed_unit_id: proposedUnitId,
        })
        // A concurrent submit of the same form wins the race: its report is the one returned.
        .onConflict((oc) => oc.doNothing())
        .returning(['id', 'tracking_code', 'follow_token'])
        .executeTakeFirst()
      if (report) break
      if (input.idempotencyKey) {
        const existing = await findReportByIdempotencyKey(trx, input.idempotencyKey)
        if (existing) return existing
      }
      // Otherwise a tracking code or token collided (about one in 10¹¹): draw again.
      if (attempt >= 3) throw new Error('Could not allocate a tracking code')
    }
    for (const photo of photos) {
      await saveImage(trx, photo, { role: 'photo', report_id: report.id })
    }
    await appendEvent(trx, {
      type: 'report.submitted',
      reportId: report.id,
      actor: 'reporter',
      public: true,
      data: { kind: input.kind },
    })
    if (input.contactEmail) {
      await queueEmail(trx, {
        to: input.contactEmail,
        template: 'report-received',
        props: {
          name: input.contactName,
          title: input.title,
          code: report.tracking_code,
          followUrl: followUrl(options.publicUrl, report.follow_token),
        },
        locale: options.locale,
        dedupeKey: `report-received:${report.id}`,
      })
    }
    return {
      id: report.id,
      trackingCode: report.tracking_code,
      followToken: report.follow_token,
      created: true,
    }
  })
}

export function followUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/$/, '')}/follow/${token}`
}

/** Open reports that may be the same problem: scores at or above this are shown. */
export const SIMILARITY_THRESHOLD = 0.25

export interface SimilarReport {
  id: number
  title: string
  status: ReportStatus
  createdAt: Date
  score: number
}

/**
 * Open (pending or accepted) reports of the same category in the same street — the street
 * itself or any of its communities — whose title or text is similar, by pg_trgm trigrams.
 * Chinese has no spaces, so a whole run of characters is one "word" and its trigrams still
 * overlap when two people describe the same thing.
 */
export async function findSimilarReports(
  db: Kysely<Database>,
  query: { categoryId: number; streetId: number; title: string; body?: string; limit?: number },
): Promise<SimilarReport[]> {
  const title = query.title.trim().slice(0, 80)
  const text = `${title} ${(query.body ?? '').trim().slice(0, 600)}`.trim()
  if (Array.from(title).length < 2) return []
  const score = sql<number>`greatest(similarity(r.title, ${title}), similarity(r.title || ' ' || r.body, ${text}))`
  const rows = await db
    .selectFrom('reports as r')
    .innerJoin('areas as a', 'a.id', 'r.area_id')
    .select(['r.id', 'r.title', 'r.status', 'r.created_at', score.as('score')])
    .where('r.category_id', '=', query.categoryId)
    .where('r.status', 'in', ['pending', 'accepted'])
    .where((eb) =>
      eb.or([eb('r.area_id', '=', query.streetId), eb('a.parent_id', '=', query.streetId)]),
    )
    .where(score, '>=', SIMILARITY_THRESHOLD)
    .orderBy(score, 'desc')
    .orderBy('r.id', 'desc')
    .limit(query.limit ?? 5)
    .execute()
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    status: r.status,
    createdAt: r.created_at,
    score: Number(r.score),
  }))
}

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

export async function reportByFollowToken(db: Kysely<Database>, token: string) {
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

  const [category, photos, duty, ownTimeline, currentTimeline] = await Promise.all([
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
  }
}
