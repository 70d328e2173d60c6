import { resetEnv } from '../../app/platform/env.server'
import crypto from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll } from 'vitest'
import { prepareWorkCalendar } from '../../app/calendar/calendar-data.server'
import { migrateToLatest, openDatabase, type OpenDatabase } from '../../db/index'

/**
 * A real, migrated database for one test file: its own schema on PostgreSQL when
 * TEST_DATABASE_URL or DATABASE_URL is given, else an in-memory PGlite.
 */
export async function createTestDatabase(): Promise<OpenDatabase> {
  const url = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL
  if (!url) {
    const opened = openDatabase({ pgliteDir: 'memory://' })
    await migrateToLatest(opened.db)
    await prepareWorkCalendar(opened.db)
    return opened
  }
  const schema = `test_${crypto.randomBytes(6).toString('hex')}`
  const admin = openDatabase({ url, poolSize: 1 })
  await sql`create schema ${sql.id(schema)}`.execute(admin.db)
  const opened = openDatabase({ url, schema, poolSize: 5 })
  await migrateToLatest(opened.db)
  await prepareWorkCalendar(opened.db)
  return {
    ...opened,
    close: async () => {
      await opened.close()
      await sql`drop schema ${sql.id(schema)} cascade`.execute(admin.db)
      await admin.close()
    },
  }
}

/**
 * Gives the file a test database and makes it the app's database, so loaders and actions
 * imported from app/routes run against it.
 */
export function setupTestDatabase(): { current: OpenDatabase } {
  const holder = {} as { current: OpenDatabase }
  beforeAll(async () => {
    process.env.WORKER = 'off'
    resetEnv()
    holder.current = await createTestDatabase()
    globalThis.__kaimen = Promise.resolve(holder.current)
  })
  afterAll(async () => {
    globalThis.__kaimen = undefined
    await holder.current?.close()
  })
  return holder
}
