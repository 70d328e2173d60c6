import { sql, type Kysely } from 'kysely'

/**
 * Indexes for the scoreboard and the unit page at city scale (issue 16): the weekly trend of
 * resolved duties ranged by `resolved_at`, a unit's duty list by keyset (`unit_id`, `id`),
 * the on-time count ranged by `deadline` over all units or one (covering: no heap visit),
 * and the reports-to-duty link read by report with the duty beside it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index duties_resolved on duties (resolved_at) include (unit_id)`.execute(db)
  await sql`create index duties_unit_id on duties (unit_id, id)`.execute(db)
  await sql`create index duties_deadline_due on duties (deadline) include (unit_id, status, resolved_at)`.execute(
    db,
  )
  await sql`create index duties_unit_deadline on duties (unit_id, deadline) include (status, resolved_at)`.execute(
    db,
  )
  await sql`create index duty_reports_report on duty_reports (report_id) include (duty_id)`.execute(
    db,
  )
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of [
    'duty_reports_report',
    'duties_unit_deadline',
    'duties_deadline_due',
    'duties_unit_id',
    'duties_resolved',
  ])
    await sql`drop index if exists ${sql.id(name)}`.execute(db)
}
