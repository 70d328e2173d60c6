import fs from 'node:fs'
import path from 'node:path'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../db/seed'
import { createStaffSession } from '../../app/staff/staff.server'
import { STAFF_COOKIE } from '../../app/staff/auth.server'
import { createPublicSession } from '../../app/verdict/verify.server'
import { PUBLIC_COOKIE } from '../../app/verdict/public-session.server'
import { setupTestDatabase } from '../support/database'
import { BASE } from '../support/requests'

/**
 * The access-control matrix: every staff and admin route in app/routes, its loader and its
 * action, visited as each kind of visitor. The allowed set is declared per route below and
 * asserted exactly: everyone else gets 403 or 404 (anonymous visitors are sent to sign in).
 * A new staff or admin route without a declared policy fails this test.
 */
const database = setupTestDatabase()

type Visitor = 'anonymous' | 'publicVerified' | 'unitA' | 'unitB' | 'coordinator' | 'admin'
const visitors: Visitor[] = [
  'anonymous',
  'publicVerified',
  'unitA',
  'unitB',
  'coordinator',
  'admin',
]
const ALL_STAFF: Visitor[] = ['unitA', 'unitB', 'coordinator', 'admin']

interface Policy {
  loader?: Visitor[]
  action?: Visitor[]
}

/**
 * Who may use each staff and admin route. `unitA` is the staff of the unit that owns the
 * fixtures (duty, rule change...) named by the route's parameters; `unitB` is another unit's.
 */
const policy: Record<string, Policy> = {
  'staff._index': { loader: ALL_STAFF },
  'staff.password': { loader: ALL_STAFF, action: ALL_STAFF },
  // Duty lists: triage is the coordinator's; a duty is its own unit's to act on.
  'staff.triage._index': { loader: ['coordinator'] },
  'staff.triage.$reportId': { loader: ['coordinator'], action: ['coordinator'] },
  'staff.duties._index': { loader: ['unitA', 'unitB', 'coordinator'] },
  'staff.duties.$dutyId': { loader: ['unitA', 'coordinator'], action: ['unitA'] },
  // Admin area: the coordinator reads, only the admin changes (decision 012).
  admin: { loader: ['coordinator', 'admin'] },
  'admin._index': { loader: ['coordinator', 'admin'] },
  'admin.units': { loader: ['coordinator', 'admin'], action: ['admin'] },
  'admin.categories': { loader: ['coordinator', 'admin'], action: ['admin'] },
  'admin.areas': { loader: ['coordinator', 'admin'], action: ['admin'] },
  'admin.routing': { loader: ['coordinator', 'admin'], action: ['admin'] },
  'admin.staff': { loader: ['coordinator', 'admin'], action: ['admin'] },
  // Duty lists in Excel: unit staff (their own unit only) and the coordinator.
  // With contact details (a POST with a reason): the same officers, each view logged.
  'staff.duties[.]xlsx': {
    loader: ['unitA', 'unitB', 'coordinator'],
    action: ['unitA', 'unitB', 'coordinator'],
  },
  'staff.import': {
    loader: ['unitA', 'unitB', 'coordinator'],
    action: ['unitA', 'unitB', 'coordinator'],
  },
  // Accountability: supervision for the coordinator and each unit (its own duties only);
  // notices and focus topics are the coordinator's; rule changes a unit's own; API keys the admin's.
  'staff.supervision': { loader: ['unitA', 'unitB', 'coordinator'] },
  'staff.notices': { loader: ['coordinator'], action: ['coordinator'] },
  'staff.topics': { loader: ['coordinator'], action: ['coordinator'] },
  'staff.rules': { loader: ['unitA', 'unitB'], action: ['unitA', 'unitB'] },
  'admin.api-keys': { loader: ['admin'], action: ['admin'] },
  // The access log of contact views (issue 13): the admin's, not the coordinator's, whose views it lists.
  'admin.contact-views': { loader: ['admin'] },
  // public verdict
  'staff.moderation': { loader: ['coordinator'], action: ['coordinator'] },
  'staff.reviews': { loader: ['coordinator'], action: ['coordinator'] },
  'staff.appeals': {
    loader: ['unitA', 'unitB', 'coordinator'],
    action: ['unitA', 'unitB', 'coordinator'],
  },
}

const routesDir = path.resolve('app/routes')
const guardedRoutes = fs
  .readdirSync(routesDir)
  .map((file) => file.replace(/\.(tsx?|jsx?)$/, ''))
  .filter((id) => /^(staff|admin)([._]|$)/.test(id))
  .sort()

interface Fixtures {
  cookies: Record<Visitor, string | undefined>
  params: Record<string, string>
}
let fixtures: Fixtures

async function staffCookie(email: string): Promise<string> {
  const db = database.current.db
  const user = await db
    .selectFrom('staff_users')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirstOrThrow()
  return `${STAFF_COOKIE}=${encodeURIComponent(await createStaffSession(db, user.id))}`
}

async function publicCookie(): Promise<string | undefined> {
  // A verified member of the public, signed in the way /verify signs them in.
  const db = database.current.db
  const user = await db
    .insertInto('public_users')
    .values({ email: 'access-matrix@example.com' })
    .returning('id')
    .executeTakeFirstOrThrow()
  return `${PUBLIC_COOKIE}=${encodeURIComponent(await createPublicSession(db, user.id))}`
}

beforeAll(async () => {
  const db = database.current.db
  await seed(db, { demo: true })
  const unitA = await db
    .selectFrom('units')
    .select('id')
    .where('slug', '=', 'huangpu-street')
    .executeTakeFirstOrThrow()
  const duty = await db
    .selectFrom('duties')
    .select('id')
    .where('unit_id', '=', unitA.id)
    .orderBy('id')
    .executeTakeFirstOrThrow()
  const report = await db
    .selectFrom('reports')
    .select('id')
    .where('status', '=', 'pending')
    .orderBy('id')
    .executeTakeFirstOrThrow()
  fixtures = {
    cookies: {
      anonymous: undefined,
      publicVerified: await publicCookie(),
      unitA: await staffCookie('huangpu@kaimen.local'),
      unitB: await staffCookie('housing@kaimen.local'),
      coordinator: await staffCookie('coordinator@kaimen.local'),
      admin: await staffCookie('admin@kaimen.local'),
    },
    params: {
      id: String(duty.id),
      dutyId: String(duty.id),
      reportId: String(report.id),
      unitId: String(unitA.id),
    },
  }
})

function urlFor(
  id: string,
  params: Record<string, string>,
): { url: string; params: Record<string, string> } {
  const used: Record<string, string> = {}
  const segments = id
    .replace(/\._index$/, '')
    .split('.')
    .map((segment) => {
      if (!segment.startsWith('$')) return segment
      const name = segment.slice(1)
      const value = params[name] ?? '1'
      used[name] = value
      return value
    })
  return { url: `${BASE}/${segments.join('/')}`, params: used }
}

type Handler = (args: LoaderFunctionArgs | ActionFunctionArgs) => Promise<unknown>

/** true when the visitor got in; false for 403, 404 or a redirect to sign in. */
async function gotIn(
  handler: Handler,
  request: Request,
  params: Record<string, string>,
): Promise<boolean> {
  let status: number
  let location: string | null = null
  try {
    const result = await handler({ request, params, context: {} })
    if (result instanceof Response) {
      status = result.status
      location = result.headers.get('location')
    } else status = (result as { init?: ResponseInit | null } | null)?.init?.status ?? 200
  } catch (error) {
    if (!(error instanceof Response)) throw error
    status = error.status
    location = error.headers.get('location')
  }
  expect(status, `${request.method} ${request.url}`).toBeLessThan(500)
  if (status === 403 || status === 404 || status === 401) return false
  if (location?.startsWith('/sign-in')) return false
  return true
}

describe('access-control matrix', () => {
  it('knows who may use every staff and admin route', () => {
    expect(guardedRoutes.length).toBeGreaterThan(0)
    const undeclared = guardedRoutes.filter((id) => !(id in policy))
    expect(undeclared, 'declare a policy for these routes').toEqual([])
    const stale = Object.keys(policy).filter((id) => !guardedRoutes.includes(id))
    expect(stale, 'policies of routes that no longer exist').toEqual([])
  })

  for (const id of guardedRoutes) {
    for (const kind of ['loader', 'action'] as const) {
      it(`${id} ${kind}`, async () => {
        const module = (await import(
          /* @vite-ignore */ path.join(
            routesDir,
            fs.readdirSync(routesDir).find((f) => f.replace(/\.(tsx?|jsx?)$/, '') === id)!,
          )
        )) as Partial<Record<'loader' | 'action', Handler>>
        const handler = module[kind]
        const declared = policy[id]?.[kind]
        if (!handler) {
          expect(declared, `${id} has no ${kind}; remove it from the policy`).toBeUndefined()
          return
        }
        expect(declared, `${id} has a ${kind}: declare who may use it`).toBeDefined()
        const { url, params } = urlFor(id, fixtures.params)
        const allowed: Visitor[] = []
        for (const visitor of visitors) {
          const cookie = fixtures.cookies[visitor]
          if (visitor === 'publicVerified' && !cookie) continue
          const headers: Record<string, string> = { origin: BASE }
          if (cookie) headers.cookie = cookie
          const request =
            kind === 'loader'
              ? new Request(url, { headers })
              : new Request(url, {
                  method: 'POST',
                  body: new URLSearchParams({ intent: 'none' }),
                  headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
                })
          if (await gotIn(handler, request, params)) allowed.push(visitor)
        }
        const expected = (declared ?? []).filter(
          (v) => v !== 'publicVerified' || fixtures.cookies.publicVerified,
        )
        expect(allowed.sort()).toEqual([...expected].sort())
      })
    }
  }
})
