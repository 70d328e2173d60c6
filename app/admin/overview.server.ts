import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { yearDue } from '../calendar/calendar-data.server'
import { getDatabase } from '../platform/db.server'

/** The operator's view at a glance: what the admin pages hold, and whether the database answers. */

/**
 * The overview page: the counts, and the year whose holidays are still to enter (next year's
 * from December on, issue 17), so the admin is warned before its deadlines are counted.
 */
export async function adminOverview(db: Kysely<Database>) {
  const [counts, calendarYearDue] = await Promise.all([adminCounts(db), yearDue(db)])
  return { counts, calendarYearDue }
}

/** How many of each the admin pages hold, for the overview. */
export async function adminCounts(db: Kysely<Database>) {
  const count = async (
    table: 'units' | 'categories' | 'areas' | 'routing_rules' | 'staff_users',
  ) => {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }
  const [units, categories, areas, routing, staff] = await Promise.all([
    count('units'),
    count('categories'),
    count('areas'),
    count('routing_rules'),
    count('staff_users'),
  ])
  return { units, categories, areas, routing, staff }
}

/** The database's engine and how long a round trip took; throws when it cannot be reached. */
export async function checkDatabase(): Promise<{
  engine: 'pglite' | 'postgresql'
  latencyMs: number
}> {
  const started = Date.now()
  const { db, embedded } = await getDatabase()
  await sql`select 1`.execute(db)
  return { engine: embedded ? 'pglite' : 'postgresql', latencyMs: Date.now() - started }
}
