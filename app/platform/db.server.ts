import path from 'node:path'
import type { Kysely } from 'kysely'
import { migrateToLatest, openDatabase, type Database, type OpenDatabase } from '../../db/index'
import { seed } from '../../db/seed'
import { prepareWorkCalendar } from '../calendar/calendar-data.server'
import { getEnv } from './env.server'

declare global {
  var __kaimen: Promise<OpenDatabase> | undefined
}

type OnOpen = (opened: OpenDatabase) => void

/**
 * What runs beside the database once it is open. The server entry sets it (the jobs): the jobs
 * reach into every capability, which all read the database through this module.
 */
let onOpen: OnOpen | undefined
let closed = false

export function whenDatabaseOpens(run: OnOpen): void {
  onOpen = run
}

/**
 * The one database of this process. On first use it migrates; on the embedded database it
 * also seeds the demo, and then starts what the server entry asked for, since no other process
 * may open the folder.
 */
export function getDatabase(): Promise<OpenDatabase> {
  if (closed) return Promise.reject(new Error('The server is shutting down'))
  globalThis.__kaimen ??= boot().catch((error: unknown) => {
    globalThis.__kaimen = undefined
    throw error
  })
  return globalThis.__kaimen
}

export async function getDb(): Promise<Kysely<Database>> {
  return (await getDatabase()).db
}

async function boot(): Promise<OpenDatabase> {
  const env = getEnv()
  const opened = openDatabase({
    url: env.DATABASE_URL,
    pgliteDir: env.PGLITE_DIR.startsWith('memory://')
      ? env.PGLITE_DIR
      : path.resolve(env.PGLITE_DIR),
  })
  await migrateToLatest(opened.db)
  // Before anything counts a deadline (the demo seed does): the working-day calendar.
  await prepareWorkCalendar(opened.db)
  if (env.SEED_DEMO === 'always' || (env.SEED_DEMO === 'auto' && opened.embedded)) {
    await seed(opened.db, { demo: true })
  }
  onOpen?.(opened)
  return opened
}

/**
 * Closes the pool, or the embedded database and its lock, once at shutdown (after the requests
 * and jobs have stopped); later requests for the database are refused instead of reopening it.
 */
export async function closeDatabase(): Promise<void> {
  closed = true
  const opening = globalThis.__kaimen
  globalThis.__kaimen = undefined
  const opened = await opening?.catch(() => undefined)
  await opened?.close()
}
