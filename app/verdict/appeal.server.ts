import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { DomainError, notFound } from '../platform/errors'
import { appendEvent } from '../platform/event.server'

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

export type UnitRating = Awaited<ReturnType<typeof ratingsOfUnit>>[number]

/** 申诉: unit staff contest a rating of their own unit's duty, one open appeal at a time. */
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
    if (!rating || rating.unit_id !== input.unitId) throw notFound()
    if (rating.status !== 'valid') throw new DomainError(409, 'verdict.appeals.stale')
    const open = await trx
      .selectFrom('rating_appeals')
      .select('id')
      .where('rating_id', '=', rating.id)
      .where('status', '=', 'open')
      .executeTakeFirst()
    if (open) throw new DomainError(409, 'verdict.appeals.already')
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

/** The coordinator's queue of appeals, oldest first. */
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

export type AppealDecision = 'upheld' | 'rejected'

/** Upheld: the rating no longer counts. Rejected: it stands. Either way the decision is public. */
export async function decideAppeal(
  db: Kysely<Database>,
  input: { appealId: number; staffId: number; decision: AppealDecision; note: string },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const appeal = await trx
      .selectFrom('rating_appeals as a')
      .innerJoin('ratings as r', 'r.id', 'a.rating_id')
      .select(['a.id', 'a.status', 'a.rating_id', 'r.duty_id', 'r.level'])
      .where('a.id', '=', input.appealId)
      .forUpdate()
      .executeTakeFirst()
    if (!appeal || appeal.status !== 'open') throw new DomainError(409, 'verdict.appeals.stale')
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
