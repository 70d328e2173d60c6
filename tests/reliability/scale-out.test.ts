import http from 'node:http'
import type { AddressInfo } from 'node:net'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startObjectStore } from '../support/object-store'
import {
  formIds,
  spawnServer,
  startServer,
  terminate,
  waitFor,
  type Process,
  type RunningServer,
} from './server'

/** Two app servers on one PostgreSQL database and one S3-compatible store (s3rver). */
let store: Awaited<ReturnType<typeof startObjectStore>>
let a: RunningServer
let b: Process
let provider: http.Server
const sent: string[] = []

beforeAll(async () => {
  store = await startObjectStore()
  // A stand-in for the email provider: it records each email it is asked to send.
  provider = http.createServer((req, res) => {
    let raw = ''
    req.on('data', (chunk) => (raw += chunk))
    req.on('end', () => {
      sent.push((JSON.parse(raw) as { to: string[] | string }).to.toString())
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ id: `email-${sent.length}` }))
    })
  })
  await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve))
  const env = {
    ...store.env,
    RATE_LIMIT_MULTIPLIER: '1',
    WORKER_INTERVAL_MS: '200',
    RESEND_API_KEY: 're_test',
    RESEND_BASE_URL: `http://127.0.0.1:${(provider.address() as AddressInfo).port}`,
    TRUST_PROXY: '1',
  }
  a = await startServer('kaimen_scale', 3955, env)
  b = spawnServer(3956, { ...env, DATABASE_URL: a.databaseUrl, SEED_DEMO: 'off' })
  await waitFor(b, '/healthz', 240)
}, 420_000)

afterAll(async () => {
  await Promise.all([a?.stop(), b && terminate(b)])
  await store?.close()
  await new Promise((resolve) => provider?.close(resolve))
})

async function concern(
  server: { base: string },
  ids: Awaited<ReturnType<typeof formIds>>,
  key: string,
  mobile: string,
  photo?: Buffer,
) {
  const form = new FormData()
  for (const [name, value] of Object.entries({
    idempotencyKey: key,
    category: String(ids.category),
    district: String(ids.district),
    street: String(ids.street),
    community: String(ids.community),
    title: '路灯不亮需要维修',
    body: `两台服务器共同测试的问题描述，路灯已经坏了很多天，编号 ${key}。`,
    contactName: '测试',
    mobile,
    display: 'masked',
    consent: 'on',
    confirmNew: 'yes',
    confirmPublic: 'yes',
  }))
    form.set(name, value)
  if (photo)
    form.set('photos', new File([new Uint8Array(photo)], 'photo.png', { type: 'image/png' }))
  const response = await fetch(`${server.base}/report/concern`, {
    method: 'POST',
    body: form,
    redirect: 'manual',
    headers: { origin: server.base, 'x-forwarded-for': '203.0.113.7' },
  })
  return response.status === 302 ? 'acknowledged' : `refused ${response.status}`
}

describe('two app servers sharing one database and one object store', () => {
  it('serves from one server a photo uploaded through the other', async () => {
    const ids = await formIds(a)
    const photo = await sharp({
      create: { width: 40, height: 30, channels: 3, background: '#36c' },
    })
      .png()
      .toBuffer()
    expect(await concern(a, ids, `scale-photo-${Date.now()}`, '13900000001', photo)).toBe(
      'acknowledged',
    )
    const [attachment] = await a.query<{ storage_key: string }>(
      `select storage_key from attachments order by id desc limit 1`,
    )
    const served = await fetch(`${b.base}/media/${attachment!.storage_key}`)
    expect(served.status).toBe(200)
    expect(served.headers.get('content-type')).toBe('image/png')
    const image = await sharp(Buffer.from(await served.arrayBuffer())).metadata()
    expect([image.width, image.height]).toEqual([40, 30])
  })

  it('holds one rate limit across both servers', async () => {
    const ids = await formIds(a)
    const outcomes: string[] = []
    // Five per contact per hour: alternating servers must not give each its own five.
    for (let i = 0; i < 8; i++)
      outcomes.push(
        await concern(i % 2 ? b : a, ids, `scale-limit-${Date.now()}-${i}`, '13900000002'),
      )
    expect(outcomes.filter((o) => o === 'acknowledged')).toHaveLength(5)
  })

  it('does each job step once across both servers: every queued email is sent once', async () => {
    const before = sent.length
    await a.query(
      `insert into email_outbox (to_address, template, props, next_attempt_at)
       select 'scale-' || n || '@example.com', 'report-received',
              '{"name":"李女士","title":"路灯不亮","code":"KM-AAAA-BBBB","followUrl":"http://x/f/1"}', now()
       from generate_series(1, 120) n`,
    )
    for (let i = 0; i < 240; i++) {
      const [left] = await a.query<{ n: string }>(
        `select count(*) as n from email_outbox where to_address like 'scale-%' and status = 'pending'`,
      )
      if (Number(left!.n) === 0) break
      await new Promise((r) => setTimeout(r, 500))
    }
    const ours = sent.slice(before).filter((to) => to.startsWith('scale-'))
    expect(ours).toHaveLength(120)
    expect(new Set(ours).size).toBe(120)
  })
})
