import { sql, type Kysely } from 'kysely'

/**
 * The working-day calendar as data (issue 17): the holidays and make-up workdays (调休上班日) of
 * each year, and which years are complete: filled from chinese-days at start for the years the
 * package knows, entered by the admin from the State Council's notice for the others. A year
 * without a row in `calendar_years` counts Monday to Friday and its deadlines are flagged.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('calendar_days')
    .addColumn('day', 'date', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('holiday', 'workday')`))
    .addColumn('name', 'text', (c) => c.notNull().check(sql`char_length(name) between 1 and 40`))
    .execute()
  await db.schema
    .createTable('calendar_years')
    .addColumn('year', 'integer', (c) => c.primaryKey().check(sql`year between 2000 and 2100`))
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('chinese-days', 'admin')`))
    .addColumn('entered_by', 'integer', (c) => c.references('staff_users.id').onDelete('set null'))
    .addColumn('entered_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('calendar_years').execute()
  await db.schema.dropTable('calendar_days').execute()
}
