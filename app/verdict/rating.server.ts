import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database } from '../../db/schema'
import { transitionDuty } from '../duties/duty.server'
import { appendEvent } from '../platform/event.server'
import {
  distribution,
  isUnsatisfied,
  REMINDER_AFTER_DAYS,
  REOPEN_DEADLINE_DAYS,
  type Distribution,
} from './rating'
import { addWorkingDays, chinaToday } from '../duties/working-days'

export class RatingError extends Error {
  constructor(
    readonly reason:
      'notRatable' | 'reasonRequired' | 'notFound' | 'notOwnUnit' | 'alreadyAppealed' | 'notOpen',
  ) {
    super(reason)
  }
}

export async function ratingWindowDays(
  db: Kysely<Database> | Transaction<Database>,
): Promise<number> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', 'rating_window_days')
    .executeTakeFirst()
  const days = Number(row?.value)
  return Number.isInteger(days) && days > 0 ? days : 10
}

export type Rater = { reportId: number } | { publicUserId: number }

/**
 * Records or changes a rating while the duty is resolved (the rating window). One per
 * reporter's report and one per verified person; a reporter's 不满意/非常不满意 needs a
 * reason and opens a review (复核) unless one is already open.
 */
export async function rateDuty(
  db: Kysely<Database>,
  input: { dutyId: number; rater: Rater; level: number; reason: string | null },
): Promise<{ ratingId: number; reviewOpened: boolean; changed: boolean }> {
  const reporter = 'reportId' in input.rater
  if (!Number.isInteger(input.level) || input.level < 1 || input.level > 5)
    throw new RatingError('notRatable')
  if (reporter && isUnsatisfied(input.level) && !input.reason)
    throw new RatingError('reasonRequired')
  return db.transaction().execute(async (trx) => {
    const duty = await trx
      .selectFrom('duties')
      .select(['id', 'status'])
      .where('id', '=', input.dutyId)
      .forUpdate()
      .executeTakeFirst()
    if (!duty || duty.status !== 'resolved') throw new RatingError('notRatable')
    const now = new Date()
    const existing = await trx
      .selectFrom('ratings')
      .select('id')
      .where('duty_id', '=', duty.id)
      .where((eb) =>
        'reportId' in input.rater
          ? eb('report_id', '=', input.rater.reportId)
          : eb('public_user_id', '=', input.rater.publicUserId),
      )
      .executeTakeFirst()
    let ratingId: number
    if (existing) {
      await trx
        .updateTable('ratings')
        .set({ level: input.level, reason: input.reason, status: 'valid', updated_at: now })
        .where('id', '=', existing.id)
        .execute()
      ratingId = existing.id
    } else {
      const row = await trx
        .insertInto('ratings')
        .values({
          duty_id: duty.id,
          report_id: 'reportId' in input.rater ? input.rater.reportId : null,
          public_user_id: 'publicUserId' in input.rater ? input.rater.publicUserId : null,
          level: input.level,
          reason: input.reason,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      ratingId = row.id
    }
    await appendEvent(trx, {
      type: 'duty.rated',
      dutyId: duty.id,
      actor: reporter
        ? 'reporter'
        : `public:${(input.rater as { publicUserId: number }).publicUserId}`,
      public: true,
      data: { level: input.level, reporter, changed: Boolean(existing) },
    })
    let reviewOpened = false
    if (reporter && isUnsatisfied(input.level)) {
      const open = await trx
        .selectFrom('duty_reviews')
        .select('id')
        .where('duty_id', '=', duty.id)
        .where('status', '=', 'open')
        .executeTakeFirst()
      if (!open) {
        await trx
          .insertInto('duty_reviews')
          .values({ duty_id: duty.id, rating_id: ratingId, reason: input.reason! })
          .execute()
        await appendEvent(trx, {
          type: 'duty.review_requested',
          dutyId: duty.id,
          actor: 'reporter',
          public: true,
          data: { reason: input.reason },
        })
        reviewOpened = true
      }
    }
    return { ratingId, reviewOpened, changed: Boolean(existing) }
  })
}

export interface RatingSummary {
  reporters: Distribution
  public: Distribution
  reporterReasons: Array<{ level: number; reason: string; at: Date }>
}

/** Reporters' ratings apart from the public's, valid ones only (an upheld appeal voids one). */
export async function ratingSummary(db: Kysely<Database>, dutyId: number): Promise<RatingSummary> {
  const rows = await db
    .selectFrom('ratings')
    .select(['level', 'report_id', 'reason', 'updated_at'])
    .where('duty_id', '=', dutyId)
    .where('status', '=', 'valid')
    .orderBy('updated_at')
    .execute()
  const reporters = rows.filter((r) => r.report_id !== null)
  return {
    reporters: distribution(reporters.map((r) => r.level)),
    public: distribution(rows.filter((r) => r.report_id === null).map((r) => r.level)),
    reporterReasons: reporters
      .filter((r) => r.reason)
      .map((r) => ({ level: r.level, reason: r.reason!, at: r.updated_at })),
  }
}

export async function ownRating(
  db: Kysely<Database>,
  dutyId: number,
  rater: Rater,
): Promise<{ level: number; reason: string | null } | null> {
  const row = await db
    .selectFrom('ratings')
    .select(['level', 'reason'])
    .where('duty_id', '=', dutyId)
    .where((eb) =>
      'reportId' in rater
        ? eb('report_id', '=', rater.reportId)
        : eb('public_user_id', '=', rater.publicUserId),
    )
    .executeTakeFirst()
  return row ?? null
}

/** What the reporter's rating page needs, found by the report's private follow token. */
export async function ratingContext(db: Kysely<Database>, token: string) {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return null
  const row = await db
    .selectFrom('reports as r')
    .innerJoin('duty_reports as dr', 'dr.report_id', 'r.id')
    .innerJoin('duties as d', 'd.id', 'dr.duty_id')
    .select([
      'r.id as report_id',
      'd.id as duty_id',
      'd.title',
      'd.status',
      'd.resolution_summary',
      'd.resolved_at',
    ])
    .where('r.follow_token', '=', token)
    .where('r.anonymized_at', 'is', null)
    .executeTakeFirst()
  if (!row) return null
  const own = await ownRating(db, row.duty_id, { reportId: row.report_id })
  return {
    reportId: row.report_id,
    dutyId: row.duty_id,
    title: row.title,
    status: row.status,
    summary: row.resolution_summary,
    own,
  }
}

/* ---------- 复核: reviews of unsatisfied outcomes ---------- */

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

/**
 * The coordinator's decision on a review: reopen the duty to its unit with the reporter's
 * reason and a new deadline (public on the timeline), or dismiss it with a public note.
 */
export async function decideReview(
  db: Kysely<Database>,
  input: {
    reviewId: number
    staffId: number
    decision: 'reopen' | 'dismiss'
    note: string | null
    deadline?: string | null
  },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const review = await trx
      .selectFrom('duty_reviews')
      .selectAll()
      .where('id', '=', input.reviewId)
      .forUpdate()
      .executeTakeFirst()
    if (!review) throw new RatingError('notFound')
    if (review.status !== 'open') throw new RatingError('notOpen')
    const actor = `staff:${input.staffId}`
    if (input.decision === 'reopen') {
      const deadline = input.deadline || reopenDeadline()
      await transitionDuty(trx, {
        dutyId: review.duty_id,
        action: 'reopen',
        actor,
        patch: { deadline, resolution_summary: null, closed_at: null },
        eventData: { reason: review.reason, deadline, ...(input.note ? { note: input.note } : {}) },
      })
    } else {
      await appendEvent(trx, {
        type: 'duty.review_dismissed',
        dutyId: review.duty_id,
        actor,
        public: true,
        data: { note: input.note },
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

export function reopenDeadline(today: string = chinaToday()): string {
  return addWorkingDays(today, REOPEN_DEADLINE_DAYS)
}

/* ---------- 申诉: a unit's appeal of a rating ---------- */

/** Ratings on the unit's own duties, with any appeal, for the unit's appeal page. */
export async function ratingsOfUnit(db: Kysely<Database>, unitId: number) {
  return db
    .selectFrom('ratings as r')
    .innerJoin('duties as d', 'd.id', 'r.duty_id')
    .leftJoin('rating_appeals as a', (join) =>
      join
        .onRef('a.rating_id', '=', 'r.id')
        .on(sql<boolean>`a.id = (select max(id) from rating_appeals x where x.rating_id = r.id)`),
    )
    .select([
      'r.id',
      'r.level',
      'r.reason',
      'r.status',
      'r.report_id',
      'r.updated_at',
      'd.id as duty_id',
      'd.title',
      'a.status as appeal_status',
      'a.decision_note',
    ])
    .where('d.unit_id', '=', unitId)
    .orderBy('r.updated_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(200)
    .execute()
}

export async function appealRating(
  db: Kysely<Database>,
  input: { ratingId: number; staffId: number; unitId: number; reason: string },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const rating = await trx
      .selectFrom('ratings as r')
      .innerJoin('duties as d', 'd.id', 'r.duty_id')
      .select(['r.id', 'r.status', 'd.unit_id', 'd.id as duty_id'])
      .where('r.id', '=', input.ratingId)
      .executeTakeFirst()
    if (!rating || rating.unit_id !== input.unitId) throw new RatingError('notOwnUnit')
    if (rating.status !== 'valid') throw new RatingError('notOpen')
    const open = await trx
      .selectFrom('rating_appeals')
      .select('id')
      .where('rating_id', '=', rating.id)
      .where('status', '=', 'open')
      .executeTakeFirst()
    if (open) throw new RatingError('alreadyAppealed')
    await trx
      .insertInto('rating_appeals')
      .values({ rating_id: rating.id, staff_user_id: input.staffId, reason: input.reason })
      .execute()
    await appendEvent(trx, {
      type: 'rating.appealed',
      dutyId: rating.duty_id,
      actor: `staff:${input.staffId}`,
      public: false,
      data: { ratingId: rating.id },
    })
  })
}

export async function openAppeals(db: Kysely<Database>) {
  return db
    .selectFrom('rating_appeals as a')
    .innerJoin('ratings as r', 'r.id', 'a.rating_id')
    .innerJoin('duties as d', 'd.id', 'r.duty_id')
    .innerJoin('units as u', 'u.id', 'd.unit_id')
    .select([
      'a.id',
      'a.reason',
      'a.created_at',
      'r.level',
      'r.reason as rating_reason',
      'r.report_id',
      'd.id as duty_id',
      'd.title',
      'u.name as unit_name',
    ])
    .where('a.status', '=', 'open')
    .orderBy('a.created_at')
    .orderBy('a.id')
    .limit(200)
    .execute()
}

/** Upheld: the rating no longer counts. Rejected: it stands. Either way the decision is public. */
export async function decideAppeal(
  db: Kysely<Database>,
  input: { appealId: number; staffId: number; decision: 'upheld' | 'rejected'; note: string },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const appeal = await trx
      .selectFrom('rating_appeals as a')
      .innerJoin('ratings as r', 'r.id', 'a.rating_id')
      .select(['a.id', 'a.status', 'a.rating_id', 'r.duty_id', 'r.level'])
      .where('a.id', '=', input.appealId)
      .forUpdate()
      .executeTakeFirst()
    if (!appeal) throw new RatingError('notFound')
    if (appeal.status !== 'open') throw new RatingError('notOpen')
    await trx
      .updateTable('rating_appeals')
      .set({ status: input.decision, decision_note: input.note, decided_at: new Date() })
      .where('id', '=', appeal.id)
      .execute()
    if (input.decision === 'upheld')
      await trx
        .updateTable('ratings')
        .set({ status: 'voided', updated_at: new Date() })
        .where('id', '=', appeal.rating_id)
        .execute()
    await appendEvent(trx, {
      type: 'rating.appeal_decided',
      dutyId: appeal.duty_id,
      actor: `staff:${input.staffId}`,
      public: true,
      data: { decision: input.decision, note: input.note },
    })
  })
}

/* ---------- jobs: invitations, one reminder, closing after the window ---------- */

function rateUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/$/, '')}/rate/${token}`
}

/**
 * For every resolved duty: invite each linked reporter with an email to rate (once per
 * resolution), remind those who have not rated after 3 working days (once), and close the
 * duty when the rating window has passed with no open review.
 */
export async function runRatingJobs(
  db: Kysely<Database>,
  options: { publicUrl: string; now?: Date },
): Promise<{ invited: number; reminded: number; closed: number }> {
  const now = options.now ?? new Date()
  const today = chinaToday(now)
  const window = await ratingWindowDays(db)
  const duties = await db
    .selectFrom('duties')
    .select(['id', 'title', 'resolution_summary', 'resolved_at', 'reopened_count'])
    .where('status', '=', 'resolved')
    .where('resolved_at', 'is not', null)
    .orderBy('id')
    .limit(500)
    .execute()
  let invited = 0
  let reminded = 0
  let closed = 0
  for (const duty of duties) {
    const reporters = await db
      .selectFrom('duty_reports as dr')
      .innerJoin('reports as r', 'r.id', 'dr.report_id')
      .leftJoin('ratings as g', (join) =>
        join.onRef('g.report_id', '=', 'r.id').onRef('g.duty_id', '=', 'dr.duty_id'),
      )
      .select(['r.id', 'r.follow_token', 'r.contact_email', 'g.id as rating_id', 'g.updated_at'])
      .where('dr.duty_id', '=', duty.id)
      .where('r.anonymized_at', 'is', null)
      .where('r.contact_email', 'is not', null)
      .execute()
    for (const r of reporters) {
      const inserted = await db
        .insertInto('email_outbox')
        .values({
          to_address: r.contact_email!,
          template: 'rating-invitation',
          props: JSON.stringify({
            title: duty.title,
            summary: duty.resolution_summary ?? '',
            rateUrl: rateUrl(options.publicUrl, r.follow_token),
            windowDays: window,
          }),
          dedupe_key: `rating-invitation:${duty.id}:${r.id}:${duty.reopened_count}`,
        })
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .returning('id')
        .executeTakeFirst()
      if (inserted) invited++
    }
    // The reporters' time runs from when they were asked (a duty resolved before this job
    // first ran is not closed or reminded before anyone could rate it).
    const asked = await db
      .selectFrom('email_outbox')
      .select((eb) => eb.fn.min('created_at').as('at'))
      .where('dedupe_key', 'like', `rating-invitation:${duty.id}:%:${duty.reopened_count}`)
      .executeTakeFirst()
    const askedAt = asked?.at ? new Date(asked.at as Date) : duty.resolved_at!
    const start = askedAt > duty.resolved_at! ? askedAt : duty.resolved_at!
    const startDay = chinaToday(start)
    if (today >= addWorkingDays(startDay, REMINDER_AFTER_DAYS)) {
      for (const r of reporters) {
        if (r.rating_id !== null && r.updated_at! >= duty.resolved_at!) continue
        const sent = await db
          .insertInto('email_outbox')
          .values({
            to_address: r.contact_email!,
            template: 'rating-reminder',
            props: JSON.stringify({
              title: duty.title,
              rateUrl: rateUrl(options.publicUrl, r.follow_token),
            }),
            dedupe_key: `rating-reminder:${duty.id}:${r.id}:${duty.reopened_count}`,
          })
          .onConflict((oc) => oc.column('dedupe_key').doNothing())
          .returning('id')
          .executeTakeFirst()
        if (sent) reminded++
      }
    }
    if (today >= addWorkingDays(startDay, window)) {
      const didClose = await db.transaction().execute(async (trx) => {
        const open = await trx
          .selectFrom('duty_reviews')
          .select('id')
          .where('duty_id', '=', duty.id)
          .where('status', '=', 'open')
          .executeTakeFirst()
        const current = await trx
          .selectFrom('duties')
          .select('status')
          .where('id', '=', duty.id)
          .forUpdate()
          .executeTakeFirstOrThrow()
        if (open || current.status !== 'resolved') return false
        await transitionDuty(trx, {
          dutyId: duty.id,
          action: 'close',
          actor: 'system',
          eventData: { windowDays: window },
        })
        return true
      })
      if (didClose) closed++
    }
  }
  return { invited, reminded, closed }
}
