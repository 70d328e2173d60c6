import { sql } from 'kysely'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { getDatabase } from '../../app/platform/db.server'
import {
  clearLimiters,
  consume,
  limits,
  type LimitName,
} from '../../app/platform/rate-limit.server'
import { setupTestDatabase } from '../support/database'

const database = setupTestDatabase()

afterEach(() => {
  vi.useRealTimers()
  clearLimiters()
})

/** Lets the limit's window pass: in PostgreSQL by expiring the stored row, in memory by the clock. */
async function windowPasses(name: LimitName, key: string) {
  const { pool } = await getDatabase()
  if (pool) {
    await sql`update rate_limits set expire = ${Date.now() - 1000} where key = ${`${name}:${key}`}`.execute(
      database.current.db,
    )
  } else {
    vi.useFakeTimers({ now: Date.now() + limits[name].duration * 1000 + 1000, toFake: ['Date'] })
  }
}

describe('rate limits', () => {
  for (const name of Object.keys(limits) as LimitName[]) {
    it(`${name}: trips after ${limits[name].points} and recovers when the window has passed`, async () => {
      const key = `client-${name}`
      for (let i = 0; i < limits[name].points; i++)
        expect(await consume(name, key)).toEqual({ ok: true })
      const tripped = await consume(name, key)
      expect(tripped.ok).toBe(false)
      if (!tripped.ok) {
        expect(tripped.retryAfter).toBeGreaterThan(0)
        expect(tripped.retryAfter).toBeLessThanOrEqual(limits[name].duration)
      }
      // Another client is not affected.
      expect(await consume(name, `${key}-other`)).toEqual({ ok: true })

      await windowPasses(name, key)
      expect(await consume(name, key)).toEqual({ ok: true })
    })
  }

  it('is shared by every app server on PostgreSQL (a fresh limiter sees the spent points)', async () => {
    const { pool } = await getDatabase()
    const key = 'shared-client'
    for (let i = 0; i < limits.signInByIp.points; i++) await consume('signInByIp', key)
    clearLimiters() // as if a second server asked
    const answer = await consume('signInByIp', key)
    // On the embedded database there is one process, and limits live in its memory.
    expect(answer.ok).toBe(!pool)
  })
})
