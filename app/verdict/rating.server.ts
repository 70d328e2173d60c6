import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../db/schema'
import { DomainError } from '../platform/errors'
import { appendEvent } from '../platform/event.server'
import { dutyPrivateAddresses } from '../privacy/private-addresses.server'
import { publicText } from '../privacy/public-text'
import { distribution, isUnsatisfied, type Distribution } from './rating'

/** Working days a resolved duty stays open to ratings before closing (a setting, default 10). */
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
    throw new DomainError(409, 'verdict.rate.closed')
  if (reporter && isUnsatisfied(input.level) && !input.reason)
    throw new DomainError(409, 'verdict.rate.reasonRequired')
  return db.transaction().execute(async (trx) => {
    const duty = await trx
      .selectFrom('duties')
      .select(['id', 'status'])
      .where('id', '=', input.dutyId)
      .forUpdate()
      .executeTakeFirst()
    if (!duty || duty.status !== 'resolved') throw new DomainError(409, 'verdict.rate.closed')
    const now = new Date()
    const existing = await trx
      .selectFrom('ratings')
      .select(['id', 'status'])
      .where('duty_id', '=', duty.id)
      .where((eb) =>
        'reportId' in input.rater
          ? eb('report_id', '=', input.rater.reportId)
          : eb('public_user_id', '=', input.rater.publicUserId),
      )
      .executeTakeFirst()
    const reasonPublic =
      input.reason === null
        ? null
        : publicText(input.reason, await dutyPrivateAddresses(trx, duty.id))
    let ratingId: number
    if (existing) {
      await trx
        .updateTable('ratings')
        .set({
          level: input.level,
          reason: input.reason,
          reason_public: reasonPublic,
          status: 'valid',
          updated_at: now,
          // A verdict on a new resolution counts in the period it is given.
          ...(existing.status === 'superseded' ? { created_at: now } : {}),
        })
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
          reason_public: reasonPublic,
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
      actor: 'publicUserId' in input.rater ? `public:${input.rater.publicUserId}` : 'reporter',
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
          data: { reason: reasonPublic },
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
    .select(['level', 'report_id', 'reason_public as reason', 'updated_at'])
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
