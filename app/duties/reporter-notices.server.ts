import type { Transaction } from 'kysely'
import type { Database, DutyStatus } from '../../db/schema'
import { queueToContact } from '../platform/outbox.server'
import { followUrl } from '../reporting/report.server'
import { progressFromMilestones } from './duty-lifecycle'

/** Recomputes the public percent from the milestones; it is never typed in. */
export async function refreshProgress(
  trx: Transaction<Database>,
  dutyId: number,
  status?: DutyStatus,
): Promise<number> {
  const milestones = await trx
    .selectFrom('milestones')
    .select('done_at')
    .where('duty_id', '=', dutyId)
    .execute()
  // A resolved duty without steps is wholly done; with steps, its steps say how far it got.
  const progress =
    milestones.length === 0 && (status === 'resolved' || status === 'closed')
      ? 100
      : progressFromMilestones(milestones)
  await trx.updateTable('duties').set({ progress }).where('id', '=', dutyId).execute()
  return progress
}

/**
 * Tells the reporters of a duty's reports (and of reports merged into them) of a step: new
 * progress, or the duty reopened (复核). Queued in the step's transaction; the dedupe key
 * makes a repeated call send nothing more.
 */
export async function notifyReporters(
  trx: Transaction<Database>,
  dutyId: number,
  step: 'progress' | 'reopened',
  detail: string,
  publicUrl: string,
  dedupe: string,
): Promise<void> {
  const duty = await trx
    .selectFrom('duties')
    .select(['deadline'])
    .where('id', '=', dutyId)
    .executeTakeFirstOrThrow()
  const linked = await trx
    .selectFrom('duty_reports')
    .select('report_id')
    .where('duty_id', '=', dutyId)
    .execute()
  if (linked.length === 0) return
  const ids = linked.map((l) => l.report_id)
  const reporters = await trx
    .selectFrom('reports')
    .select([
      'id',
      'contact_email',
      'contact_mobile',
      'contact_name',
      'title',
      'tracking_code',
      'follow_token',
    ])
    .where((eb) => eb.or([eb('id', 'in', ids), eb('merged_into_id', 'in', ids)]))
    .where('anonymized_at', 'is', null)
    .execute()
  for (const r of reporters) {
    await queueToContact(
      trx,
      { email: r.contact_email, mobile: r.contact_mobile },
      {
        template: 'report-update',
        props: {
          step,
          name: r.contact_name ?? '',
          title: r.title,
          code: r.tracking_code,
          followUrl: followUrl(publicUrl, r.follow_token),
          detail,
          deadline: duty.deadline,
        },
        dedupeKey: `report-${step}:${r.id}:${dedupe}`,
      },
    )
  }
}
