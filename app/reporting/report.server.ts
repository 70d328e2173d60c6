import type { Kysely, Transaction } from 'kysely'
import type { Database, DemandType, DisplayPreference, ReportKind } from '../../db/schema'
import { appendEvent } from '../platform/event.server'
import type { Locale } from '../platform/i18n'
import { queueToContact } from '../platform/outbox.server'
import { saveImage, type ProcessedImage } from './attachment.server'
import { proposeUnit, type AreaNode } from './routing'
import { generateFollowToken, generateTrackingCode } from './tracking-code'
import { publicText } from '../privacy/public-text'

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
    const { title: titlePublic, body: bodyPublic } = publicReportText(input)
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
          title_public: titlePublic,
          body_public: bodyPublic,
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
    // The receipt by email, or by SMS to a reporter who gave only a mobile.
    await queueToContact(
      trx,
      { email: input.contactEmail ?? null, mobile: input.contactMobile ?? null },
      {
        template: 'report-received',
        props: {
          name: input.contactName,
          title: input.title,
          code: report.tracking_code,
          followUrl: followUrl(options.publicUrl, report.follow_token),
        },
        locale: options.locale,
        dedupeKey: `report-received:${report.id}`,
      },
    )
    return {
      id: report.id,
      trackingCode: report.tracking_code,
      followToken: report.follow_token,
      created: true,
    }
  })
}

/**
 * What the public will read of a report's title and body, shown to the reporter before sending:
 * personal data masked, and so are their private address and the name they gave as contact.
 */
export function publicReportText(input: {
  title: string
  body: string
  address?: string | null
  addressPublic?: boolean
  contactName?: string | null
}): { title: string; body: string } {
  const hidden = [input.contactName, ...(input.addressPublic ? [] : [input.address])]
  return { title: publicText(input.title, hidden), body: publicText(input.body, hidden) }
}

export function followUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/$/, '')}/follow/${token}`
}
