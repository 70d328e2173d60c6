import { sql } from 'kysely'
import { pendingMigrations } from '../../db/index'
import { getDatabase } from './db.server'
import { getEnv } from './env.server'

/** A due email still waiting after this long means no worker is draining the outbox. */
export const OUTBOX_STUCK_MINUTES = 10
const CHECK_TIMEOUT_MS = 3000

export interface Readiness {
  ready: boolean
  database: 'ok' | 'unreachable'
  /** Migrations this code has that the database has not run. */
  pendingMigrations: string[] | null
  /** Emails due for longer than OUTBOX_STUCK_MINUTES. */
  stuckEmails: number | null
}

function within<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('health check timed out')), CHECK_TIMEOUT_MS)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/**
 * May a load balancer send this instance requests? Only when its database answers and has run
 * this code's migrations, and, where this instance runs the jobs, the outbox is being drained
 * (an instance without the worker cannot fix a stuck outbox, so it only reports it).
 */
export async function readiness(): Promise<Readiness> {
  try {
    return await within(
      (async () => {
        const { db } = await getDatabase()
        const pending = await pendingMigrations(db)
        const { rows } = await sql<{ n: number }>`
          select count(*)::int as n from email_outbox
          where status = 'pending'
            and next_attempt_at < now() - make_interval(mins => ${OUTBOX_STUCK_MINUTES})
            and (locked_until is null or locked_until < now())`.execute(db)
        const stuck = Number(rows[0]?.n ?? 0)
        return {
          ready: pending.length === 0 && (stuck === 0 || getEnv().WORKER === 'off'),
          database: 'ok' as const,
          pendingMigrations: pending,
          stuckEmails: stuck,
        }
      })(),
    )
  } catch (error) {
    console.error('[healthz] not ready:', error instanceof Error ? error.message : error)
    return { ready: false, database: 'unreachable', pendingMigrations: null, stuckEmails: null }
  }
}
