import crypto from 'node:crypto'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { generateTrackingCode } from '../../app/reporting/tracking-code'
import { seed } from '../../db/seed'
import { resetEnv } from '../../app/platform/env.server'
import { clientAddress } from '../../app/platform/rate-limit.server'
import { action as concernAction } from '../../app/routes/report.concern'
import { action as trackAction } from '../../app/routes/track'
import { setupTestDatabase } from '../support/database'
import { BASE, formRequest, settle } from '../support/requests'

const database = setupTestDatabase()

function withTrustProxy(hops: number) {
  process.env.TRUST_PROXY = String(hops)
  resetEnv()
}
afterEach(() => withTrustProxy(1))

function request(forwardedFor?: string): Request {
  return new Request(`${BASE}/`, {
    headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
  })
}

describe('the client address', () => {
  it('without a proxy is the socket peer; a written X-Forwarded-For is ignored', () => {
    withTrustProxy(0)
    const context = { clientAddress: '203.0.113.7' }
    expect(clientAddress(request(), context)).toBe('203.0.113.7')
    expect(clientAddress(request('198.51.100.1'), context)).toBe('203.0.113.7')
    expect(clientAddress(request('198.51.100.1'), { clientAddress: '203.0.113.8' })).toBe(
      '203.0.113.8',
    )
  })

  it('behind one proxy is the hop that proxy appended, not what the client wrote before it', () => {
    withTrustProxy(1)
    const proxy = { clientAddress: '10.0.0.2' }
    expect(clientAddress(request('203.0.113.7'), proxy)).toBe('203.0.113.7')
    expect(clientAddress(request('1.1.1.1, 2.2.2.2, 203.0.113.7'), proxy)).toBe('203.0.113.7')
    withTrustProxy(2)
    expect(clientAddress(request('1.1.1.1, 203.0.113.7, 10.0.0.1'), proxy)).toBe('203.0.113.7')
  })
})

const lookup = (socket: string, forwardedFor: string) =>
  settle(() =>
    trackAction({
      request: formRequest(
        '/track',
        // A new code each time: the per-code limit (issue 13) is not what is tested here.
        { code: generateTrackingCode(), contact: '13000000000' },
        { headers: { 'x-forwarded-for': forwardedFor } },
      ),
      params: {},
      context: { clientAddress: socket },
    }),
  )
const statusOf = (reply: unknown) =>
  reply instanceof Response
    ? reply.status
    : ((reply as { init?: ResponseInit | null }).init?.status ?? 200)

describe('limits key on the real client', () => {
  beforeAll(async () => {
    await seed(database.current.db, { demo: true })
  })

  it('a fresh X-Forwarded-For on every guess does not buy more tracking lookups', async () => {
    withTrustProxy(0)
    for (let i = 0; i < 20; i++)
      expect(statusOf(await lookup('203.0.113.20', `10.9.${i}.1`))).toBe(404)
    expect(statusOf(await lookup('203.0.113.20', '10.9.99.1'))).toBe(429)
    // Another resident is not locked out by the first one.
    expect(statusOf(await lookup('203.0.113.21', '10.9.99.1'))).toBe(404)
  })

  it('failed validations do not spend the address’s filing budget', async () => {
    withTrustProxy(0)
    const socket = '203.0.113.30'
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
    const fields = {
      category: await id('categories', 'slug', 'property'),
      district: await id('areas', 'code', 'hp'),
      street: await id('areas', 'code', 'hp-huangpu'),
      community: await id('areas', 'code', 'hp-huangpu-1'),
      title: '小区门口路灯损坏很久了',
      body: '小区门口的两盏路灯坏了一个多月，晚上出入很不安全，希望尽快修好。',
      contactName: '王芳',
      mobile: '13912340001',
      display: 'anonymous',
      consent: 'on',
      confirmNew: 'yes',
    }
    const post = (extra: Record<string, string>) =>
      settle(() =>
        concernAction({
          request: formRequest('/report/concern', {
            ...fields,
            idempotencyKey: crypto.randomBytes(18).toString('base64url'),
            ...extra,
          }),
          params: {},
          context: { clientAddress: socket },
        }),
      )
    for (let i = 0; i < 15; i++) expect(statusOf(await post({ mobile: 'not a number' }))).toBe(400)
    const filed = await post({})
    expect(statusOf(filed)).toBe(302)
  })
})
