import type { Kysely } from 'kysely'
import type { Database, StaffRole } from '../../db/schema'
import { appendEvent } from '../platform/event.server'
import { queueEmail } from '../platform/outbox.server'
import { consume, countUp, limits, resetLimit } from '../platform/rate-limit.server'
import { hashToken, newSessionToken } from '../platform/session.server'
import { message } from '../platform/text'
import { hashPassword, verifyPassword } from './password.server'

/** Officers' sign-in, their sessions, and their own password change. */

export const STAFF_SESSION_DAYS = 7

export interface Staff {
  id: number
  email: string
  name: string
  role: StaffRole
  unitId: number | null
  unitName: string | null
  unitSlug: string | null
}

// A real hash to compare against when the email is unknown, so timing does not reveal accounts.
const dummyHash = hashPassword('not-a-real-password')

/** The account if the password is its own; unknown and disabled accounts cost the same time. */
async function verifyStaffSignIn(
  db: Kysely<Database>,
  email: string,
  password: string,
): Promise<{ id: number; email: string } | null> {
  const user = await db
    .selectFrom('staff_users')
    .select(['id', 'email', 'password_hash', 'disabled_at'])
    .where('email', '=', email)
    .executeTakeFirst()
  if (!user || user.disabled_at) {
    await verifyPassword(await dummyHash, password)
    return null
  }
  return (await verifyPassword(user.password_hash, password)) ? user : null
}

/**
 * A wrong password for a real account is counted against it from every address; when the count
 * reaches the limit in its window, the officer is told once by email. Nothing is locked.
 */
async function countWrongPassword(db: Kysely<Database>, email: string): Promise<void> {
  const count = await countUp('wrongPasswordByAccount', email)
  if (count !== limits.wrongPasswordByAccount.points) return
  const user = await db
    .selectFrom('staff_users')
    .select(['email', 'name'])
    .where('email', '=', email)
    .where('disabled_at', 'is', null)
    .executeTakeFirst()
  if (user)
    await queueEmail(db, {
      to: user.email,
      template: 'sign-in-alert',
      props: {
        name: user.name,
        attempts: count,
        minutes: limits.wrongPasswordByAccount.duration / 60,
      },
    })
}

/**
 * A sign-in from one client address. Points are spent before the password is checked, so a
 * burst of concurrent attempts is counted atomically and at most the allowance is evaluated:
 * per address (the only lock) and per account and address (a slow-down that a stranger's
 * guesses from elsewhere cannot turn into a lockout of the officer). Real and unknown accounts
 * get the same answers in the same order; a right password clears the account-and-address count.
 */
export async function signIn(
  db: Kysely<Database>,
  attempt: { email: string; password: string; clientAddress: string; previousToken?: string },
): Promise<{ ok: true; token: string } | { ok: false; message: string }> {
  const email = attempt.email.trim().toLowerCase()
  const pair = `${email}|${attempt.clientAddress}`
  const byAddress = await consume('signInByIp', attempt.clientAddress)
  const limit = byAddress.ok ? await consume('signInByAccountAndIp', pair) : byAddress
  if (!limit.ok)
    return {
      ok: false,
      message: message('auth.signIn.tooMany', { minutes: Math.ceil(limit.retryAfter / 60) }),
    }
  const user = await verifyStaffSignIn(db, email, attempt.password)
  if (!user) {
    await countWrongPassword(db, email)
    return { ok: false, message: message('auth.signIn.invalid') }
  }
  await resetLimit('signInByAccountAndIp', pair)
  return { ok: true, token: await createStaffSession(db, user.id, attempt.previousToken) }
}

/** A new session on every sign-in (rotation); the session presented before it is ended. */
export async function createStaffSession(
  db: Kysely<Database>,
  staffId: number,
  previousToken?: string,
): Promise<string> {
  const { token, id } = newSessionToken()
  await db.transaction().execute(async (trx) => {
    if (previousToken)
      await trx.deleteFrom('staff_sessions').where('id', '=', hashToken(previousToken)).execute()
    await trx
      .insertInto('staff_sessions')
      .values({
        id,
        staff_user_id: staffId,
        expires_at: new Date(Date.now() + STAFF_SESSION_DAYS * 86_400_000),
      })
      .execute()
  })
  return token
}

export async function staffBySession(db: Kysely<Database>, token: string): Promise<Staff | null> {
  const row = await db
    .selectFrom('staff_sessions as s')
    .innerJoin('staff_users as u', 'u.id', 's.staff_user_id')
    .leftJoin('units', 'units.id', 'u.unit_id')
    .select([
      'u.id',
      'u.email',
      'u.name',
      'u.role',
      'u.unit_id',
      'units.name as unit_name',
      'units.slug as unit_slug',
    ])
    .where('s.id', '=', hashToken(token))
    .where('s.expires_at', '>', new Date())
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst()
  if (!row) return null
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    unitId: row.unit_id,
    unitName: row.unit_name,
    unitSlug: row.unit_slug,
  }
}

/** Ends the session of `token`, or with `everywhere` every session of its officer. */
export async function signOut(
  db: Kysely<Database>,
  token: string,
  everywhere: boolean,
): Promise<void> {
  const staff = everywhere ? await staffBySession(db, token) : null
  if (staff) await db.deleteFrom('staff_sessions').where('staff_user_id', '=', staff.id).execute()
  else await db.deleteFrom('staff_sessions').where('id', '=', hashToken(token)).execute()
}

/**
 * A new password, if the current one is right; guesses from a borrowed session are limited.
 * Every other session of the officer ends (a stolen session does not survive the change); the
 * one presented (`keepSessionToken`) stays. A refusal names the field it concerns, if any.
 */
export async function changeStaffPassword(
  db: Kysely<Database>,
  staffId: number,
  change: { current: string; next: string; keepSessionToken?: string },
): Promise<{ ok: true } | { ok: false; field?: 'current'; message: string }> {
  const limit = await consume('passwordByStaff', String(staffId))
  if (!limit.ok)
    return {
      ok: false,
      message: message('auth.password.tooMany', { minutes: Math.ceil(limit.retryAfter / 60) }),
    }
  const { current, next, keepSessionToken } = change
  const user = await db
    .selectFrom('staff_users')
    .select('password_hash')
    .where('id', '=', staffId)
    .executeTakeFirstOrThrow()
  if (!(await verifyPassword(user.password_hash, current)))
    return { ok: false, field: 'current', message: message('auth.password.wrongCurrent') }
  const passwordHash = await hashPassword(next)
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('staff_users')
      .set({ password_hash: passwordHash })
      .where('id', '=', staffId)
      .execute()
    let others = trx.deleteFrom('staff_sessions').where('staff_user_id', '=', staffId)
    if (keepSessionToken) others = others.where('id', '!=', hashToken(keepSessionToken))
    await others.execute()
    await appendEvent(trx, {
      type: 'staff.password_changed',
      actor: `staff:${staffId}`,
      public: false,
      data: { staffUserId: staffId },
    })
  })
  return { ok: true }
}
