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
  /** Sign-in attempts per client address: the only lock, and it holds only that address. */
  signInByIp: { points: 20, duration: 900 },
  /** Sign-in attempts per account and address: slows a guesser, never locks the officer out. */
  signInByAccountAndIp: { points: 5, duration: 900 },
  /** Wrong passwords per account from anywhere: counted, never locking; the officer is told. */
  wrongPasswordByAccount: { points: 5, duration: 3600 },
  /** Password changes per officer: a borrowed session cannot guess the current password. */
  passwordByStaff: { points: 5, duration: 900 },
  /** One-time codes requested per email address. */
  otpByEmail: { points: 5, duration: 3600 },
  /** One-time codes requested per mobile: the same allowance as an email. */
  otpByMobile: { points: 5, duration: 3600 },
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

/** Adds one to a count without ever refusing; returns the count in the current window. */
export async function countUp(name: LimitName, key: string): Promise<number> {
  return (await (await limiter(name)).penalty(key, 1)).consumedPoints
}

/** Whether the limit is already reached, without spending a point. */
export async function check(
  name: LimitName,
  key: string,
): Promise<{ ok: true } | { ok: false; retryAfter: number }> {
  const found = await limiter(name)
  const spent = await found.get(key)
  if (spent && spent.consumedPoints >= found.points)
    return { ok: false, retryAfter: Math.ceil(spent.msBeforeNext / 1000) }
  return { ok: true }
}

export async function resetLimit(name: LimitName, key: string): Promise<void> {
  await (await limiter(name)).delete(key)
}

/** Forget the limiters (tests switch databases between files). */
export function clearLimiters(): void {
  limiters.clear()
}

/**
 * What the server passes as Remix's load context: the socket's peer address
 * (`req.socket.remoteAddress` in Express's `getLoadContext`).
 */
export interface ClientContext {
  clientAddress?: string
}

/** The socket address of each request that formAction saw, for domain code given the request. */
const socketAddresses = new WeakMap<Request, string>()

/** Called by formAction with the load context, so `clientAddress(request)` finds the socket. */
export function rememberClientAddress(request: Request, context: unknown): void {
  const address = (context as ClientContext | undefined)?.clientAddress
  if (typeof address === 'string' && address) socketAddresses.set(request, address)
}

/**
 * The client's address, the key of every per-client limit. The chain is what X-Forwarded-For
 * lists, then the socket's peer; each of the TRUST_PROXY proxies appended the address it saw,
 * so the client is the entry TRUST_PROXY places left of the socket, and whatever the client
 * wrote further left is ignored. With TRUST_PROXY=0 it is the socket's peer. An unknown socket
 * (a server that passes no context) stands for the nearest proxy.
 */
export function clientAddress(request: Request, context?: unknown): string {
  const socket =
    (context as ClientContext | undefined)?.clientAddress ?? socketAddresses.get(request)
  const trusted = getEnv().TRUST_PROXY
  if (trusted === 0) return socket ?? 'unknown'
  const forwarded = (request.headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean)
  const chain = [...forwarded, socket ?? 'proxy']
  return chain[Math.max(0, chain.length - 1 - trusted)]!
}
