import { beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../db/seed'
import { issueApiKey, revokeApiKey } from '../../app/accountability/api-key.server'
import { setupTestDatabase } from '../support/database'
import { BASE } from '../support/requests'

const database = setupTestDatabase()

const resource = () => import('../../app/routes/open311.v2.$resource')
const service = () => import('../../app/routes/open311.v2.services.$code')
const oneRequest = () => import('../../app/routes/open311.v2.requests.$id')

async function get(path: string): Promise<Response> {
  const url = new URL(`${BASE}/open311/v2/${path}`)
  const segments = url.pathname.split('/').slice(3)
  const request = new Request(url)
  if (segments[0] === 'services' && segments[1])
    return (await service()).loader({ request, params: { code: segments[1] }, context: {} })
  if (segments[0] === 'requests' && segments[1])
    return (await oneRequest()).loader({ request, params: { id: segments[1] }, context: {} })
  return (await resource()).loader({ request, params: { resource: segments[0] }, context: {} })
}

async function post(fields: Record<string, string>, format = 'json'): Promise<Response> {
  const request = new Request(`${BASE}/open311/v2/requests.${format}`, {
    method: 'POST',
    body: new URLSearchParams(fields),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-forwarded-for': `198.51.100.${Math.floor(Math.random() * 250)}`,
    },
  })
  return (await resource()).action({
    request,
    params: { resource: `requests.${format}` },
    context: {},
  })
}

const REQUEST_FIELDS = [
  'service_request_id',
  'status',
  'status_notes',
  'service_name',
  'service_code',
  'description',
  'agency_responsible',
  'service_notice',
  'requested_datetime',
  'updated_datetime',
  'expected_datetime',
  'address',
  'address_id',
  'zipcode',
  'lat',
  'long',
  'media_url',
]
const W3C = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/

let key: string
let areaCode: string

beforeAll(async () => {
  const { db } = database.current
  await seed(db, { demo: true })
  key = (await issueApiKey(db, '测试客户端')).key
  areaCode = (
    await db
      .selectFrom('areas')
      .select('code')
      .where('level', '=', 'community')
      .executeTakeFirstOrThrow()
  ).code
})

async function privateValues(): Promise<string[]> {
  const rows = await database.current.db
    .selectFrom('reports')
    .select(['contact_mobile', 'contact_email', 'credit_code', 'address', 'address_public'])
    .execute()
  return rows.flatMap((r) =>
    [r.contact_mobile, r.contact_email, r.credit_code, r.address_public ? null : r.address].filter(
      (v): v is string => Boolean(v),
    ),
  )
}

describe('Open311 GeoReport v2 reading', () => {
  it('answers discovery in JSON and XML', async () => {
    const json = await get('discovery.json')
    expect(json.headers.get('content-type')).toContain('application/json')
    const body = await json.json()
    expect(body.endpoints[0]).toMatchObject({
      specification: 'http://wiki.open311.org/GeoReport_v2',
      type: 'production',
      formats: ['text/xml', 'application/json'],
    })
    const xml = await (await get('discovery.xml')).text()
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?><discovery>/)
    expect(xml).toContain(
      '<formats><format>text/xml</format><format>application/json</format></formats>',
    )
  })

  it('lists services with the required fields, and defines each', async () => {
    const services = await (await get('services.json')).json()
    expect(services.length).toBeGreaterThan(5)
    for (const s of services) {
      for (const f of [
        'service_code',
        'service_name',
        'description',
        'metadata',
        'type',
        'keywords',
        'group',
      ])
        expect(s, f).toHaveProperty(f)
      expect(['realtime', 'batch', 'blackbox']).toContain(s.type)
    }
    const xml = await (await get('services.xml')).text()
    expect(xml).toContain(
      `<services><service><service_code>${services[0].service_code}</service_code>`,
    )
    const definition = await (await get(`services/${services[0].service_code}.json`)).json()
    expect(definition.service_code).toBe(services[0].service_code)
    expect(definition.attributes[0]).toMatchObject({
      code: 'area',
      datatype: 'singlevaluelist',
      required: true,
    })
    expect(definition.attributes[0].values.length).toBeGreaterThan(3)
    const missing = await get('services/no-such-service.json')
    expect(missing.status).toBe(404)
    expect(await missing.json()).toEqual([{ code: 404, description: 'service_code not found' }])
  })

  it('lists requests with every field, open or closed, and nothing private', async () => {
    const response = await get('requests.json')
    const requests = await response.json()
    expect(requests.length).toBeGreaterThan(5)
    for (const r of requests) {
      expect(Object.keys(r).sort()).toEqual([...REQUEST_FIELDS].sort())
      expect(['open', 'closed']).toContain(r.status)
      expect(r.requested_datetime).toMatch(W3C)
      expect(r.updated_datetime).toMatch(W3C)
    }
    const statuses = new Set(requests.map((r: { status: string }) => r.status))
    expect(statuses).toEqual(new Set(['open', 'closed']))
    const open = await (await get('requests.json?status=open')).json()
    const closed = await (await get('requests.json?status=closed')).json()
    expect(open.every((r: { status: string }) => r.status === 'open')).toBe(true)
    expect(closed.every((r: { status: string }) => r.status === 'closed')).toBe(true)
    expect(open.length + closed.length).toBe(requests.length)

    const text = JSON.stringify(requests) + (await (await get('requests.xml')).text())
    for (const value of await privateValues()) expect(text).not.toContain(value)
  })

  it('filters by id, service and dates', async () => {
    const all = await (await get('requests.json')).json()
    const [a, b] = all
    const byId = await (
      await get(`requests.json?service_request_id=${a.service_request_id},${b.service_request_id}`)
    ).json()
    expect(byId.map((r: { service_request_id: string }) => r.service_request_id).sort()).toEqual(
      [a.service_request_id, b.service_request_id].sort(),
    )
    const byCode = await (await get(`requests.json?service_code=${a.service_code}`)).json()
    expect(byCode.length).toBeGreaterThan(0)
    expect(byCode.every((r: { service_code: string }) => r.service_code === a.service_code)).toBe(
      true,
    )
    const future = await (await get('requests.json?start_date=2099-01-01T00:00:00Z')).json()
    expect(future).toEqual([])
    const day = a.requested_datetime.slice(0, 10)
    const window = await (
      await get(
        `requests.json?start_date=${day}&end_date=${encodeURIComponent(`${day}T23:59:59+08:00`)}`,
      )
    ).json()
    expect(window.map((r: { service_request_id: string }) => r.service_request_id)).toContain(
      a.service_request_id,
    )

    const one = await get(`requests/${a.service_request_id}.xml`)
    expect(await one.text()).toContain(
      `<service_requests><request><service_request_id>${a.service_request_id}</service_request_id>`,
    )
    const unknown = await get('requests/NOPE-0000.json')
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toEqual([
      { code: 404, description: 'service_request_id not found' },
    ])
  })

  it('answers bad parameters with the spec’s error list', async () => {
    for (const query of [
      'status=pending',
      'start_date=yesterday',
      'end_date=2026-13-45T99:00:00Z',
      'start_date=2026-11-10&end_date=2026-11-01',
      'service_code=%3Cscript%3E',
      'service_request_id=%27%3B--',
    ]) {
      const response = await get(`requests.json?${query}`)
      expect(response.status, query).toBe(400)
      const [error] = await response.json()
      expect(error.code).toBe(400)
      expect(error.description.length).toBeGreaterThan(5)
    }
    const xml = await get('requests.xml?status=x')
    expect(await xml.text()).toMatch(
      /<errors><error><code>400<\/code><description>status must be open or closed<\/description><\/error><\/errors>/,
    )
    expect((await get('nothing.json')).status).toBe(404)
    expect((await get('requests.csv')).status).toBe(404)
  })
})

describe('Open311 filing', () => {
  const valid = () => ({
    api_key: key,
    service_code: 'sanitation',
    address_id: areaCode,
    description: '小区门口垃圾桶满溢好几天了，没有人来清运，气味很大。',
    email: 'open311-reporter@example.com',
    phone: '13700137000',
    first_name: '三',
    last_name: '张',
  })

  it('refuses a missing, wrong or revoked API key', async () => {
    const { db } = database.current
    const before = await db
      .selectFrom('reports')
      .select((e) => e.fn.countAll().as('n'))
      .executeTakeFirstOrThrow()
    for (const api_key of ['', 'k311_wrong']) {
      const response = await post({ ...valid(), api_key })
      expect(response.status).toBe(403)
      expect(await response.json()).toEqual([
        { code: 403, description: 'api_key is missing or invalid' },
      ])
    }
    const revoked = await issueApiKey(db, '已停用')
    await revokeApiKey(db, revoked.id)
    expect((await post({ ...valid(), api_key: revoked.key })).status).toBe(403)
    const after = await db
      .selectFrom('reports')
      .select((e) => e.fn.countAll().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(before.n))
  })

  it('refuses bad parameters with a clear description', async () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ service_code: '' }, /service_code is required/],
      [{ service_code: 'nope' }, /service_code not found/],
      [{ service_code: 'business-environment' }, /credit code/],
      [{ address_id: '' }, /location is required/],
      [{ address_id: 'zz' }, /address_id/],
      [{ description: '太短' }, /description/],
      [{ email: '', phone: '' }, /email or phone/],
      [{ phone: '12345' }, /phone/],
      [{ email: 'not-an-email' }, /email/],
    ]
    for (const [change, pattern] of cases) {
      const response = await post({ ...valid(), ...change })
      expect(response.status, JSON.stringify(change)).toBe(400)
      expect((await response.json())[0].description).toMatch(pattern)
    }
    const xml = await post({ ...valid(), service_code: '' }, 'xml')
    expect(await xml.text()).toContain('<errors><error><code>400</code>')
  })

  it('files a report through the same path as the website, readable at once without its contact', async () => {
    const { db } = database.current
    const response = await post(valid())
    expect(response.status).toBe(201)
    const [created] = await response.json()
    // The public number, never the reporter's secret tracking code.
    expect(created.service_request_id).toMatch(/^\d{6,}$/)
    const report = await db
      .selectFrom('reports')
      .selectAll()
      .where('id', '=', Number(created.service_request_id))
      .executeTakeFirstOrThrow()
    expect(report).toMatchObject({
      kind: 'concern',
      status: 'pending',
      contact_email: 'open311-reporter@example.com',
      contact_mobile: '13700137000',
      contact_name: '张三',
      display: 'anonymous',
    })
    const events = await db
      .selectFrom('events')
      .select('type')
      .where('report_id', '=', report.id)
      .execute()
    expect(events.map((e) => e.type)).toEqual(['report.submitted'])
    const receipt = await db
      .selectFrom('email_outbox')
      .select('template')
      .where('dedupe_key', '=', `report-received:${report.id}`)
      .executeTakeFirst()
    expect(receipt?.template).toBe('report-received')

    const read = await get(`requests/${created.service_request_id}.json`)
    const [request] = await read.json()
    expect(request).toMatchObject({ status: 'open', service_code: 'sanitation' })
    const text = JSON.stringify(request)
    for (const secret of [
      '13700137000',
      'open311-reporter@example.com',
      '张三',
      report.tracking_code,
    ])
      expect(text).not.toContain(secret)
  })

  it('refuses a post from another site’s page', async () => {
    const request = new Request(`${BASE}/open311/v2/requests.json`, {
      method: 'POST',
      body: new URLSearchParams({ api_key: key }),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://evil.example',
      },
    })
    const result = await (
      await resource()
    )
      .action({ request, params: { resource: 'requests.json' }, context: {} })
      .catch((e: unknown) => e)
    expect((result as Response).status).toBe(403)
  })
})
