import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible'
import { getDatabase } from './db.server'
import { getEnv } from './env.server'

/**
 * Named limits. On PostgreSQL they live in the `rate_limits` table, shared by every app
 * server; on the embedded database (one process) in memory.
 */
export const limits = {
  /** Report submissions per client address. */
  reportByIp: { points: 10, duration: 3600 },
  /** Report submissions per contact (mobile or email). */
  reportByContact: { points: 5, duration: 3600 },
  /** Lookups of a report by tracking code and contact, per client address. */
  trackByIp: { points: 20, duration: 900 },
  /** Failed lookups of one tracking code, from anywhere: a code cannot be guessed at from many addresses. */
  trackFailuresByCode: { points: 5, duration: 86400 },
  /** Sign-in attempts per client address. */
  signInByIp: { points: 20, duration: 900 },
  /** Password changes per officer: a borrowed session cannot guess the current password. */
  passwordByStaff: { points: 5, duration: 900 },
  /** One-time codes requested per email address. */
  otpByEmail: { points: 5, duration: 3600 },
  /** One-time codes requested or tried per client address. */
  otpVerifyByIp: { points: 30, duration: 3600 },
  /** Comments per public user. */
  commentByUser: { points: 10, duration: 3600 },
  /** Ratings per public user. */
  ratingByUser: { points: 30, duration: 3600 },
} satisfies Record<string, { points: number; duration: number }>

export type LimitName = keyof typeof limits

const limiters = new Map<string, RateLimiterAbstract>()

async function limiter(name: LimitName): Promise<RateLimiterAbstract> {
  const { pool } = await getDatabase()
  const cacheKey = `${name}:${pool ? 'pg' : 'memory'}`
  let found = limiters.get(cacheKey)
  if (!found) {
    const options = {
      keyPrefix: name,
      points: Math.ceil(limits[name].points * getEnv().RATE_LIMIT_MULTIPLIER),
      duration: limits[name].duration,
    }
    found = pool
      ? new RateLimiterPostgres({
          ...options,
          storeClient: pool,
          storeType: 'pool',
          tableName: 'rate_limits',
          tableCreated: true,
        })
      : new RateLimiterMemory(options)
    limiters.set(cacheKey, found)
  }
  return found
}

/** Spends one point; false (with the seconds to wait) once the limit is reached. */
export async function consume(
  name: LimitName,
  key: string,
): Promise<{ ok: true } | { ok: false; retryAfter: number }> {
  try {
    await (await limiter(name)).consume(key)
    return { ok: true }
  } catch (error) {
    if (error instanceof RateLimiterRes)
      return { ok: false, retryAfter: Math.ceil(error.msBeforeNext / 1000) }
    throw error
  }
}

/** Whether the limit is already reached for this key, without spending a point. */
export async function isLimited(
  name: LimitName,
  key: string,
): Promise<{ ok: true } | { ok: false; retryAfter: number }> {
  const res = await (await limiter(name)).get(key)
  const points = Math.ceil(limits[name].points * getEnv().RATE_LIMIT_MULTIPLIER)
  return res && res.consumedPoints >= points
    ? { ok: false, retryAfter: Math.ceil(res.msBeforeNext / 1000) }
    : { ok: true }
}

export async function resetLimit(name: LimitName, key: string): Promise<void> {
  await (await limiter(name)).delete(key)
}

/** Forget the limiters (tests switch databases between files). */
export function clearLimiters(): void {
  limiters.clear()
}

/** The client address: the first X-Forwarded-For hop set by our proxy, else the socket's. */
export function clientAddress(request: Request): string {
  const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim()
  return forwarded || request.headers.get('x-real-ip') || 'local'
}
