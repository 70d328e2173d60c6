import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { canTransition } from '../duties/duty-lifecycle'
import { reopenDuty } from '../duties/duty-reopen.server'
import { dutyPrivateAddresses } from '../privacy/private-addresses.server'
import { publicText } from '../privacy/public-text'
import { addWorkingDays, chinaToday } from '../duties/working-days'
import { DomainError } from '../platform/errors'
import { appendEvent } from '../platform/event.server'
import { REOPEN_DEADLINE_DAYS } from './rating'

/** 复核: the reviews that reporters' unsatisfied ratings opened, oldest first. */
export async function openReviews(db: Kysely<Database>) {
  return db
    .selectFrom('duty_reviews as v')
    .innerJoin('duties as d', 'd.id', 'v.duty_id')
    .innerJoin('units as u', 'u.id', 'd.unit_id')
    .leftJoin('ratings as r', 'r.id', 'v.rating_id')
    .select([
      'v.id',
      'v.reason',
      'v.created_at',
      'd.id as duty_id',
      'd.title',
      'd.status',
      'u.name as unit_name',
      'r.level',
    ])
    .where('v.status', '=', 'open')
    .orderBy('v.created_at')
    .orderBy('v.id')
    .limit(200)
    .execute()
}

export type ReviewDecision = 'reopen' | 'dismiss'

/**
 * The coordinator's decision on a review: reopen the duty to its unit with the reporter's
 * reason and a new deadline (public on the timeline), or dismiss it with a public note.
 */
export async function decideReview(
  db: Kysely<Database>,
  input: {
    reviewId: number
    staffId: number
    decision: ReviewDecision
    note: string | null
    deadline?: string | null
    /** The site's address, for the links in the emails to the unit and the reporters. */
    publicUrl: string
  },
): Promise<void> {
  if (input.decision === 'dismiss' && !input.note)
    throw new DomainError(400, 'verdict.reviews.noteRequired')
  if (input.deadline && input.deadline <= chinaToday())
    throw new DomainError(400, 'verdict.reviews.deadlinePast')
  await db.transaction().execute(async (trx) => {
    const review = await trx
      .selectFrom('duty_reviews as v')
      .innerJoin('duties as d', 'd.id', 'v.duty_id')
      .select([
        'v.id',
        'v.status',
        'v.reason',
        'v.rating_id',
        'v.duty_id',
        'd.status as duty_status',
      ])
      .where('v.id', '=', input.reviewId)
      .forUpdate()
      .executeTakeFirst()
    if (!review || review.status !== 'open') throw new DomainError(409, 'verdict.reviews.stale')
    const actor = `staff:${input.staffId}`
    // The reason and the note go on the public timeline (and into the transparency log):
    // personal data in them, and the linked reports' private addresses, are masked.
    const privateAddresses = await dutyPrivateAddresses(trx, review.duty_id)
    const reason = publicText(review.reason, privateAddresses)
    const note = input.note ? publicText(input.note, privateAddresses) : null
    if (input.decision === 'reopen') {
      if (!canTransition(review.duty_status, 'reopen'))
        throw new DomainError(409, 'verdict.reviews.stale')
      const deadline = input.deadline || reopenDeadline()
      await reopenDuty(trx, {
        dutyId: review.duty_id,
        actor,
        reason,
        note,
        deadline,
        publicUrl: input.publicUrl,
      })
    } else {
      await appendEvent(trx, {
        type: 'duty.review_dismissed',
        dutyId: review.duty_id,
        actor,
        public: true,
        data: { note },
      })
    }
    await trx
      .updateTable('duty_reviews')
      .set({
        status: input.decision === 'reopen' ? 'reopened' : 'dismissed',
        decision_note: input.note,
        decided_at: new Date(),
      })
      .where('id', '=', review.id)
      .execute()
  })
}

/** A reopened duty's deadline unless the coordinator sets another. */
export function reopenDeadline(today: string = chinaToday()): string {
  return addWorkingDays(today, REOPEN_DEADLINE_DAYS)
}
