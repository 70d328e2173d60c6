import fc from 'fast-check'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../db/seed'
import { createPublicSession } from '../../app/verdict/verify.server'
import { PUBLIC_COOKIE } from '../../app/verdict/public-session.server'
import { setupTestDatabase } from '../support/database'
import { BASE } from '../support/requests'

/**
 * Random and hostile input thrown at every public action and API: the answer is a clear 4xx
 * (or a redirect, or a page), never a 500, and nothing partial is written.
 */
const database = setupTestDatabase()

type Handler = (args: LoaderFunctionArgs | ActionFunctionArgs) => Promise<unknown>
interface Endpoint {
  name: string
  path: string
  params?: Record<string, string>
  /** Sent as a verified member of the public, so the participation paths are reached. */
  verified?: boolean
  handler: () => Promise<Handler>
}

/** Every public action (POST). Add a line here for each new public action. */
export const publicActions: Endpoint[] = [
  {
    name: 'report concern',
    path: '/report/concern',
    handler: async () => (await import('../../app/routes/report.concern')).action,
  },
  {
    name: 'report demand',
    path: '/report/demand',
    handler: async () => (await import('../../app/routes/report.demand')).action,
  },
  {
    name: 'track',
    path: '/track',
    handler: async () => (await import('../../app/routes/track')).action,
  },
  {
    name: 'sign in',
    path: '/sign-in',
    handler: async () => (await import('../../app/routes/sign-in')).action,
  },
  {
    name: 'sign out',
    path: '/sign-out',
    handler: async () => (await import('../../app/routes/sign-out')).action,
  },
  {
    name: 'language',
    path: '/lang',
    handler: async () => (await import('../../app/routes/lang')).action,
  },
  {
    name: 'Open311 file a request',
    path: '/open311/v2/requests.json',
    params: { resource: 'requests.json' },
    handler: async () => (await import('../../app/routes/open311.v2.$resource')).action,
  },
  // public verdict
  {
    name: 'verify email',
    path: '/verify',
    handler: async () => (await import('../../app/routes/verify')).action,
  },
  {
    name: 'comment, flag or rate a duty',
    path: '/duties/1',
    params: { id: '1' },
    verified: true,
    handler: async () => (await import('../../app/routes/duties.$id')).action,
  },
  {
    name: 'comment or flag on a report',
    path: '/reports/1',
    params: { id: '1' },
    verified: true,
    handler: async () => (await import('../../app/routes/reports.$id')).action,
  },
  {
    name: 'reporter rating',
    path: '/rate/x',
    params: { token: 'x' },
    handler: async () => (await import('../../app/routes/rate.$token')).action,
  },
]

/** Every public loader that reads the query string or a path parameter. */
export const publicLoaders: Array<Endpoint & { param?: string }> = [
  {
    name: 'similar reports',
    path: '/report/similar',
    handler: async () => (await import('../../app/routes/report.similar')).loader,
  },
  {
    name: 'track page',
    path: '/track',
    handler: async () => (await import('../../app/routes/track')).loader,
  },
  {
    name: 'follow',
    path: '/follow/x',
    param: 'token',
    handler: async () => (await import('../../app/routes/follow.$token')).loader,
  },
  {
    name: 'receipt',
    path: '/report/received/x',
    param: 'token',
    handler: async () => (await import('../../app/routes/report.received.$token')).loader,
  },
  {
    name: 'media',
    path: '/media/x',
    param: '*',
    handler: async () => (await import('../../app/routes/media.$')).loader,
  },
  {
    name: 'report form',
    path: '/report/concern',
    handler: async () => (await import('../../app/routes/report.concern')).loader,
  },
  {
    name: 'unit duty list',
    path: '/units/huangpu-street',
    param: 'slug',
    handler: async () => (await import('../../app/routes/units.$slug')).loader,
  },
  {
    name: 'scoreboard',
    path: '/scoreboard',
    handler: async () => (await import('../../app/routes/scoreboard')).loader,
  },
  {
    name: 'Open311 requests',
    path: '/open311/v2/requests.json',
    param: 'resource',
    handler: async () => (await import('../../app/routes/open311.v2.$resource')).loader,
  },
  {
    name: 'Open311 one request',
    path: '/open311/v2/requests/x.json',
    param: 'id',
    handler: async () => (await import('../../app/routes/open311.v2.requests.$id')).loader,
  },
  {
    name: 'Open311 service definition',
    path: '/open311/v2/services/x.xml',
    param: 'code',
    handler: async () => (await import('../../app/routes/open311.v2.services.$code')).loader,
  },
  {
    name: 'export file',
    path: '/exports/x',
    param: 'file',
    handler: async () => (await import('../../app/routes/exports.$file')).loader,
  },
  {
    name: 'rule changes',
    path: '/rules',
    handler: async () => (await import('../../app/routes/rules')).loader,
  },
  {
    name: 'topic',
    path: '/topics/x',
    param: 'slug',
    handler: async () => (await import('../../app/routes/topics.$slug')).loader,
  },
  {
    name: 'notice',
    path: '/notices/x',
    param: 'id',
    handler: async () => (await import('../../app/routes/notices.$id')).loader,
  },
  // public verdict
  {
    name: 'problem list',
    path: '/reports',
    handler: async () => (await import('../../app/routes/reports._index')).loader,
  },
  {
    name: 'duty list',
    path: '/duties',
    handler: async () => (await import('../../app/routes/duties._index')).loader,
  },
  {
    name: 'report page',
    path: '/reports/x',
    param: 'id',
    handler: async () => (await import('../../app/routes/reports.$id')).loader,
  },
  {
    name: 'duty page',
    path: '/duties/x',
    param: 'id',
    handler: async () => (await import('../../app/routes/duties.$id')).loader,
  },
  {
    name: 'verify page',
    path: '/verify',
    handler: async () => (await import('../../app/routes/verify')).loader,
  },
  {
    name: 'reporter rating page',
    path: '/rate/x',
    param: 'token',
    handler: async () => (await import('../../app/routes/rate.$token')).loader,
  },
  {
    name: 'progress feed',
    path: '/feeds/x',
    param: 'file',
    handler: async () => (await import('../../app/routes/feeds.$file')).loader,
  },
  {
    name: 'unit feed',
    path: '/feeds/units/x',
    param: 'file',
    handler: async () => (await import('../../app/routes/feeds.units.$file')).loader,
  },
  {
    name: 'duty feed',
    path: '/feeds/duties/x',
    param: 'file',
    handler: async () => (await import('../../app/routes/feeds.duties.$file')).loader,
  },
]

const hostileString = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom(
    "'; drop table reports; --",
    '<script>alert(1)</script>',
    '\u0000\u0000',
    '\uD800',
    '\u202Eevil',
    '../../etc/passwd',
    '%00%ff%fe',
    '{"__proto__":{"admin":true}}',
    '9'.repeat(400),
    '张'.repeat(5000),
    '   ',
    '-1',
    '1e309',
    'NaN',
  ),
)
const fieldNames = fc.constantFrom(
  'idempotencyKey',
  'category',
  'district',
  'street',
  'community',
  'title',
  'body',
  'address',
  'addressPublic',
  'contactName',
  'mobile',
  'email',
  'display',
  'consent',
  'companyName',
  'creditCode',
  'demandType',
  'confirmNew',
  'code',
  'contact',
  'password',
  'redirectTo',
  'lang',
  'everywhere',
  'intent',
  'website',
  '__proto__',
  'heldPhoto',
  'level',
  'reason',
  'commentId',
  'parentId',
  'displayName',
)
const fields = fc.array(fc.tuple(fc.oneof(fieldNames, hostileString), hostileString), {
  maxLength: 25,
})

type Body = { contentType?: string; body: BodyInit }
const bodies: fc.Arbitrary<Body> = fc.oneof(
  fields.map((pairs) => ({
    contentType: 'application/x-www-form-urlencoded',
    body: new URLSearchParams(pairs).toString(),
  })),
  fields.map((pairs) => {
    const form = new FormData()
    for (const [k, v] of pairs) form.append(k, v)
    return { body: form }
  }),
  hostileString.map((text) => ({
    contentType: 'application/json',
    body: JSON.stringify({ text }),
  })),
  hostileString.map((text) => ({ contentType: 'text/plain', body: text })),
  hostileString.map((text) => ({ contentType: 'multipart/form-data', body: text })),
  hostileString.map((text) => ({
    contentType: 'multipart/form-data; boundary=XyZ',
    body: `--XyZ\r\nContent-Disposition: form-data; name="title"\r\n\r\n${text}`,
  })),
  fc.constant({
    contentType: 'application/x-www-form-urlencoded',
    body: `title=${'a'.repeat(3 * 1024 * 1024)}`,
  }),
  fc.constant({ contentType: undefined, body: '' }),
)

let ip = 0
function hostileRequest(path: string, { contentType, body }: Body, cookie?: string): Request {
  ip += 1
  const headers: Record<string, string> = {
    origin: BASE,
    'x-forwarded-for': `203.0.113.${ip % 250}`,
  }
  if (cookie) headers.cookie = cookie
  if (contentType) headers['content-type'] = contentType
  return new Request(`${BASE}${path}`, { method: 'POST', body, headers })
}

/** The status a browser would see, or the error that would become a 500. */
async function answer(run: () => Promise<unknown>): Promise<number> {
  try {
    const result = await run()
    if (result instanceof Response) return result.status
    const init = (result as { init?: ResponseInit | null } | null)?.init
    return init?.status ?? 200
  } catch (error) {
    if (error instanceof Response) return error.status
    throw error
  }
}

async function written(): Promise<string> {
  const { rows } = await sql<{ n: string }>`
    select (select count(*) from reports) || '/' || (select count(*) from events) || '/' ||
      (select count(*) from email_outbox) || '/' || (select count(*) from attachments) ||
      '/' || (select count(*) from staff_sessions) || '/' || (select count(*) from ratings) ||
      '/' || (select count(*) from public_sessions) || '/' || (select count(*) from comment_flags) ||
      '/' || (select count(*) from otp_challenges) as n`.execute(database.current.db)
  return rows[0]!.n
}

/** A verified member of the public, signed in the way /verify signs them in. */
async function publicCookie(): Promise<string> {
  const db = database.current.db
  const user = await db
    .insertInto('public_users')
    .values({ email: 'hostile-input@example.com' })
    .returning('id')
    .executeTakeFirstOrThrow()
  return `${PUBLIC_COOKIE}=${encodeURIComponent(await createPublicSession(db, user.id))}`
}
let verifiedCookie: string

beforeAll(async () => {
  await seed(database.current.db, { demo: true })
  verifiedCookie = await publicCookie()
})

describe('hostile input never causes a 500 and writes nothing', () => {
  for (const endpoint of publicActions) {
    it(`POST ${endpoint.path} (${endpoint.name})`, async () => {
      const handler = await endpoint.handler()
      await fc.assert(
        fc.asyncProperty(bodies, async (body) => {
          const before = await written()
          const status = await answer(() =>
            handler({
              request: hostileRequest(
                endpoint.path,
                body,
                endpoint.verified ? verifiedCookie : undefined,
              ),
              params: endpoint.params ?? {},
              context: {},
            }),
          )
          expect(status).toBeLessThan(500)
          if (status !== 302 || endpoint.name !== 'sign out') expect(await written()).toBe(before)
        }),
        { numRuns: 60 },
      )
    })
  }

  it('refuses a state-changing post from another site on every public action', async () => {
    const senders: Array<[string, Record<string, string>]> = [
      ['foreign Origin', { origin: 'https://evil.example' }],
      ['no Origin, foreign Referer', { referer: 'https://evil.example/page' }],
      ['neither Origin nor Referer', {}],
    ]
    for (const endpoint of publicActions) {
      const handler = await endpoint.handler()
      for (const [sender, headers] of senders) {
        // The Open311 API authenticates by API key, not cookie: a client naming no origin may post.
        if (endpoint.path.startsWith('/open311') && sender.startsWith('neither')) continue
        const request = new Request(`${BASE}${endpoint.path}`, {
          method: 'POST',
          body: new URLSearchParams({ title: 'x' }),
          headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
        })
        const status = await answer(() => handler({ request, params: {}, context: {} }))
        expect(status, `${endpoint.name}: ${sender}`).toBe(403)
      }
    }
  })

  for (const endpoint of publicLoaders) {
    it(`GET ${endpoint.path} (${endpoint.name}) with hostile query and parameters`, async () => {
      const handler = await endpoint.handler()
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(hostileString, hostileString), { maxLength: 6 }),
          hostileString,
          async (query, param) => {
            const search = new URLSearchParams([
              ...query,
              ['q', param],
              ['street', param],
            ]).toString()
            const request = new Request(`${BASE}${endpoint.path}?${search}`)
            const params = endpoint.param ? { [endpoint.param]: param } : {}
            const status = await answer(() => handler({ request, params, context: {} }))
            expect(status).toBeLessThan(500)
          },
        ),
        { numRuns: 60 },
      )
    })
  }
})
