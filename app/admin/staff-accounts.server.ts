import crypto from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import type { Database, StaffRole } from '../../db/schema'
import { DomainError } from '../platform/errors'
import { hashPassword } from '../staff/password.server'
import { change, FieldRefusal, record, vanished } from './admin-change.server'
import type { StaffRowAction } from './staff-account-schema'
import { listUnits, type UnitRow } from './units.server'

/**
 * Staff accounts as the admin manages them: created with a one-time password, edited, disabled,
 * reset, signed out everywhere. The officers' own sign-in and sessions live in app/staff.
 */

export interface StaffAccountInput {
  /** The account to change; none creates one. */
  id?: number
  email: string
  name: string
  role: StaffRole
  unitId?: number
}

async function listStaffAccounts(db: Kysely<Database>) {
  return db
    .selectFrom('staff_users as s')
    .leftJoin('units as u', 'u.id', 's.unit_id')
    .select([
      's.id',
      's.email',
      's.name',
      's.role',
      's.unit_id as unitId',
      'u.name as unitName',
      'u.name_en as unitNameEn',
      's.disabled_at as disabledAt',
      's.locked_until as lockedUntil',
    ])
    .orderBy('s.role')
    .orderBy('s.id')
    .execute()
}

/** The staff page: the accounts, and the units a unit officer may belong to. */
export async function staffAccountsWithUnits(db: Kysely<Database>): Promise<{
  accounts: Awaited<ReturnType<typeof listStaffAccounts>>
  units: UnitRow[]
}> {
  const [accounts, units] = await Promise.all([listStaffAccounts(db), listUnits(db)])
  return { accounts, units }
}

/** A one-time password shown once to the operator, who hands it to the officer. */
function generatePassword(): string {
  return crypto.randomBytes(12).toString('base64url')
}

async function checkStaffUnit(trx: Transaction<Database>, input: StaffAccountInput): Promise<void> {
  if (input.role === 'unit_staff') {
    const unit = input.unitId
      ? await trx.selectFrom('units').select('id').where('id', '=', input.unitId).executeTakeFirst()
      : undefined
    if (!unit) throw new FieldRefusal({ unitId: 'admin.errors.unitForRole' })
  } else if (input.unitId) {
    throw new FieldRefusal({ unitId: 'admin.errors.unitOnlyForUnitStaff' })
  }
}

/**
 * Creates an account (its one-time `password` comes back, and only here), or changes the name,
 * email, role and unit of the one named by `id`; the change applies to its open sessions at
 * their next request. An admin cannot take away their own admin role.
 */
export async function saveStaffAccount(
  db: Kysely<Database>,
  staffId: number,
  input: StaffAccountInput,
): Promise<{ id: number; email: string; password?: string }> {
  const unitId = input.role === 'unit_staff' ? (input.unitId ?? null) : null
  const { id: targetId } = input
  if (targetId) {
    return change(db, async (trx) => {
      if (targetId === staffId && input.role !== 'admin')
        throw new FieldRefusal({ role: 'admin.errors.demoteSelf' })
      await checkStaffUnit(trx, input)
      const row = await trx
        .updateTable('staff_users')
        .set({ email: input.email, name: input.name, role: input.role, unit_id: unitId })
        .where('id', '=', targetId)
        .returning('id')
        .executeTakeFirst()
      if (!row) throw vanished()
      await record(trx, staffId, 'admin.staff.updated', {
        staffUserId: targetId,
        role: input.role,
        unitId,
      })
      return { id: targetId, email: input.email }
    })
  }
  const password = generatePassword()
  const passwordHash = await hashPassword(password)
  return change(db, async (trx) => {
    await checkStaffUnit(trx, input)
    const row = await trx
      .insertInto('staff_users')
      .values({
        email: input.email,
        name: input.name,
        password_hash: passwordHash,
        role: input.role,
        unit_id: unitId,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await record(trx, staffId, 'admin.staff.created', {
      staffUserId: row.id,
      role: input.role,
      unitId: input.role === 'unit_staff' ? input.unitId : null,
    })
    return { id: row.id, email: input.email, password }
  })
}

const eventTypes: Record<StaffRowAction, string> = {
  disable: 'admin.staff.disabled',
  enable: 'admin.staff.enabled',
  reset: 'admin.staff.password_reset',
  signOut: 'admin.staff.signed_out',
}

/**
 * Disabling, resetting the password and signing out everywhere all end the officer's
 * sessions; a reset also lifts a lockout and hands back the new one-time password. An operator
 * cannot disable their own account.
 */
export async function changeStaffAccount(
  db: Kysely<Database>,
  staffId: number,
  targetId: number,
  action: StaffRowAction,
): Promise<{ email: string; password?: string }> {
  if (action === 'disable' && targetId === staffId)
    throw new DomainError(400, 'admin.errors.disableSelf')
  const password = action === 'reset' ? generatePassword() : undefined
  const passwordHash = password ? await hashPassword(password) : undefined
  return change(db, async (trx) => {
    const target = await trx
      .selectFrom('staff_users')
      .select('email')
      .where('id', '=', targetId)
      .forUpdate()
      .executeTakeFirst()
    if (!target) throw vanished(404)
    if (action === 'disable' || action === 'enable')
      await trx
        .updateTable('staff_users')
        .set({ disabled_at: action === 'disable' ? new Date() : null })
        .where('id', '=', targetId)
        .execute()
    if (passwordHash)
      await trx
        .updateTable('staff_users')
        .set({ password_hash: passwordHash, failed_logins: 0, locked_until: null })
        .where('id', '=', targetId)
        .execute()
    if (action !== 'enable')
      await trx.deleteFrom('staff_sessions').where('staff_user_id', '=', targetId).execute()
    await record(trx, staffId, eventTypes[action], { staffUserId: targetId })
    return { email: target.email, password }
  })
}
