import { sql, type Kysely } from 'kysely'
import { z } from 'zod'
import type { ContactViewTable, Database } from '../../db/schema'
import { isRealDay } from '../platform/text'
import { parseReportNumber, reportNumber } from './report-number'

/**
 * The access log of contact views as the admin reads it (/admin/contact-views): newest first,
 * a keyset page at a time, filtered by unit, officer, report number and days (China time).
 */

export const CONTACT_LOG_PAGE = 50

/** A real calendar day (2026-02-30 is no day: PostgreSQL would refuse it with an error). */
const day = z.string().refine(isRealDay).optional().catch(undefined)
const positive = z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined)

/** The filters as the page's address gives them; anything unreadable is simply no filter. */
export const ContactLogFilterSchema = z.object({
  /** A unit's id, or `office` for the coordinator's views (they have no unit). */
  unit: z
    .union([z.literal('office'), z.coerce.number().int().positive().max(2_147_483_647)])
    .optional()
    .catch(undefined),
  staff: positive,
  report: z.string().max(12).optional().catch(undefined),
  from: day,
  to: day,
  /** The id of the last row of the previous page. */
  after: positive,
})

export type ContactLogFilters = z.infer<typeof ContactLogFilterSchema>

export function contactLogFilters(url: URL): ContactLogFilters {
  const get = (name: string) => url.searchParams.get(name) || undefined
  return ContactLogFilterSchema.parse({
    unit: get('unit'),
    staff: get('staff'),
    report: get('report'),
    from: get('from'),
    to: get('to'),
    after: get('after'),
  })
}

export interface ContactLogRow {
  id: number
  viewedAt: Date
  staffName: string
  staffEmail: string
  /** Null: the coordinator's office. */
  unitName: string | null
  unitNameEn: string | null
  reportId: number
  reportNumber: string
  reason: string
  channel: ContactViewTable['channel']
}

/** One page of the log; `next` is the cursor of the following page, null on the last. */
export async function contactViewLog(
  db: Kysely<Database>,
  f: ContactLogFilters,
): Promise<{ rows: ContactLogRow[]; next: number | null }> {
  let query = db
    .selectFrom('contact_views as v')
    .innerJoin('staff_users as s', 's.id', 'v.staff_user_id')
    .leftJoin('units as u', 'u.id', 'v.unit_id')
    .select([
      'v.id',
      'v.viewed_at',
      'v.report_id',
      'v.reason',
      'v.channel',
      's.name as staff_name',
      's.email as staff_email',
      'u.name as unit_name',
      'u.name_en as unit_name_en',
    ])
  if (f.unit === 'office') query = query.where('v.unit_id', 'is', null)
  else if (f.unit !== undefined) query = query.where('v.unit_id', '=', f.unit)
  if (f.staff !== undefined) query = query.where('v.staff_user_id', '=', f.staff)
  if (f.report !== undefined)
    query = query.where('v.report_id', '=', parseReportNumber(f.report) ?? 0)
  if (f.from)
    query = query.where(
      sql<boolean>`v.viewed_at >= (${f.from}::date::timestamp at time zone 'Asia/Shanghai')`,
    )
  if (f.to)
    query = query.where(
      sql<boolean>`v.viewed_at < ((${f.to}::date + 1)::timestamp at time zone 'Asia/Shanghai')`,
    )
  if (f.after !== undefined)
    query = query.where(
      sql<boolean>`(v.viewed_at, v.id) < (select c.viewed_at, c.id from contact_views c where c.id = ${f.after})`,
    )
  const found = await query
    .orderBy('v.viewed_at', 'desc')
    .orderBy('v.id', 'desc')
    .limit(CONTACT_LOG_PAGE + 1)
    .execute()
  const rows = found.slice(0, CONTACT_LOG_PAGE).map((r) => ({
    id: r.id,
    viewedAt: r.viewed_at,
    staffName: r.staff_name,
    staffEmail: r.staff_email,
    unitName: r.unit_name,
    unitNameEn: r.unit_name_en,
    reportId: r.report_id,
    reportNumber: reportNumber(r.report_id),
    reason: r.reason,
    channel: r.channel,
  }))
  return { rows, next: found.length > CONTACT_LOG_PAGE ? rows[rows.length - 1]!.id : null }
}

/** The choices of the filter form: every unit and every officer who may view. */
export async function contactLogChoices(db: Kysely<Database>) {
  const [units, staff] = await Promise.all([
    db.selectFrom('units').select(['id', 'name', 'name_en']).orderBy('sort_order').execute(),
    db
      .selectFrom('staff_users')
      .select(['id', 'name', 'email'])
      .where('role', 'in', ['coordinator', 'unit_staff'])
      .orderBy('name')
      .execute(),
  ])
  return { units, staff }
}
