import crypto from 'node:crypto'
import { secureCookies } from './env.server'

/** Session cookies hold a random token; the database keeps only its SHA-256. */
export function newSessionToken(): { token: string; id: string } {
  const token = crypto.randomBytes(32).toString('base64url')
  return { token, id: hashToken(token) }
}

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('base64url')
}

export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get('cookie') ?? ''
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=')
    if (key === name) return safeDecode(rest.join('='))
  }
  return undefined
}

/** A cookie's value decoded; a malformed escape (a forged cookie) reads as no cookie. */
function safeDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value)
  } catch {
    return undefined
  }
}

export function sessionCookie(name: string, token: string, maxAgeSeconds: number): string {
  const parts = [
    `${name}=${encodeURIComponent(token)}`,
    'Path=/',
    `Max-Age=${maxAgeSeconds}`,
    'HttpOnly',
    'SameSite=Lax',
  ]
  if (secureCookies()) parts.push('Secure')
  return parts.join('; ')
}

export function clearCookie(name: string): string {
  return `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${secureCookies() ? '; Secure' : ''}`
}
