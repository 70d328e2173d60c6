import crypto from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import type { AreaLevel, Database, ReportKind, StaffRole, UnitKind } from '../../db/schema'
import { getDb } from '../platform/db.server'
import { getEnv } from '../platform/env.server'
import type { MessageKey } from '../locales/types'
import { requireStaff } from '../staff/auth.server'
import { forgetCached } from '../platform/cache.server'
import { readForm, requireSameOrigin } from '../platform/http.server'
import { hashPassword } from '../staff/password.server'
import { appendEvent } from '../platform/event.server'
import type { Staff } from '../staff/staff.server'

/**
 * The operator's reference data — units, categories, areas, routing rules — and staff
 * accounts. Every change is one transaction with its (non-public) event; a database
 * constraint that refuses the change comes back as an error beside the field it concerns.
 */

/** Admins change the admin pages; the coordinator may read them (decision 012). */
export function requireAdminReader(request: Request): Promise<Staff> {
  return requireStaff(request, 'admin', 'coordinator')
}

/** The start of every admin action: same-site, an admin, the form read with its size cap. */
export async function adminAction(
  request: Request,
): Promise<{ staff: Staff; form: FormData; db: Kysely<Database> }> {
  requireSameOrigin(request, getEnv().PUBLIC_URL)
  const staff = await requireStaff(request, 'admin')
  return { staff, form: await readForm(request), db: await getDb() }
}

/** Field errors for conform's reply; the '' key holds the form-level messages. */
export function replyErrors(errors: FieldErrors): {
  formErrors?: string[]
  fieldErrors: Record<string, string[]>
} {
  const { '': formErrors, ...fieldErrors } = errors
  return { formErrors, fieldErrors }
}

export type FieldErrors = Record<string, MessageKey[]>
export type AdminResult<T = { id: number }> =
  { ok: true; value: T } | { ok: false; errors: FieldErrors }

/** Raised inside a transaction to roll it back and answer with field errors. */
class FieldError extends Error {
  constructor(readonly errors: FieldErrors) {
    super('field error')
  }
}

interface PgError {
  code?: string
  constraint?: string
}

/** Which field each named constraint speaks about, and what to tell the operator. */
const constraintFields: Record<string, { field: string; key: MessageKey }> = {
  units_slug_key: { field: 'slug', key: 'admin.errors.slugTaken' },
  categories_slug_key: { field: 'slug', key: 'admin.errors.slugTaken' },
  areas_code_key: { field: 'code', key: 'admin.errors.codeTaken' },
  staff_users_email_key: { field: 'email', key: 'admin.errors.emailTaken' },
  areas_parent_by_level: { field: 'parentId', key: 'admin.errors.areaParent' },
  staff_users_unit_by_role: { field: 'unitId', key: 'admin.errors.unitForRole' },
  categories_limits_order: { field: 'resolutionDays', key: 'admin.errors.limitsOrder' },
  routing_rules_category_area: { field: 'areaId', key: 'admin.errors.ruleExists' },
}

function fieldErrorFor(error: unknown): FieldErrors | null {
  const e = error as PgError
  if (!e || typeof e !== 'object' || !e.code) return null
  const known = e.constraint ? constraintFields[e.constraint] : undefined
  if (known) return { [known.field]: [known.key] }
  // A referenced row that vanished meanwhile, or another check: a form-level message.
  if (e.code === '23503' || e.code === '23514' || e.code === '23505')
    return { '': ['admin.errors.constraint'] }
  return null
}

async function change<T>(
  db: Kysely<Database>,
  work: (trx: Transaction<Database>) => Promise<T>,
): Promise<AdminResult<T>> {
  try {
    const value = await db.transaction().execute(work)
    forgetCached('reference:')
    return { ok: true, value }
  } catch (error) {
    if (error instanceof FieldError) return { ok: false, errors: error.errors }
    const errors = fieldErrorFor(error)
    if (errors) return { ok: false, errors }
    throw error
  }
}

function actorOf(staffId: number): string {
  return `staff:${staffId}`
}

async function record(
  trx: Transaction<Database>,
  staffId: number,
  type: string,
  data: Record<string, unknown>,
): Promise<void> {
  await appendEvent(trx, { type, actor: actorOf(staffId), public: false, data })
}

// ---------------------------------------------------------------- units

export interface UnitInput {
  id?: number
  slug: string
  name: string
  nameEn: string
  kind: UnitKind
  parentId?: number
  phone?: string
}

export interface UnitRow {
  id: number
  slug: string
  name: string
  nameEn: string
  kind: UnitKind
  parentId: number | null
  phone: string | null
  depth: number
}

/** Parents before their children, each level in its sort order. */
function asTree<T extends { id: number; parentId: number | null }>(
  rows: T[],
): Array<T & { depth: number }> {
  const ids = new Set(rows.map((r) => r.id))
  const children = new Map<number | null, T[]>()
  for (const row of rows) {
    const parent = row.parentId !== null && ids.has(row.parentId) ? row.parentId : null
    children.set(parent, [...(children.get(parent) ?? []), row])
  }
  const out: Array<T & { depth: number }> = []
  const seen = new Set<number>()
  const walk = (parent: number | null, depth: number) => {
    for (const row of children.get(parent) ?? []) {
      if (seen.has(row.id)) continue
      seen.add(row.id)
      out.push({ ...row, depth })
      walk(row.id, depth + 1)
    }
  }
  walk(null, 0)
  return out
}

export async function listUnits(db: Kysely<Database>): Promise<UnitRow[]> {
  const rows = await db
    .selectFrom('units')
    .select(['id', 'slug', 'name', 'name_en', 'kind', 'parent_id', 'phone'])
    .orderBy('sort_order')
    .orderBy('id')
    .execute()
  return asTree(
    rows.map((r) => ({
      id: r.id,
      slug: r.slug,
      name: r.name,
      nameEn: r.name_en,
      kind: r.kind,
      parentId: r.parent_id,
      phone: r.phone,
    })),
  )
}

export function saveUnit(db: Kysely<Database>, staffId: number, input: UnitInput) {
  return change(db, async (trx) => {
    const parentId = input.parentId ?? null
    if (parentId !== null) {
      const parents = await trx.selectFrom('units').select(['id', 'parent_id']).execute()
      const parentOf = new Map(parents.map((p) => [p.id, p.parent_id]))
      if (!parentOf.has(parentId)) throw new FieldError({ parentId: ['admin.errors.notFound'] })
      // A unit may not sit below itself.
      for (
        let at: number | null = parentId, hops = 0;
        at !== null && hops <= parents.length;
        hops++
      ) {
        if (at === input.id) throw new FieldError({ parentId: ['admin.errors.unitCycle'] })
        at = parentOf.get(at) ?? null
      }
    }
    const values = {
      slug: input.slug,
      name: input.name,
      name_en: input.nameEn,
      kind: input.kind,
      parent_id: parentId,
      phone: input.phone ?? null,
    }
    const row = input.id
      ? await trx
          .updateTable('units')
          .set(values)
          .where('id', '=', input.id)
          .returning('id')
          .executeTakeFirst()
      : await trx.insertInto('units').values(values).returning('id').executeTakeFirstOrThrow()
    if (!row) throw new FieldError({ '': ['admin.errors.notFound'] })
    await record(trx, staffId, input.id ? 'admin.unit.updated' : 'admin.unit.created', {
      unitId: row.id,
      ...values,
    })
    return { id: row.id }
  })
}

// ---------------------------------------------------------------- categories

export interface CategoryInput {
  id?: number
  slug: string
  kind: ReportKind
  name: string
  nameEn: string
  responseDays: number
  resolutionDays: number
  defaultUnitId: number
}

export async function listCategories(db: Kysely<Database>) {
  return db
    .selectFrom('categories as c')
    .innerJoin('units as u', 'u.id', 'c.default_unit_id')
    .select([
      'c.id',
      'c.slug',
      'c.kind',
      'c.name',
      'c.name_en as nameEn',
      'c.response_days as responseDays',
      'c.resolution_days as resolutionDays',
      'c.default_unit_id as defaultUnitId',
      'u.name as unitName',
      'u.name_en as unitNameEn',
    ])
    .orderBy('c.kind')
    .orderBy('c.sort_order')
    .orderBy('c.id')
    .execute()
}

export function saveCategory(db: Kysely<Database>, staffId: number, input: CategoryInput) {
  return change(db, async (trx) => {
    const unit = await trx
      .selectFrom('units')
      .select('id')
      .where('id', '=', input.defaultUnitId)
      .executeTakeFirst()
    if (!unit) throw new FieldError({ defaultUnitId: ['admin.errors.notFound'] })
    const values = {
      slug: input.slug,
      kind: input.kind,
      name: input.name,
      name_en: input.nameEn,
      response_days: input.responseDays,
      resolution_days: input.resolutionDays,
      default_unit_id: input.defaultUnitId,
    }
    const row = input.id
      ? await trx
          .updateTable('categories')
          .set(values)
          .where('id', '=', input.id)
          .returning('id')
          .executeTakeFirst()
      : await trx.insertInto('categories').values(values).returning('id').executeTakeFirstOrThrow()
    if (!row) throw new FieldError({ '': ['admin.errors.notFound'] })
    await record(trx, staffId, input.id ? 'admin.category.updated' : 'admin.category.created', {
      categoryId: row.id,
      ...values,
    })
    return { id: row.id }
  })
}

// ---------------------------------------------------------------- areas

const parentLevel: Record<AreaLevel, AreaLevel | null> = {
  district: null,
  street: 'district',
  community: 'street',
}

export interface AreaInput {
  id?: number
  code: string
  name: string
  nameEn: string
  level: AreaLevel
  parentId?: number
}

export async function listAreas(db: Kysely<Database>) {
  const rows = await db
    .selectFrom('areas')
    .select(['id', 'code', 'name', 'name_en as nameEn', 'level', 'parent_id as parentId'])
    .orderBy('sort_order')
    .orderBy('id')
    .execute()
  return asTree(rows)
}

export function saveArea(db: Kysely<Database>, staffId: number, input: AreaInput) {
  return change(db, async (trx) => {
    const wanted = parentLevel[input.level]
    const parentId = input.parentId ?? null
    if (wanted === null && parentId !== null)
      throw new FieldError({ parentId: ['admin.errors.districtNoParent'] })
    if (wanted !== null) {
      const parent =
        parentId === null
          ? undefined
          : await trx
              .selectFrom('areas')
              .select('level')
              .where('id', '=', parentId)
              .executeTakeFirst()
      if (!parent || parent.level !== wanted)
        throw new FieldError({
          parentId: [
            wanted === 'district' ? 'admin.errors.parentDistrict' : 'admin.errors.parentStreet',
          ],
        })
    }
    if (input.id) {
      const child = await trx
        .selectFrom('areas')
        .select('id')
        .where('parent_id', '=', input.id)
        .executeTakeFirst()
      const current = await trx
        .selectFrom('areas')
        .select('level')
        .where('id', '=', input.id)
        .executeTakeFirst()
      if (child && current && current.level !== input.level)
        throw new FieldError({ level: ['admin.errors.levelHasChildren'] })
    }
    const values = {
      code: input.code,
      name: input.name,
      name_en: input.nameEn,
      level: input.level,
      parent_id: parentId,
    }
    const row = input.id
      ? await trx
          .updateTable('areas')
          .set(values)
          .where('id', '=', input.id)
          .returning('id')
          .executeTakeFirst()
      : await trx.insertInto('areas').values(values).returning('id').executeTakeFirstOrThrow()
    if (!row) throw new FieldError({ '': ['admin.errors.notFound'] })
    await record(trx, staffId, input.id ? 'admin.area.updated' : 'admin.area.created', {
      areaId: row.id,
      ...values,
    })
    return { id: row.id }
  })
}

// ---------------------------------------------------------------- routing rules

export interface RuleInput {
  categoryId: number
  areaId: number
  unitId: number
}

export async function listRoutingRules(db: Kysely<Database>) {
  return db
    .selectFrom('routing_rules as r')
    .innerJoin('categories as c', 'c.id', 'r.category_id')
    .innerJoin('areas as a', 'a.id', 'r.area_id')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .select([
      'r.id',
      'r.category_id as categoryId',
      'r.area_id as areaId',
      'r.unit_id as unitId',
      'c.name as categoryName',
      'c.name_en as categoryNameEn',
      'a.name as areaName',
      'a.name_en as areaNameEn',
      'u.name as unitName',
      'u.name_en as unitNameEn',
    ])
    .orderBy('c.sort_order')
    .orderBy('a.sort_order')
    .orderBy('r.id')
    .execute()
}

/** One rule per category and area: saving a pair that has one changes its unit. */
export function saveRoutingRule(db: Kysely<Database>, staffId: number, input: RuleInput) {
  return change(db, async (trx) => {
    const [category, area, unit] = await Promise.all([
      trx
        .selectFrom('categories')
        .select('id')
        .where('id', '=', input.categoryId)
        .executeTakeFirst(),
      trx.selectFrom('areas').select('id').where('id', '=', input.areaId).executeTakeFirst(),
      trx.selectFrom('units').select('id').where('id', '=', input.unitId).executeTakeFirst(),
    ])
    const errors: FieldErrors = {}
    if (!category) errors.categoryId = ['admin.errors.notFound']
    if (!area) errors.areaId = ['admin.errors.notFound']
    if (!unit) errors.unitId = ['admin.errors.notFound']
    if (Object.keys(errors).length) throw new FieldError(errors)
    const row = await trx
      .insertInto('routing_rules')
      .values({ category_id: input.categoryId, area_id: input.areaId, unit_id: input.unitId })
      .onConflict((oc) =>
        oc.columns(['category_id', 'area_id']).doUpdateSet({ unit_id: input.unitId }),
      )
      .returning('id')
      .executeTakeFirstOrThrow()
    await record(trx, staffId, 'admin.routing.saved', { ruleId: row.id, ...input })
    return { id: row.id }
  })
}

export function deleteRoutingRule(db: Kysely<Database>, staffId: number, ruleId: number) {
  return change(db, async (trx) => {
    const row = await trx
      .deleteFrom('routing_rules')
      .where('id', '=', ruleId)
      .returning(['id', 'category_id', 'area_id', 'unit_id'])
      .executeTakeFirst()
    if (!row) throw new FieldError({ '': ['admin.errors.notFound'] })
    await record(trx, staffId, 'admin.routing.deleted', {
      ruleId: row.id,
      categoryId: row.category_id,
      areaId: row.area_id,
      unitId: row.unit_id,
    })
    return { id: row.id }
  })
}

// ---------------------------------------------------------------- staff accounts

export interface StaffInput {
  email: string
  name: string
  role: StaffRole
  unitId?: number
}

export async function listStaffAccounts(db: Kysely<Database>) {
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

/** A one-time password shown once to the operator, who hands it to the officer. */
export function generatePassword(): string {
  return crypto.randomBytes(12).toString('base64url')
}

async function checkStaffUnit(trx: Transaction<Database>, input: StaffInput): Promise<void> {
  if (input.role === 'unit_staff') {
    const unit = input.unitId
      ? await trx.selectFrom('units').select('id').where('id', '=', input.unitId).executeTakeFirst()
      : undefined
    if (!unit) throw new FieldError({ unitId: ['admin.errors.unitForRole'] })
  } else if (input.unitId) {
    throw new FieldError({ unitId: ['admin.errors.unitOnlyForUnitStaff'] })
  }
}

export function createStaffAccount(db: Kysely<Database>, staffId: number, input: StaffInput) {
  return (async () => {
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
          unit_id: input.role === 'unit_staff' ? (input.unitId ?? null) : null,
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
  })()
}

/**
 * Name, email, role and unit of an existing account; the change applies to its open sessions
 * at their next request. An admin cannot take away their own admin role.
 */
export function updateStaffAccount(
  db: Kysely<Database>,
  staffId: number,
  targetId: number,
  input: StaffInput,
) {
  return change(db, async (trx) => {
    if (targetId === staffId && input.role !== 'admin')
      throw new FieldError({ role: ['admin.errors.demoteSelf'] })
    await checkStaffUnit(trx, input)
    const unitId = input.role === 'unit_staff' ? (input.unitId ?? null) : null
    const row = await trx
      .updateTable('staff_users')
      .set({ email: input.email, name: input.name, role: input.role, unit_id: unitId })
      .where('id', '=', targetId)
      .returning('id')
      .executeTakeFirst()
    if (!row) throw new FieldError({ '': ['admin.errors.notFound'] })
    await record(trx, staffId, 'admin.staff.updated', {
      staffUserId: targetId,
      role: input.role,
      unitId,
    })
    return { id: targetId, email: input.email, password: undefined }
  })
}

export type StaffAction = 'disable' | 'enable' | 'reset' | 'signOut'

/**
 * Disabling, resetting the password and signing out everywhere all end the officer's
 * sessions; a reset also lifts a lockout. An operator cannot disable their own account.
 */
export async function changeStaffAccount(
  db: Kysely<Database>,
  staffId: number,
  targetId: number,
  action: StaffAction,
): Promise<AdminResult<{ id: number; password?: string }>> {
  if (action === 'disable' && targetId === staffId)
    return { ok: false, errors: { '': ['admin.errors.disableSelf'] } }
  const password = action === 'reset' ? generatePassword() : undefined
  const passwordHash = password ? await hashPassword(password) : undefined
  return change(db, async (trx) => {
    const target = await trx
      .selectFrom('staff_users')
      .select('id')
      .where('id', '=', targetId)
      .forUpdate()
      .executeTakeFirst()
    if (!target) throw new FieldError({ '': ['admin.errors.notFound'] })
    if (action === 'disable')
      await trx
        .updateTable('staff_users')
        .set({ disabled_at: new Date() })
        .where('id', '=', targetId)
        .execute()
    if (action === 'enable')
      await trx
        .updateTable('staff_users')
        .set({ disabled_at: null })
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
    const types: Record<StaffAction, string> = {
      disable: 'admin.staff.disabled',
      enable: 'admin.staff.enabled',
      reset: 'admin.staff.password_reset',
      signOut: 'admin.staff.signed_out',
    }
    await record(trx, staffId, types[action], { staffUserId: targetId })
    return { id: targetId, password }
  })
}

/** How many of each the admin pages hold, for the overview. */
export async function adminCounts(db: Kysely<Database>) {
  const count = async (
    table: 'units' | 'categories' | 'areas' | 'routing_rules' | 'staff_users',
  ) => {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }
  const [units, categories, areas, routing, staff] = await Promise.all([
    count('units'),
    count('categories'),
    count('areas'),
    count('routing_rules'),
    count('staff_users'),
  ])
  return { units, categories, areas, routing, staff }
}
