import { sql, type Kysely } from 'kysely'

/**
 * Issue 17: a reporter's rating of an earlier resolution stops counting for the rates once the
 * duty is resolved again (docs/decisions/027-reopening-and-one-message-per-resolution.md).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table ratings drop constraint ratings_status_check`.execute(db)
  await sql`alter table ratings add constraint ratings_status_check
    check (status in ('valid', 'voided', 'superseded'))`.execute(db)
}
