import { parseWithZod } from '@conform-to/zod'
import { data, redirect } from '@remix-run/node'
import type { Kysely } from 'kysely'
import type { Database, ResidentView } from '../../db/schema'
import { requireDutyAccess } from '../duties/duty-detail.server'
import { getDb } from '../platform/db.server'
import { notFound } from '../platform/errors'
import { appendEvent } from '../platform/event.server'
import { reportNumber } from '../privacy/report-number'
import type { Staff } from '../staff/staff.server'
import { requireStaff } from '../staff/auth.server'
import { CallbackSchema, type CallbackInput } from './callback-schema'

/**
 * 回访: the coordinator or the staff of the unit holding a duty call a reporter of one of its
 * linked reports back and record how it went. What was said stays with staff; the public
 * timeline learns only that a callback took place, and by which unit (the event carries the
 * unit's id and nothing else, since a public event is published whole in the transparency log).
 */
export async function recordCallback(
  db: Kysely<Database>,
  staff: Staff,
  dutyId: number,
  input: CallbackInput,
): Promise<number> {
  const duty = await requireDutyAccess(db, staff, dutyId)
  return db.transaction().execute(async (trx) => {
    const link = await trx
      .selectFrom('duty_reports')
      .select('report_id')
      .where('duty_id', '=', duty.id)
      .where('report_id', '=', input.reportId)
      .executeTakeFirst()
    if (!link) throw notFound()
    const row = await trx
      .insertInto('callbacks')
      .values({
        report_id: link.report_id,
        duty_id: duty.id,
        staff_user_id: staff.id,
        unit_id: staff.unitId,
        reached: input.reached,
        resident_view: input.view,
        note: input.note,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await appendEvent(trx, {
      type: 'duty.callback',
      reportId: link.report_id,
      dutyId: duty.id,
      actor: `staff:${staff.id}`,
      public: true,
      data: { unitId: staff.unitId },
    })
    return row.id
  })
}

export interface CallbackRecord {
  id: number
  reportNumber: string
  staffName: string
  reached: boolean
  view: ResidentView | null
  note: string | null
  at: Date
}

/** A duty's callbacks, newest first, for the staff who may see the duty. */
export async function dutyCallbacks(
  db: Kysely<Database>,
  staff: Staff,
  dutyId: number,
): Promise<CallbackRecord[]> {
  const duty = await requireDutyAccess(db, staff, dutyId)
  const rows = await db
    .selectFrom('callbacks as c')
    .innerJoin('staff_users as s', 's.id', 'c.staff_user_id')
    .select([
      'c.id',
      'c.report_id',
      's.name',
      'c.reached',
      'c.resident_view',
      'c.note',
      'c.created_at',
    ])
    .where('c.duty_id', '=', duty.id)
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id', 'desc')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    reportNumber: reportNumber(r.report_id),
    staffName: r.name,
    reached: r.reached,
    view: r.resident_view,
    note: r.note,
    at: r.created_at,
  }))
}

/** The duty page's callback form: who may record it is checked here, not by the page. */
export async function callbackAction(request: Request, dutyId: number, form: FormData) {
  const staff = await requireStaff(request, 'unit_staff', 'coordinator')
  const submission = parseWithZod(form, { schema: CallbackSchema })
  if (submission.status !== 'success')
    return data({ intent: 'callback', result: submission.reply() }, { status: 400 })
  await recordCallback(await getDb(), staff, dutyId, submission.value)
  return redirect(`/staff/duties/${dutyId}?callback=saved`)
}
