import type { ActionFunctionArgs } from '@remix-run/node'
import { beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../db/seed'
import { createStaffSession } from '../../app/staff/staff.server'
import { action as areasAction, loader as areasLoader } from '../../app/routes/admin.areas'
import {
  action as categoriesAction,
  loader as categoriesLoader,
} from '../../app/routes/admin.categories'
import { action as routingAction } from '../../app/routes/admin.routing'
import { action as staffAction, loader as staffLoader } from '../../app/routes/admin.staff'
import { action as unitsAction, loader as unitsLoader } from '../../app/routes/admin.units'
import { loader as layoutLoader } from '../../app/routes/admin'
import { action as signIn } from '../../app/routes/sign-in'
import { STAFF_COOKIE } from '../../app/staff/auth.server'
import { setupTestDatabase } from '../support/database'
import { formRequest, getRequest, settle } from '../support/requests'

const database = setupTestDatabase()
const db = () => database.current.db

type Who = 'admin' | 'coordinator' | 'unit' | 'anonymous'
const cookies: Record<Who, string | undefined> = {
  admin: undefined,
  coordinator: undefined,
  unit: undefined,
  anonymous: undefined,
}

async function cookieFor(email: string) {
  const user = await db()
    .selectFrom('staff_users')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirstOrThrow()
  return `${STAFF_COOKIE}=${encodeURIComponent(await createStaffSession(db(), user.id))}`
}

beforeAll(async () => {
  await seed(db(), { demo: false })
  cookies.admin = await cookieFor('admin@kaimen.local')
  cookies.coordinator = await cookieFor('coordinator@kaimen.local')
  cookies.unit = await cookieFor('huangpu@kaimen.local')
})

type Action = (args: ActionFunctionArgs) => Promise<unknown>

interface Answer {
  status: number
  location: string | null
  body: {
    result?: { status?: string; error?: Record<string, string[] | null> }
    created?: { email: string; password: string }
    reset?: { email: string; password: string }
    rowErrors?: string[]
  }
}

/** Posts a form to an action as `who` and reads what came back, whatever its shape. */
async function post(
  run: Action,
  path: string,
  who: Who,
  fields: Record<string, string>,
): Promise<Answer> {
  const outcome = await settle(() =>
    run({ request: formRequest(path, fields, { cookie: cookies[who] }), params: {}, context: {} }),
  )
  if (outcome instanceof Response)
    return { status: outcome.status, location: outcome.headers.get('location'), body: {} }
  const wrapped = outcome as { type?: string; data?: unknown; init?: ResponseInit | null }
  if (wrapped && wrapped.type === 'DataWithResponseInit')
    return {
      status: wrapped.init?.status ?? 200,
      location: null,
      body: wrapped.data as Answer['body'],
    }
  return { status: 200, location: null, body: outcome as Answer['body'] }
}

async function eventCount(type: string) {
  const row = await db()
    .selectFrom('events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('type', '=', type)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

async function unitId(slug: string) {
  return (
    await db().selectFrom('units').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()
  ).id
}

/** Only an admin changes anything: the coordinator and unit staff get 403, visitors sign in. */
async function expectOnlyAdmin(run: Action, path: string, fields: Record<string, string>) {
  for (const who of ['coordinator', 'unit'] as const)
    expect((await post(run, path, who, fields)).status, who).toBe(403)
  const anonymous = await post(run, path, 'anonymous', fields)
  expect(anonymous.status).toBe(302)
  expect(anonymous.location).toMatch(/^\/sign-in/)
}

const unitFields = {
  slug: 'river-office',
  name: '河长制办公室',
  nameEn: 'River Chief Office',
  kind: 'department',
  parentId: '',
  phone: '',
}

describe('admin area: reading', () => {
  it('lets the admin and the coordinator read, and nobody else', async () => {
    for (const who of ['admin', 'coordinator'] as const) {
      const layout = await layoutLoader({
        request: getRequest('/admin', cookies[who]),
        params: {},
        context: {},
      })
      expect(layout.canEdit).toBe(who === 'admin')
      const units = await unitsLoader({
        request: getRequest('/admin/units', cookies[who]),
        params: {},
        context: {},
      })
      expect(units.units.length).toBeGreaterThan(5)
    }
    const refused = await settle(() =>
      staffLoader({ request: getRequest('/admin/staff', cookies.unit), params: {}, context: {} }),
    )
    expect((refused as Response).status).toBe(403)
    const anonymous = await settle(() =>
      unitsLoader({ request: getRequest('/admin/units'), params: {}, context: {} }),
    )
    expect((anonymous as Response).status).toBe(302)
  })

  it('lists units as a tree: children right after their parent, one level deeper', async () => {
    const { units } = await unitsLoader({
      request: getRequest('/admin/units', cookies.admin),
      params: {},
      context: {},
    })
    expect(units[0]).toMatchObject({ slug: 'campaign-office', depth: 0 })
    expect(units.slice(1).every((u) => u.depth === 1)).toBe(true)
  })
})

describe('admin area: units', () => {
  it('creates and edits a unit, with an event each time', async () => {
    await expectOnlyAdmin(unitsAction, '/admin/units', unitFields)
    expect(await db().selectFrom('units').where('slug', '=', 'river-office').execute()).toEqual([])

    const before = await eventCount('admin.unit.created')
    const created = await post(unitsAction, '/admin/units', 'admin', {
      ...unitFields,
      parentId: String(await unitId('campaign-office')),
    })
    expect(created.status).toBe(302)
    expect(created.location).toMatch(/^\/admin\/units\?saved=\d+$/)
    const unit = await db()
      .selectFrom('units')
      .selectAll()
      .where('slug', '=', 'river-office')
      .executeTakeFirstOrThrow()
    expect(unit).toMatchObject({ name: '河长制办公室', kind: 'department' })
    expect(await eventCount('admin.unit.created')).toBe(before + 1)

    const edited = await post(unitsAction, '/admin/units', 'admin', {
      ...unitFields,
      id: String(unit.id),
      name: '区河长制办公室',
    })
    expect(edited.status).toBe(302)
    expect(
      (
        await db()
          .selectFrom('units')
          .select('name')
          .where('id', '=', unit.id)
          .executeTakeFirstOrThrow()
      ).name,
    ).toBe('区河长制办公室')
    expect(await eventCount('admin.unit.updated')).toBe(1)
  })

  it('turns a duplicate slug into an error beside the field, keeping what was typed', async () => {
    const before = await db().selectFrom('units').select('id').execute()
    const events = await eventCount('admin.unit.created')
    const answer = await post(unitsAction, '/admin/units', 'admin', {
      ...unitFields,
      slug: 'huangpu-street',
      name: '重复的单位',
    })
    expect(answer.status).toBe(400)
    expect(answer.body.result?.error?.slug).toEqual(['admin.errors.slugTaken'])
    expect(JSON.stringify(answer.body.result)).toContain('重复的单位')
    expect(await db().selectFrom('units').select('id').execute()).toHaveLength(before.length)
    expect(await eventCount('admin.unit.created')).toBe(events)
  })

  it('refuses bad input field by field and a unit placed below itself', async () => {
    const bad = await post(unitsAction, '/admin/units', 'admin', {
      slug: 'Not A Slug',
      name: '',
      nameEn: 'x',
      kind: 'castle',
    })
    expect(bad.status).toBe(400)
    expect(bad.body.result?.error).toMatchObject({
      slug: ['admin.errors.slugFormat'],
      name: ['validation.required'],
      kind: ['validation.choose'],
    })
    const office = await unitId('campaign-office')
    const street = await unitId('huangpu-street')
    const cycle = await post(unitsAction, '/admin/units', 'admin', {
      id: String(office),
      slug: 'campaign-office',
      name: '区学习教育办公室',
      nameEn: 'District Campaign Office',
      kind: 'office',
      parentId: String(street),
    })
    expect(cycle.body.result?.error?.parentId).toEqual(['admin.errors.unitCycle'])
    const unchanged = await db()
      .selectFrom('units')
      .select('parent_id')
      .where('id', '=', office)
      .executeTakeFirstOrThrow()
    expect(unchanged.parent_id).toBeNull()
  })
})

describe('admin area: categories', () => {
  const fields = async () => ({
    slug: 'river-pollution',
    kind: 'concern',
    name: '河道污染',
    nameEn: 'River pollution',
    responseDays: '2',
    resolutionDays: '15',
    defaultUnitId: String(await unitId('huangpu-street')),
  })

  it('creates a category with its limits and default unit; only the admin may', async () => {
    await expectOnlyAdmin(categoriesAction, '/admin/categories', await fields())
    const answer = await post(categoriesAction, '/admin/categories', 'admin', await fields())
    expect(answer.status).toBe(302)
    const row = await db()
      .selectFrom('categories')
      .selectAll()
      .where('slug', '=', 'river-pollution')
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ response_days: 2, resolution_days: 15, kind: 'concern' })
    expect(await eventCount('admin.category.created')).toBe(1)
    const { categories } = await categoriesLoader({
      request: getRequest('/admin/categories', cookies.coordinator),
      params: {},
      context: {},
    })
    expect(categories.some((c) => c.slug === 'river-pollution')).toBe(true)
  })

  it('refuses limits out of range or out of order, and a duplicate slug', async () => {
    const count = (await db().selectFrom('categories').select('id').execute()).length
    const limits = await post(categoriesAction, '/admin/categories', 'admin', {
      ...(await fields()),
      slug: 'other-slug',
      responseDays: '61',
      resolutionDays: '0',
    })
    expect(limits.body.result?.error?.responseDays).toEqual(['validation.tooBig|{"max":60}'])
    expect(limits.body.result?.error?.resolutionDays).toContain('validation.tooSmall|{"min":1}')
    const order = await post(categoriesAction, '/admin/categories', 'admin', {
      ...(await fields()),
      slug: 'other-slug',
      responseDays: '20',
      resolutionDays: '10',
    })
    expect(order.body.result?.error?.resolutionDays).toEqual(['admin.errors.limitsOrder'])
    const duplicate = await post(categoriesAction, '/admin/categories', 'admin', await fields())
    expect(duplicate.status).toBe(400)
    expect(duplicate.body.result?.error?.slug).toEqual(['admin.errors.slugTaken'])
    const missingUnit = await post(categoriesAction, '/admin/categories', 'admin', {
      ...(await fields()),
      slug: 'other-slug',
      defaultUnitId: '999999',
    })
    expect(missingUnit.body.result?.error?.defaultUnitId).toEqual(['admin.errors.notFound'])
    expect((await db().selectFrom('categories').select('id').execute()).length).toBe(count)
  })
})

describe('admin area: areas', () => {
  it('adds a community below a street, never below a district', async () => {
    const { areas } = await areasLoader({
      request: getRequest('/admin/areas', cookies.admin),
      params: {},
      context: {},
    })
    const district = areas.find((a) => a.level === 'district')!
    const street = areas.find((a) => a.level === 'street')!
    const fields = {
      code: 'NEW-COMMUNITY',
      name: '新建社区',
      nameEn: 'New Community',
      level: 'community',
      parentId: String(district.id),
    }
    await expectOnlyAdmin(areasAction, '/admin/areas', { ...fields, parentId: String(street.id) })
    const wrong = await post(areasAction, '/admin/areas', 'admin', fields)
    expect(wrong.body.result?.error?.parentId).toEqual(['admin.errors.parentStreet'])
    const noParent = await post(areasAction, '/admin/areas', 'admin', {
      ...fields,
      level: 'street',
      parentId: '',
    })
    expect(noParent.body.result?.error?.parentId).toEqual(['admin.errors.parentDistrict'])
    expect(await db().selectFrom('areas').where('code', '=', 'NEW-COMMUNITY').execute()).toEqual([])

    const ok = await post(areasAction, '/admin/areas', 'admin', {
      ...fields,
      parentId: String(street.id),
    })
    expect(ok.status).toBe(302)
    expect(await eventCount('admin.area.created')).toBe(1)
    const duplicate = await post(areasAction, '/admin/areas', 'admin', {
      ...fields,
      parentId: String(street.id),
    })
    expect(duplicate.body.result?.error?.code).toEqual(['admin.errors.codeTaken'])
  })
})

describe('admin area: routing rules', () => {
  it('saves one rule per category and area (saving again replaces the unit) and deletes it', async () => {
    const category = await db()
      .selectFrom('categories')
      .select('id')
      .orderBy('id')
      .executeTakeFirstOrThrow()
    const area = await db()
      .selectFrom('areas')
      .select('id')
      .where('level', '=', 'community')
      .orderBy('id')
      .executeTakeFirstOrThrow()
    const fields = {
      intent: 'save',
      categoryId: String(category.id),
      areaId: String(area.id),
      unitId: String(await unitId('housing-bureau')),
    }
    await expectOnlyAdmin(routingAction, '/admin/routing', fields)
    expect((await post(routingAction, '/admin/routing', 'admin', fields)).status).toBe(302)
    const again = await post(routingAction, '/admin/routing', 'admin', {
      ...fields,
      unitId: String(await unitId('huangpu-street')),
    })
    expect(again.status).toBe(302)
    const rules = await db()
      .selectFrom('routing_rules')
      .selectAll()
      .where('category_id', '=', category.id)
      .where('area_id', '=', area.id)
      .execute()
    expect(rules).toHaveLength(1)
    expect(rules[0]!.unit_id).toBe(await unitId('huangpu-street'))
    expect(await eventCount('admin.routing.saved')).toBe(2)

    const bad = await post(routingAction, '/admin/routing', 'admin', { ...fields, unitId: '' })
    expect(bad.body.result?.error?.unitId).toEqual(['validation.choose'])

    const del = { intent: 'delete', id: String(rules[0]!.id) }
    await expectOnlyAdmin(routingAction, '/admin/routing', del)
    expect((await post(routingAction, '/admin/routing', 'admin', del)).status).toBe(302)
    expect(await db().selectFrom('routing_rules').where('id', '=', rules[0]!.id).execute()).toEqual(
      [],
    )
    expect(await eventCount('admin.routing.deleted')).toBe(1)
    expect((await post(routingAction, '/admin/routing', 'admin', del)).status).toBe(404)
  })
})

describe('admin area: staff accounts', () => {
  const newOfficer = async () => ({
    intent: 'create',
    name: '赵新人',
    email: 'New.Officer@Kaimen.local',
    role: 'unit_staff',
    unitId: String(await unitId('housing-bureau')),
  })

  async function signInWith(email: string, password: string) {
    return settle(() =>
      signIn({ request: formRequest('/sign-in', { email, password }), params: {}, context: {} }),
    )
  }

  it('creates an account with a one-time password that signs in', async () => {
    await expectOnlyAdmin(staffAction, '/admin/staff', await newOfficer())
    const answer = await post(staffAction, '/admin/staff', 'admin', await newOfficer())
    expect(answer.status).toBe(200)
    const created = answer.body.created!
    expect(created.email).toBe('new.officer@kaimen.local')
    expect(created.password.length).toBeGreaterThanOrEqual(16)
    const row = await db()
      .selectFrom('staff_users')
      .selectAll()
      .where('email', '=', created.email)
      .executeTakeFirstOrThrow()
    expect(row.password_hash).toMatch(/^\$argon2id\$/)
    expect(row.role).toBe('unit_staff')
    const signedIn = (await signInWith(created.email, created.password)) as Response
    expect(signedIn.status).toBe(302)
    const event = await db()
      .selectFrom('events')
      .select(['data', 'public'])
      .where('type', '=', 'admin.staff.created')
      .executeTakeFirstOrThrow()
    expect(event.public).toBe(false)
    expect(JSON.stringify(event.data)).not.toContain(created.password)
  })

  it('refuses a duplicate email, a unit officer without a unit, and a coordinator with one', async () => {
    const count = (await db().selectFrom('staff_users').select('id').execute()).length
    const duplicate = await post(staffAction, '/admin/staff', 'admin', await newOfficer())
    expect(duplicate.status).toBe(400)
    expect(duplicate.body.result?.error?.email).toEqual(['admin.errors.emailTaken'])
    const noUnit = await post(staffAction, '/admin/staff', 'admin', {
      ...(await newOfficer()),
      email: 'other@kaimen.local',
      unitId: '',
    })
    expect(noUnit.body.result?.error?.unitId).toEqual(['admin.errors.unitForRole'])
    const coordinatorWithUnit = await post(staffAction, '/admin/staff', 'admin', {
      ...(await newOfficer()),
      email: 'other@kaimen.local',
      role: 'coordinator',
    })
    expect(coordinatorWithUnit.body.result?.error?.unitId).toEqual([
      'admin.errors.unitOnlyForUnitStaff',
    ])
    const badEmail = await post(staffAction, '/admin/staff', 'admin', {
      ...(await newOfficer()),
      email: 'not-an-email',
    })
    expect(badEmail.body.result?.error?.email).toEqual(['validation.email'])
    expect((await db().selectFrom('staff_users').select('id').execute()).length).toBe(count)
  })

  it('disables, enables, resets the password and signs out everywhere', async () => {
    const officer = await db()
      .selectFrom('staff_users')
      .select('id')
      .where('email', '=', 'new.officer@kaimen.local')
      .executeTakeFirstOrThrow()
    const target = { id: String(officer.id) }
    for (const intent of ['disable', 'enable', 'reset', 'signOut'])
      await expectOnlyAdmin(staffAction, '/admin/staff', { ...target, intent })

    const session = await cookieFor('new.officer@kaimen.local')
    const sessions = () =>
      db().selectFrom('staff_sessions').where('staff_user_id', '=', officer.id).execute()
    expect(await sessions()).toHaveLength(2)
    expect(
      (await post(staffAction, '/admin/staff', 'admin', { ...target, intent: 'signOut' })).status,
    ).toBe(200)
    expect(await sessions()).toHaveLength(0)
    expect(session).toContain(STAFF_COOKIE)

    await cookieFor('new.officer@kaimen.local')
    await post(staffAction, '/admin/staff', 'admin', { ...target, intent: 'disable' })
    expect(await sessions()).toHaveLength(0)
    const refused = await db()
      .selectFrom('staff_users')
      .select('disabled_at')
      .where('id', '=', officer.id)
      .executeTakeFirstOrThrow()
    expect(refused.disabled_at).not.toBeNull()

    await post(staffAction, '/admin/staff', 'admin', { ...target, intent: 'enable' })
    await db()
      .updateTable('staff_users')
      .set({ locked_until: new Date(Date.now() + 600_000) })
      .where('id', '=', officer.id)
      .execute()
    const reset = await post(staffAction, '/admin/staff', 'admin', { ...target, intent: 'reset' })
    const password = reset.body.reset!.password
    expect(((await signInWith('new.officer@kaimen.local', password)) as Response).status).toBe(302)

    for (const type of ['disabled', 'enabled', 'password_reset', 'signed_out'])
      expect(await eventCount(`admin.staff.${type}`), type).toBe(1)
  })

  it('edits name, email, role and unit, refusing a taken email and self-demotion', async () => {
    const officer = await db()
      .selectFrom('staff_users')
      .select('id')
      .where('email', '=', 'new.officer@kaimen.local')
      .executeTakeFirstOrThrow()
    const edit = {
      id: String(officer.id),
      name: '赵新人',
      email: 'new.officer@kaimen.local',
      role: 'unit_staff',
      unitId: String(await unitId('huangpu-street')),
    }
    await expectOnlyAdmin(staffAction, '/admin/staff', edit)
    const moved = await post(staffAction, '/admin/staff', 'admin', edit)
    expect(moved.status).toBe(302)
    const row = () =>
      db()
        .selectFrom('staff_users')
        .select(['email', 'role', 'unit_id'])
        .where('id', '=', officer.id)
        .executeTakeFirstOrThrow()
    expect((await row()).unit_id).toBe(await unitId('huangpu-street'))

    const promoted = await post(staffAction, '/admin/staff', 'admin', {
      ...edit,
      role: 'coordinator',
      unitId: '',
    })
    expect(promoted.status).toBe(302)
    expect(await row()).toMatchObject({ role: 'coordinator', unit_id: null })
    expect(await eventCount('admin.staff.updated')).toBe(2)

    const taken = await post(staffAction, '/admin/staff', 'admin', {
      ...edit,
      email: 'coordinator@kaimen.local',
    })
    expect(taken.body.result?.error?.email).toEqual(['admin.errors.emailTaken'])
    expect((await row()).email).toBe('new.officer@kaimen.local')

    const admin = await db()
      .selectFrom('staff_users')
      .select('id')
      .where('email', '=', 'admin@kaimen.local')
      .executeTakeFirstOrThrow()
    const demote = await post(staffAction, '/admin/staff', 'admin', {
      id: String(admin.id),
      name: '管理员',
      email: 'admin@kaimen.local',
      role: 'coordinator',
    })
    expect(demote.body.result?.error?.role).toEqual(['admin.errors.demoteSelf'])
    expect(await eventCount('admin.staff.updated')).toBe(2)
  })

  it('does not let an admin disable their own account', async () => {
    const admin = await db()
      .selectFrom('staff_users')
      .select('id')
      .where('email', '=', 'admin@kaimen.local')
      .executeTakeFirstOrThrow()
    const answer = await post(staffAction, '/admin/staff', 'admin', {
      intent: 'disable',
      id: String(admin.id),
    })
    expect(answer.status).toBe(400)
    expect(answer.body.rowErrors).toEqual(['admin.errors.disableSelf'])
  })
})
