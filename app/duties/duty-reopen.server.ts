import type { Transaction } from 'kysely'
import type { Database } from '../../db/schema'
import { queueEmail } from '../platform/outbox.server'
import { appendMilestone, dutyUrl, transitionDuty } from './duty.server'
import { notifyReporters, refreshProgress } from './reporter-notices.server'

/** A milestone's title is at most this long (duty-schema's limit for typed steps). */
const MILESTONE_TITLE_MAX = 80

/**
 * 复核: a resolved duty goes back to its unit with the reason and a new deadline. In the same
 * transaction the reason becomes an open step (so the percent shows the work still to do,
 * never 100%), and the unit's staff and the reporters are told. Their ratings of the earlier
 * resolution count until the duty is resolved again (resolveDuty supersedes them).
 */
export async function reopenDuty(
  trx: Transaction<Database>,
  input: {
    dutyId: number
    actor: string
    reason: string
    note: string | null
    deadline: string
    publicUrl: string
  },
): Promise<void> {
  const duty = await transitionDuty(trx, {
    dutyId: input.dutyId,
    action: 'reopen',
    actor: input.actor,
    patch: { deadline: input.deadline, resolution_summary: null, closed_at: null },
    eventData: {
      reason: input.reason,
      deadline: input.deadline,
      ...(input.note ? { note: input.note } : {}),
    },
  })
  await appendMilestone(trx, duty.id, {
    title: `复核：${input.reason}`.slice(0, MILESTONE_TITLE_MAX),
    dueOn: input.deadline,
  })
  await refreshProgress(trx, duty.id, duty.status)
  const staff = await trx
    .selectFrom('staff_users')
    .select(['id', 'email'])
    .where('unit_id', '=', duty.unit_id)
    .where('role', '=', 'unit_staff')
    .where('disabled_at', 'is', null)
    .execute()
  const round = `r${duty.reopened_count}`
  for (const s of staff) {
    await queueEmail(trx, {
      to: s.email,
      template: 'duty-reopened',
      props: {
        title: duty.title,
        reason: input.reason,
        deadline: input.deadline,
        dutyUrl: dutyUrl(input.publicUrl, duty.id),
      },
      dedupeKey: `duty-reopened:${duty.id}:${round}:${s.id}`,
    })
  }
  await notifyReporters(
    trx,
    duty.id,
    'reopened',
    input.reason,
    input.publicUrl,
    `${duty.id}:${round}`,
  )
}
