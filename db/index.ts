import fs from 'node:fs'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { Kysely, PGliteDialect, PostgresDialect, sql } from 'kysely'
import { Migrator } from 'kysely/migration'
import pg from 'pg'
import { migrationProvider } from './migrations/index'
import { NulFreeParameters } from './nul-free'
import type { Database } from './schema'

export type { Database } from './schema'

const INT8 = 20
const NUMERIC = 1700
const DATE = 1082

/** Same JavaScript values from both drivers: counts as numbers, calendar days as 'YYYY-MM-DD'. */
const parsers: Record<number, (value: string) => unknown> = {
  [INT8]: Number,
  [NUMERIC]: Number,
  [DATE]: (value) => value,
}

export interface DatabaseOptions {
  /** postgres://… ; when absent the embedded PGlite database is used. */
  url?: string
  /** PGlite data folder, or 'memory://'. */
  pgliteDir?: string
  /** Extra search_path entry placed first (tests isolate each file in its own schema). */
  schema?: string
  poolSize?: number
}

export interface OpenDatabase {
  db: Kysely<Database>
  embedded: boolean
  /** The pg pool, when on PostgreSQL (rate limits share it). */
  pool?: pg.Pool
  close: () => Promise<void>
}

export function openDatabase(options: DatabaseOptions = {}): OpenDatabase {
  if (options.url) return openPostgres(options.url, options)
  return openPGlite(options.pgliteDir ?? path.resolve('.data/pglite'))
}

function openPostgres(url: string, options: DatabaseOptions): OpenDatabase {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    options: options.schema ? `-c search_path=${options.schema},public` : undefined,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        parsers[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  })
  // A client that loses its server (a restart) must not crash the process. The pool listens to
  // idle clients only; one checked out for a transaction needs its own listener, from creation:
  // its query fails, the request that used it fails, and the pool drops it when it comes back.
  pool.on('error', (error) => console.error('[db] idle client error:', error.message))
  pool.on('connect', (client) => {
    client.on('error', (error) => console.error('[db] connection lost:', error.message))
  })
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    plugins: [new NulFreeParameters()],
  })
  return { db, embedded: false, pool, close: () => db.destroy() }
}

function openPGlite(dir: string): OpenDatabase {
  const release = dir.startsWith('memory://') ? () => {} : acquireLock(dir)
  const pglite = new PGlite(dir, { extensions: { pg_trgm }, parsers })
  const db = new Kysely<Database>({
    dialect: new PGliteDialect({ pglite }),
    plugins: [new NulFreeParameters()],
  })
  return {
    db,
    embedded: true,
    close: async () => {
      await db.destroy()
      release()
    },
  }
}

/** Another live process holds the embedded database's folder. */
export class DatabaseLockedError extends Error {
  readonly code = 'DATABASE_LOCKED'
  constructor(
    readonly dir: string,
    readonly holder: number,
  ) {
    super(
      `The embedded database ${dir} is open in process ${holder}. Stop that process first ` +
        `(kill -TERM ${holder}: it closes the database and exits), give this one another ` +
        `PGLITE_DIR, or set DATABASE_URL to use PostgreSQL.`,
    )
    this.name = 'DatabaseLockedError'
  }
}

/**
 * PGlite corrupts a data folder that two processes open, so the folder is guarded by a lock
 * file holding the owner's pid; a lock left by a dead process is taken over.
 */
function acquireLock(dir: string): () => void {
  fs.mkdirSync(path.dirname(dir), { recursive: true })
  const lockPath = `${dir}.lock`
  try {
    fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' })
  } catch {
    const owner = Number(fs.readFileSync(lockPath, 'utf8'))
    if (owner && owner !== process.pid && isAlive(owner)) throw new DatabaseLockedError(dir, owner)
    fs.writeFileSync(lockPath, String(process.pid))
  }
  const release = () => {
    try {
      if (fs.readFileSync(lockPath, 'utf8') === String(process.pid)) fs.unlinkSync(lockPath)
    } catch {
      // already gone
    }
  }
  process.once('exit', release)
  return release
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function migrator(db: Kysely<Database>): Promise<Migrator> {
  // Migrations run in name order only: a new one takes the next number (docs/decisions/021).
  // Kysely looks for its bookkeeping tables in every schema unless told which one: name ours,
  // or a database holding other schemas (tests give each file one) confuses it.
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db)
  return new Migrator({
    db,
    provider: migrationProvider,
    allowUnorderedMigrations: false,
    migrationTableSchema: rows[0]!.schema,
  })
}

/** The migrations this code knows that the database has not run (readiness: none). */
export async function pendingMigrations(db: Kysely<Database>): Promise<string[]> {
  const migrations = await (await migrator(db)).getMigrations()
  return migrations.filter((m) => !m.executedAt).map((m) => m.name)
}

export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  const { error, results } = await (await migrator(db)).migrateToLatest()
  for (const result of results ?? []) {
    if (result.status === 'Error') console.error(`[db] migration ${result.migrationName} failed`)
  }
  if (error instanceof Error && /previously executed migration .* is missing/.test(error.message)) {
    throw new Error(
      `${error.message}: this database predates the migration baseline (docs/decisions/021-migration-baseline.md); create it afresh.`,
    )
  }
  if (error) throw error
}
