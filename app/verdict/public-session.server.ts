import { getDb } from '../platform/db.server'
import { clientAddress, consume } from '../platform/rate-limit.server'
import { clearCookie, readCookie, sessionCookie } from '../platform/session.server'
import {
  checkCode,
  createPublicSession,
  endPublicSession,
  publicUserBySession,
  PUBLIC_SESSION_DAYS,
  type CodeRefusal,
  type PublicUser,
} from './verify.server'

export const PUBLIC_COOKIE = 'kaimen_public'

/** The verified member of the public behind this request, if any (no password: a code by email or SMS). */
export async function getPublicUser(request: Request): Promise<PublicUser | null> {
  const token = readCookie(request, PUBLIC_COOKIE)
  if (!token || token.length > 100) return null
  return publicUserBySession(await getDb(), token)
}

export type SignIn = { ok: true; cookie: string } | { ok: false; reason: CodeRefusal | 'tooMany' }

/**
 * A right code signs the person in: the Set-Cookie value of a new session (replacing the one the
 * browser had). Tries are limited per client address.
 */
export async function signInWithCode(
  request: Request,
  input: { address: string; code: string; displayName?: string },
): Promise<SignIn> {
  if (!(await consume('otpVerifyByIp', clientAddress(request))).ok)
    return { ok: false, reason: 'tooMany' }
  const db = await getDb()
  const checked = await checkCode(db, input.address, input.code, input.displayName ?? null)
  if (!checked.ok) return checked
  const token = await createPublicSession(db, checked.user.id, readCookie(request, PUBLIC_COOKIE))
  return { ok: true, cookie: sessionCookie(PUBLIC_COOKIE, token, PUBLIC_SESSION_DAYS * 86_400) }
}

/** Ends this browser's session; the Set-Cookie value that clears it. */
export async function signOut(request: Request): Promise<string> {
  const token = readCookie(request, PUBLIC_COOKIE)
  if (token && token.length <= 100) await endPublicSession(await getDb(), token)
  return clearCookie(PUBLIC_COOKIE)
}
