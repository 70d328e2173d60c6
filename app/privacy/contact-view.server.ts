import type { SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { data } from '@remix-run/node'
import type { Kysely } from 'kysely'
import type { ContactViewTable, Database } from '../../db/schema'
import { requireDutyAccess } from '../duties/duty-detail.server'
import { getDb } from '../platform/db.server'
import { DomainError, notFound } from '../platform/errors'
import { requireStaff } from '../staff/auth.server'
import type { Staff } from '../staff/staff.server'
import { CONTACT_INTENT, ContactViewSchema, type ReporterContact } from './contact-view-schema'
import { reportNumber } from './report-number'

/**
 * Staff open a reporter's contact details behind a "查看联系方式" step (issue 13, decision 022):
 * the coordinator for any report, a unit's staff for the reports linked to their own unit's
 * duties. Every opening writes one access-log row per report (who, unit, report, why, how);
 * the details themselves are shown for that one answer and never stored in the log.
 */

/** Where the step was taken: the triage page of one report, or a duty's page (its reports). */
export type ContactTarget = { reportId: number } | { dutyId: number }

/**
 * The reports whose details this officer may open from the target page. The triage page is the
 * coordinator's; a duty page answers "not found" to anyone but the coordinator and the staff of
 * the unit that holds the duty, so no one learns that a duty of another unit exists.
 */
export async function reportsInReach(
  db: Kysely<Database>,
  staff: Staff,
  target: ContactTarget,
): Promise<number[]> {
  if ('reportId' in target) {
    if (staff.role !== 'coordinator') throw new DomainError(403, 'common.error.forbidden')
    const report = await db
      .selectFrom('reports')
      .select('id')
      .where('id', '=', target.reportId)
      .executeTakeFirst()
    if (!report) throw notFound()
    return [report.id]
  }
  await requireDutyAccess(db, staff, target.dutyId)
  const linked = await db
    .selectFrom('duty_reports')
    .select('report_id')
    .where('duty_id', '=', target.dutyId)
    .orderBy('report_id')
    .execute()
  return linked.map((r) => r.report_id)
}

/**
 * Logs one view of each report's contact details, then reads them: the log row is written
 * first, in the same transaction, so no detail is ever shown without its row.
 */
export async function openContacts(
  db: Kysely<Database>,
  staff: Staff,
  reportIds: number[],
  reason: string,
  channel: ContactViewTable['channel'],
): Promise<ReporterContact[]> {
  if (reportIds.length === 0) return []
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('contact_views')
      .values(
        reportIds.map((reportId) => ({
          report_id: reportId,
          staff_user_id: staff.id,
          unit_id: staff.unitId,
          reason,
          channel,
        })),
      )
      .execute()
    const [reports, photos] = await Promise.all([
      trx
        .selectFrom('reports')
        .select([
          'id',
          'title',
          'contact_name',
          'contact_mobile',
          'contact_email',
          'company_name',
          'credit_code',
          'anonymized_at',
        ])
        .where('id', 'in', reportIds)
        .orderBy('id')
        .execute(),
      trx
        .selectFrom('attachments')
        .select(['report_id', 'storage_key', 'width', 'height'])
        .where('report_id', 'in', reportIds)
        .where('role', '=', 'photo')
        .orderBy('id')
        .execute(),
    ])
    return reports.map((r) => ({
      reportId: r.id,
      number: reportNumber(r.id),
      title: r.title,
      erased: r.anonymized_at !== null,
      name: r.contact_name,
      mobile: r.contact_mobile,
      email: r.contact_email,
      companyName: r.company_name,
      creditCode: r.credit_code,
      photos: photos
        .filter((p) => p.report_id === r.id)
        .map((p) => ({ key: p.storage_key, width: p.width, height: p.height })),
    }))
  })
}

/** What the step answers: the form's state and, when it went through, the details. */
export interface ContactAnswer {
  intent: typeof CONTACT_INTENT
  result: SubmissionResult<string[]>
  contacts: ReporterContact[] | null
}

/**
 * The "查看联系方式" post of a staff page, checked on the server: the officer's role and reach
 * first (403/404), then the reason (2–200 characters; an error beside the field and nothing
 * logged), then the log rows and the details, shown in this one answer only.
 */
export async function contactViewAction(request: Request, target: ContactTarget, form: FormData) {
  const staff =
    'reportId' in target
      ? await requireStaff(request, 'coordinator')
      : await requireStaff(request, 'unit_staff', 'coordinator')
  const db = await getDb()
  const reportIds = await reportsInReach(db, staff, target)
  const submission = parseWithZod(form, { schema: ContactViewSchema })
  if (submission.status !== 'success')
    return data<ContactAnswer>(
      { intent: CONTACT_INTENT, result: submission.reply(), contacts: null },
      { status: 400 },
    )
  const contacts = await openContacts(db, staff, reportIds, submission.value.reason, 'page')
  return data<ContactAnswer>({
    intent: CONTACT_INTENT,
    result: submission.reply({ resetForm: true }),
    contacts,
  })
}

/** One view of the reporter's details as their own follow page lists it: who (unit) and when. */
export interface ContactViewNotice {
  id: number
  /** The unit's name; null when the coordinator's office looked. */
  unitName: string | null
  unitNameEn: string | null
  viewedAt: Date
}

/** Every view of this report's contact details, oldest first, without the officer or the reason. */
export async function contactViewsOfReport(
  db: Kysely<Database>,
  reportId: number,
): Promise<ContactViewNotice[]> {
  const rows = await db
    .selectFrom('contact_views as v')
    .leftJoin('units as u', 'u.id', 'v.unit_id')
    .select(['v.id', 'v.viewed_at', 'u.name', 'u.name_en'])
    .where('v.report_id', '=', reportId)
    .orderBy('v.viewed_at')
    .orderBy('v.id')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    unitName: r.name,
    unitNameEn: r.name_en,
    viewedAt: r.viewed_at,
  }))
}
