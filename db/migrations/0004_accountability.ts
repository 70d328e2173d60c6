import { sql, type Kysely } from 'kysely'

/** Accountability: supervision steps, scoreboard, topics, rule changes, notices, api keys. */
export async function up(db: Kysely<any>): Promise<void> {
  // The mainland working-day calendar as a table, so the scoreboard can count working days in
  // SQL: `idx` numbers the working days in order, so idx(b) - idx(a) is the working days in (a, b].
  // Filled from chinese-days at run time (syncWorkdayCalendar), not frozen here.
  await db.schema
    .createTable('workdays')
    .addColumn('day', 'date', (c) => c.primaryKey())
    .addColumn('idx', 'integer', (c) => c.notNull())
    .addColumn('workday', 'boolean', (c) => c.notNull())
    .execute()
  await sql`create index workdays_idx on workdays (idx) where workday`.execute(db)

  // The scoreboard and Open311 read by period over up to millions of rows.
  await sql`create index if not exists reports_created on reports (created_at)`.execute(db)
  await sql`create index if not exists duties_created on duties (created_at)`.execute(db)
  await sql`create index if not exists duties_deadline on duties (deadline) include (unit_id, status, resolved_at)`.execute(
    db,
  )
  await sql`create index if not exists ratings_created on ratings (created_at) include (duty_id, level, report_id, status)`.execute(
    db,
  )
  await sql`create index if not exists rule_changes_unit on rule_changes (unit_id, effective_on desc)`.execute(
    db,
  )
  await sql`create index if not exists topic_duties_duty on topic_duties (duty_id)`.execute(db)
  await sql`create index if not exists notices_published on notices (published_at desc)`.execute(db)
}
