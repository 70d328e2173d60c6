import { generateTOTP, verifyTOTP } from '@epic-web/totp'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { getDb } from '../platform/db.server'
import { DomainError } from '../platform/errors'
import { localeFromRequest, type Locale } from '../platform/i18n'
import { hashToken, newSessionToken } from '../platform/session.server'
import { queueToContact } from '../platform/outbox.server'
import { clientAddress, consume } from '../platform/rate-limit.server'

/** A code is good for ten minutes and five tries, once. */
export const OTP_MINUTES = 10
export const OTP_MAX_ATTEMPTS = 5
export const PUBLIC_SESSION_DAYS = 30
const OTP_PERIOD = OTP_MINUTES * 60
const OTP_CHARSET = '0123456789'

/**
 * A participant is known by the address their code went to: an email, or a mainland mobile (11
 * digits, never an '@'). Both live in the `email` columns of otp_challenges and public_users
 * (docs/decisions/008-sms-beside-email.md).
 */
export function contactOf(address: string): { email: string | null; mobile: string | null } {
  return address.includes('@') ? { email: address, mobile: null } : { email: null, mobile: address }
}

export interface PublicUser {
  id: number
  /** The email or mobile the participant verified. */
  email: string
  displayName: string | null
}

/** Starts a verification: a fresh challenge (earlier ones die) and the code by email or SMS. */
export async function requestCode(
  db: Kysely<Database>,
  email: string,
  locale: Locale,
): Promise<void> {
  const { otp, secret } = await generateTOTP({
    period: OTP_PERIOD,
    digits: 6,
    algorithm: 'SHA-256',
    charSet: OTP_CHARSET,
  })
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('otp_challenges')
      .set({ used_at: new Date() })
      .where('email', '=', email)
      .where('used_at', 'is', null)
      .execute()
    const challenge = await trx
      .insertInto('otp_challenges')
      .values({ email, secret, expires_at: new Date(Date.now() + OTP_PERIOD * 1000) })
      .returning('id')
      .executeTakeFirstOrThrow()
    await queueToContact(trx, contactOf(email), {
      template: 'verify-code',
      props: { code: otp, minutes: OTP_MINUTES },
      locale,
      dedupeKey: `verify-code:${challenge.id}`,
    })
  })
}

/**
 * Sends a code in the reader's language, unless this email or mobile, or this client, asked too
 * often (a mobile has the same allowance as an email).
 */
export async function sendCode(request: Request, address: string): Promise<void> {
  const byAddress = await consume(contactOf(address).email ? 'otpByEmail' : 'otpByMobile', address)
  const byIp = byAddress.ok ? await consume('otpVerifyByIp', clientAddress(request)) : byAddress
  if (!byAddress.ok || !byIp.ok) throw new DomainError(429, 'verdict.tooMany')
  await requestCode(await getDb(), address, localeFromRequest(request))
}

export type CodeRefusal = 'wrong' | 'expired' | 'tooManyAttempts' | 'blocked'
export type CodeCheck = { ok: true; user: PublicUser } | { ok: false; reason: CodeRefusal }

/**
 * Checks a code against the newest live challenge of the address. A right code is spent at
 * once (a second use is refused); every wrong try counts, and the fifth ends the challenge.
 */
export async function checkCode(
  db: Kysely<Database>,
  email: string,
  code: string,
  displayName?: string | null,
): Promise<CodeCheck> {
  return db.transaction().execute(async (trx) => {
    const challenge = await trx
      .selectFrom('otp_challenges')
      .selectAll()
      .where('email', '=', email)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .forUpdate()
      .executeTakeFirst()
    if (!challenge || challenge.used_at) return { ok: false, reason: 'expired' } as const
    if (challenge.expires_at <= new Date()) return { ok: false, reason: 'expired' } as const
    if (challenge.attempts >= OTP_MAX_ATTEMPTS)
      return { ok: false, reason: 'tooManyAttempts' } as const
    const valid =
      /^\d{6}$/.test(code) &&
      (await verifyTOTP({
        otp: code,
        secret: challenge.secret,
        period: OTP_PERIOD,
        digits: 6,
        algorithm: 'SHA-256',
        charSet: OTP_CHARSET,
        window: 1,
      })) !== null
    if (!valid) {
      const attempts = challenge.attempts + 1
      await trx
        .updateTable('otp_challenges')
        .set({ attempts, ...(attempts >= OTP_MAX_ATTEMPTS ? { used_at: new Date() } : {}) })
        .where('id', '=', challenge.id)
        .execute()
      return {
        ok: false,
        reason: attempts >= OTP_MAX_ATTEMPTS ? 'tooManyAttempts' : 'wrong',
      } as const
    }
    await trx
      .updateTable('otp_challenges')
      .set({ used_at: new Date(), attempts: challenge.attempts + 1 })
      .where('id', '=', challenge.id)
      .execute()
    const user = await trx
      .insertInto('public_users')
      .values({ email, display_name: displayName ?? null })
      .onConflict((oc) =>
        oc.column('email').doUpdateSet((eb) => ({
          display_name: displayName ? eb.val(displayName) : eb.ref('public_users.display_name'),
        })),
      )
      .returning(['id', 'email', 'display_name', 'blocked_at'])
      .executeTakeFirstOrThrow()
    if (user.blocked_at) return { ok: false, reason: 'blocked' } as const
    return { ok: true, user: { id: user.id, email: user.email, displayName: user.display_name } }
  })
}

export async function createPublicSession(
  db: Kysely<Database>,
  publicUserId: number,
  previousToken?: string,
): Promise<string> {
  const { token, id } = newSessionToken()
  await db.transaction().execute(async (trx) => {
    if (previousToken)
      await trx.deleteFrom('public_sessions').where('id', '=', hashToken(previousToken)).execute()
    await trx
      .insertInto('public_sessions')
      .values({
        id,
        public_user_id: publicUserId,
        expires_at: new Date(Date.now() + PUBLIC_SESSION_DAYS * 86_400_000),
      })
      .execute()
  })
  return token
}

export async function publicUserBySession(
  db: Kysely<Database>,
  token: string,
): Promise<PublicUser | null> {
  const row = await db
    .selectFrom('public_sessions as s')
    .innerJoin('public_users as u', 'u.id', 's.public_user_id')
    .select(['u.id', 'u.email', 'u.display_name'])
    .where('s.id', '=', hashToken(token))
    .where('s.expires_at', '>', new Date())
    .where('u.blocked_at', 'is', null)
    .executeTakeFirst()
  return row ? { id: row.id, email: row.email, displayName: row.display_name } : null
}

export async function endPublicSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('public_sessions').where('id', '=', hashToken(token)).execute()
}

/** The name a participant's comments carry: their chosen name, else a neutral one. */
export function participantName(user: { id: number; displayName: string | null }): string {
  return user.displayName ?? `#${user.id}`
}
