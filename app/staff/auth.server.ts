import { redirect } from '@remix-run/node'
import type { StaffRole } from '../../db/schema'
import { getDb } from '../platform/db.server'
import { staffBySession, type Staff } from './staff.server'
import { readCookie } from '../platform/session.server'
import { getEnv, mailboxEnabled } from '../platform/env.server'

/**
 * The staff guards, read at the top of every staff and admin loader and action. They answer in
 * HTTP (a redirect to sign in, a 403), so they belong to the request side, not to domain code.
 */

export const STAFF_COOKIE = 'kaimen_staff'

export async function getStaff(request: Request): Promise<Staff | null> {
  const token = readCookie(request, STAFF_COOKIE)
  if (!token) return null
  return staffBySession(await getDb(), token)
}

/**
 * The signed-in officer, if their role is one of `roles` (any role when none is given).
 * Anonymous visitors are sent to sign in; others get 403.
 */
export async function requireStaff(request: Request, ...roles: StaffRole[]): Promise<Staff> {
  const staff = await getStaff(request)
  if (!staff) {
    const url = new URL(request.url)
    throw redirect(`/sign-in?redirectTo=${encodeURIComponent(url.pathname + url.search)}`)
  }
  if (roles.length && !roles.includes(staff.role)) {
    throw new Response('Forbidden', {
      status: 403,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    })
  }
  return staff
}

/** Unit staff of one unit: the only role that may act on that unit's duties. */
export async function requireUnitStaff(request: Request): Promise<Staff & { unitId: number }> {
  const staff = await requireStaff(request, 'unit_staff')
  if (staff.unitId === null) throw new Response('Forbidden', { status: 403 })
  return { ...staff, unitId: staff.unitId }
}

/**
 * The local mailbox shows every one-time code and private link: a developer's tool, answered
 * only in development or to a signed-in admin, and a 404 for anyone else.
 */
export async function requireMailboxReader(request: Request): Promise<void> {
  const notFound = () => new Response('Not found', { status: 404 })
  if (!mailboxEnabled()) throw notFound()
  if (getEnv().NODE_ENV === 'development') return
  const staff = await getStaff(request)
  if (staff?.role !== 'admin') throw notFound()
}
