/// <reference types="vite/client" />
import fc from 'fast-check'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../db/seed'
import { encodeCursor } from '../../app/browse/list-query'
import { setupTestDatabase } from '../support/database'
import { BASE } from '../support/requests'

/**
 * Every URL a stranger can request — public pages, feeds, exports, Open311, and the staff and
 * admin pages too (they must refuse, not crash) — with hostile path parameters, query strings,
 * list cursors, cookies and headers: the answer is never a 5xx. The root loader runs on every
 * document request, so it gets each request as well.
 */
const database = setupTestDatabase()

type Handler = (args: LoaderFunctionArgs | ActionFunctionArgs) => Promise<unknown>
interface RouteModule {
  loader?: Handler
  action?: Handler
}

const modules = import.meta.glob<RouteModule>('../../app/routes/*.{ts,tsx}')

/** A route file's URL and its parameter names, from Remix's flat-route file name. */
function routeOf(file: string): {
  name: string
  url: (params: Record<string, string>) => string
  params: string[]
} {
  const name = file.replace(/^.*\/routes\//, '').replace(/\.tsx?$/, '')
  const segments = name
    .replaceAll('[.]', '\u2024')
    .split('.')
    .filter((s) => s !== '_index' && !s.startsWith('_'))
    .map((s) => s.replaceAll('\u2024', '.'))
  const params = segments
    .filter((s) => s.startsWith('$'))
    .map((s) => (s === '$' ? '*' : s.slice(1)))
  const url = (values: Record<string, string>) =>
    '/' +
    segments
      .map((s) => {
        if (!s.startsWith('$')) return s
        const value = values[s === '$' ? '*' : s.slice(1)] ?? ''
        try {
          return encodeURIComponent(value)
        } catch {
          return '%ED%A0%80' // a lone surrogate, as raw bytes
        }
      })
      .join('/')
  return { name, url, params }
}

const cursors = [
  encodeCursor({ value: '2026-02-30', id: 1 }),
  encodeCursor({ value: '2026-02-30T00:00:00Z', id: 1 }),
  encodeCursor({ value: '2026-11-01T00:00:00Z', id: 9007199254740991 }),
  encodeCursor({ value: '9999-12-31', id: 2147483648 }),
  encodeCursor({ value: '0000-00-00', id: 1 }),
  'not-a-cursor',
  '%00',
]

const hostileValue = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '2147483648',
    '9007199254740991',
    '99999999999999999999',
    '-1',
    '0',
    '1.5',
    '1e309',
    '0x10',
    'NaN',
    '\u0000',
    '\u0000.json',
    '\u0000.xml',
    '2147483648.json',
    '9007199254740991.xml',
    '%00',
    '%E0%A4%A',
    '\uD800',
    '2026-02-30',
    '2026-13',
    '2026-Q9',
    '../../etc/passwd',
    'progress.atom',
    'progress.xml',
    'requests.json',
    'discovery.json',
    'services.xml',
    '张'.repeat(300),
    '/\t/evil.example',
    'http://evil.example',
    '\r\nSet-Cookie: x=1',
  ),
  fc.constantFrom(...cursors),
)

const queryKeys = fc.constantFrom(
  'cursor',
  'after',
  'before',
  'page',
  'sort',
  'q',
  'status',
  'unit',
  'category',
  'area',
  'district',
  'street',
  'community',
  'kind',
  'mode',
  'overdue',
  'period',
  'from',
  'to',
  'redirectTo',
  'lang',
  'service_code',
  'service_request_id',
  'start_date',
  'end_date',
  'page_size',
  'jurisdiction_id',
  'api_key',
  'format',
  'topic',
  'year',
)

const cookieValues = fc.oneof(
  fc.constantFrom(
    'kaimen_staff=%E0%A4%A',
    'lang=%ZZ',
    'lang=%E0%A4%A',
    'kaimen_public=%',
    'kaimen_staff=%00',
    'kaimen_staff=' + 'a'.repeat(5000),
    'lang=en; lang=%ZZ',
    '=; ;;==',
  ),
  fc
    .tuple(
      fc.constantFrom('kaimen_staff', 'kaimen_public', 'lang', 'x'),
      fc.string({ maxLength: 30 }),
    )
    .map(([k, v]) => `${k}=${v.replace(/[^ -~]|;/g, '%')}`),
)

const headerSets = fc.record(
  {
    'accept-language': fc.constantFrom('zz', '*', 'en;q=abc', ''),
    'user-agent': fc.constantFrom('Googlebot/2.1', '', 'x'.repeat(2000)),
    'if-none-match': fc.constantFrom('*', '"x"', 'W/"\u00ff"'),
    'if-modified-since': fc.constantFrom('yesterday', 'Mon, 32 Feb 2026 99:00:00 GMT'),
    range: fc.constantFrom('bytes=99999999-1', 'bytes=-0', 'lines=1-2'),
    'x-forwarded-for': fc.constantFrom('not-an-ip', '::1, 1.2.3.4', ',,,', '999.1.1.1'),
    referer: fc.constantFrom('http://evil.example/', 'not a url', ''),
    accept: fc.constantFrom('application/json', '*/*', 'text/x-script'),
  },
  { requiredKeys: [] },
)

function safeHeaders(record: Record<string, string>): Headers {
  const headers = new Headers()
  for (const [k, v] of Object.entries(record)) {
    try {
      headers.set(k, v)
    } catch {
      // A value no HTTP client can send (a browser or curl refuses it too).
    }
  }
  return headers
}

/** The status a client would see, or the error that would become a 500. */
async function statusOf(run: () => Promise<unknown>): Promise<number> {
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

let tried = 0
let fivexx = 0
async function expectNo5xx(label: string, run: () => Promise<unknown>): Promise<void> {
  tried += 1
  let status: number
  try {
    status = await statusOf(run)
  } catch (error) {
    fivexx += 1
    throw new Error(`${label} threw ${String(error)}`)
  }
  if (status >= 500) fivexx += 1
  expect(status, label).toBeLessThan(500)
}

let root: Handler
beforeAll(async () => {
  await seed(database.current.db, { demo: true })
  root = (await import('../../app/root')).loader as Handler
})

afterAll(() => {
  console.info(`hostile requests: ${tried} tried, ${fivexx} answered 5xx`)
})

/** The route files, their URLs and parameters (dev-only and bench pages included). */
const routes = Object.entries(modules).map(([file, load]) => ({ ...routeOf(file), load }))

describe('no request a stranger can make answers 5xx', () => {
  it('covers every route file', () => {
    expect(routes.length).toBeGreaterThan(50)
  })

  for (const route of routes) {
    it(`GET and POST ${route.name} with hostile paths, queries, cursors, cookies and headers`, async () => {
      const module = await route.load()
      await fc.assert(
        fc.asyncProperty(
          fc.array(hostileValue, {
            minLength: route.params.length,
            maxLength: route.params.length,
          }),
          fc.array(fc.tuple(queryKeys, hostileValue), { maxLength: 5 }),
          fc.option(cookieValues, { nil: undefined }),
          headerSets,
          async (values, query, cookie, extra) => {
            const params = Object.fromEntries(route.params.map((p, i) => [p, values[i] ?? '']))
            const search = new URLSearchParams(query).toString()
            const url = `${BASE}${route.url(params)}${search ? `?${search}` : ''}`
            const headers = safeHeaders({ ...extra, ...(cookie ? { cookie } : {}) })
            const label = `${url} cookie=${cookie ?? ''}`
            await expectNo5xx(`root ${label}`, () =>
              root({ request: new Request(url, { headers }), params, context: {} }),
            )
            if (module.loader) {
              const loader = module.loader
              await expectNo5xx(`GET ${label}`, () =>
                loader({ request: new Request(url, { headers }), params, context: {} }),
              )
            }
            if (module.action) {
              const action = module.action
              const post = new Headers(headers)
              post.set('origin', BASE)
              post.set('content-type', 'application/x-www-form-urlencoded')
              const body = new URLSearchParams(query.map(([k, v]) => [k, v]))
              await expectNo5xx(`POST ${label}`, () =>
                action({
                  request: new Request(url, { method: 'POST', headers: post, body }),
                  params,
                  context: {},
                }),
              )
            }
          },
        ),
        { numRuns: 25 },
      )
    })
  }

  /** The requests an outside test found answering 500: route file, parameters, query, cookie. */
  const found: Array<[string, Record<string, string>, string, string?]> = [
    ['notices.$id', { id: '2147483648' }, ''],
    ['notices.$id', { id: '9007199254740991' }, ''],
    ['reports.$id', { id: '2147483648' }, ''],
    ['duties.$id', { id: '99999999999' }, ''],
    ['open311.v2.services.$code', { code: '\u0000.json' }, ''],
    ['open311.v2.requests.$id', { id: '2147483648.json' }, ''],
    ['reports._index', {}, `cursor=${cursors[1]}`],
    ['reports._index', {}, `cursor=${cursors[2]}`],
    ['duties._index', {}, `sort=deadline&cursor=${cursors[0]}`],
    ['duties._index', {}, `cursor=${cursors[2]}`],
    ['_index', {}, '', 'kaimen_staff=%E0%A4%A'],
    ['_index', {}, '', 'lang=%ZZ'],
    ['staff._index', {}, '', 'kaimen_staff=%E0%A4%A'],
    ['duties._index', {}, '', 'kaimen_public=%E0%A4%A'],
  ]
  it('answers the requests that once got a 500 with a 4xx or a page', async () => {
    for (const [name, params, search, cookie] of found) {
      const route = routes.find((r) => r.name === name)!
      const module = await route.load()
      const url = `${BASE}${route.url(params)}${search ? `?${search}` : ''}`
      const headers = new Headers(cookie ? { cookie } : {})
      await expectNo5xx(`root ${url} ${cookie ?? ''}`, () =>
        root({ request: new Request(url, { headers }), params, context: {} }),
      )
      const loader = module.loader!
      await expectNo5xx(`GET ${url} ${cookie ?? ''}`, () =>
        loader({ request: new Request(url, { headers }), params, context: {} }),
      )
    }
  })
})

describe('a NUL character in any report field', () => {
  it('is refused or cleaned, never a 500', async () => {
    const db = database.current.db
    const id = async (table: 'categories' | 'areas', column: 'slug' | 'code', value: string) =>
      String(
        (
          await db
            .selectFrom(table)
            .select('id')
            .where(column as never, '=', value as never)
            .executeTakeFirstOrThrow()
        ).id,
      )
    const valid: Record<string, string> = {
      category: await id('categories', 'slug', 'property'),
      district: await id('areas', 'code', 'hp'),
      street: await id('areas', 'code', 'hp-huangpu'),
      community: await id('areas', 'code', 'hp-huangpu-1'),
      title: '楼道灯不亮已经两个月',
      body: '楼道里的声控灯坏了两个月，晚上上下楼看不见，希望尽快更换。',
      address: '黄埔东路1号',
      contactName: '李华',
      mobile: '13912345678',
      email: 'nul@example.com',
      display: 'masked',
      consent: 'on',
      confirmNew: 'yes',
    }
    const { action } = await import('../../app/routes/report.concern')
    let n = 0
    for (const field of [...Object.keys(valid), 'idempotencyKey', 'website']) {
      n += 1
      const form = new FormData()
      for (const [k, v] of Object.entries(valid)) form.append(k, field === k ? `${v}\u0000x` : v)
      if (field === 'idempotencyKey') form.append('idempotencyKey', `key-${n}\u0000`)
      else form.append('idempotencyKey', `nul-key-${n}-abcdefghijklmnop`)
      if (field === 'website') form.append('website', '\u0000')
      await expectNo5xx(`NUL in ${field}`, () =>
        action({
          request: new Request(`${BASE}/report/concern`, {
            method: 'POST',
            body: form,
            headers: { origin: BASE, 'x-forwarded-for': `198.51.100.${n}` },
          }),
          params: {},
          context: { clientAddress: `198.51.100.${n}` },
        }),
      )
    }
  })
})

describe('redirects after a form', () => {
  it('/lang and /sign-in never send anyone off-site, and CR/LF never reach a header', async () => {
    const lang = (await import('../../app/routes/lang')).action as Handler
    for (const redirectTo of [
      '/\t/evil.example/phish',
      '/track\r\nSet-Cookie: x=1',
      '//evil.example',
    ]) {
      const response = await statusAndLocation(() =>
        lang({
          request: new Request(`${BASE}/lang`, {
            method: 'POST',
            headers: { origin: BASE, 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({ lang: 'en', redirectTo }),
          }),
          params: {},
          context: {},
        }),
      )
      expect(response.status, redirectTo).toBe(302)
      expect(new URL(response.location, BASE).origin, redirectTo).toBe(BASE)
      expect(response.location).not.toMatch(/[\r\n]/)
    }
  })
})

async function statusAndLocation(run: () => Promise<unknown>) {
  try {
    const result = await run()
    const response = result as Response
    return { status: response.status, location: response.headers.get('location') ?? '' }
  } catch (error) {
    if (error instanceof Response)
      return { status: error.status, location: error.headers.get('location') ?? '' }
    throw error
  }
}
