import { sql, type Kysely } from 'kysely'

/**
 * The public verdict: browsing (keyset and trigram indexes), verified participants, comments,
 * ratings, reviews, appeals. The tables themselves are in 0001; these are their indexes.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Keyset pagination: one index per sort, ending in the id that breaks ties.
  await sql`create index reports_newest on reports (created_at desc, id desc)`.execute(db)
  await sql`create index reports_updated on reports (updated_at desc, id desc)`.execute(db)
  await sql`create index duties_newest on duties (created_at desc, id desc)`.execute(db)
  await sql`create index duties_updated on duties (updated_at desc, id desc)`.execute(db)
  await sql`create index duties_deadline on duties ((coalesce(deadline, '9999-12-31'::date)), id)`.execute(
    db,
  )
  // Chinese search: trigrams of a duty's title and commitment (reports have theirs in 0001).
  await sql`create index duties_text_trgm on duties using gin ((title || ' ' || commitment) public.gin_trgm_ops)`.execute(
    db,
  )
  await sql`create index comments_queue on comments (status, created_at) where status = 'pending' or flag_count > 0`.execute(
    db,
  )
  await sql`create index otp_challenges_email on otp_challenges (email, created_at desc)`.execute(db)
  await sql`create index public_sessions_user on public_sessions (public_user_id)`.execute(db)
  await sql`create index ratings_report on ratings (report_id) where report_id is not null`.execute(
    db,
  )
  await sql`create index duty_reviews_open on duty_reviews (duty_id) where status = 'open'`.execute(
    db,
  )
  await sql`create unique index rating_appeals_one_open on rating_appeals (rating_id) where status = 'open'`.execute(
    db,
  )
}
