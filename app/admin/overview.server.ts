import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { getDatabase } from '../platform/db.server'

/** The operator's view at a glance: what the admin pages hold, and whether the database answers. */

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
