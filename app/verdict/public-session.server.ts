import { redirect } from '@remix-run/node'
import { getDb } from '../platform/db.server'
import { publicUserBySession, type PublicUser } from './verify.server'
import { readCookie } from '../platform/session.server'

export const PUBLIC_COOKIE = 'kaimen_public'

/** The verified member of the public behind this request, if any (no password, email only). */
export async function getPublicUser(request: Request): Promise<PublicUser | null> {
  const token = readCookie(request, PUBLIC_COOKIE)
  if (!token || token.length > 100) return null
  return publicUserBySession(await getDb(), token)
}

/** Participation needs a verified email: others are sent to verify and brought back. */
export async function requirePublicUser(request: Request, returnTo: string): Promise<PublicUser> {
  const user = await getPublicUser(request)
  if (!user) throw redirect(`/verify?redirectTo=${encodeURIComponent(returnTo)}`)
  return user
}
