import autocannon from 'autocannon'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formIds, startServer, type RunningServer } from './server'

const SECONDS = Number(process.env.LOAD_SECONDS ?? 60)
const CONNECTIONS = 16
let server: RunningServer

beforeAll(async () => {
  server = await startServer('kaimen_load', 3952)
})

afterAll(async () => {
  await server?.stop()
})

describe(`bounded load: ${SECONDS} s at ${CONNECTIONS} + 4 connections on loopback`, () => {
  it('serves the public pages and takes submissions with no 5xx and nothing lost', async () => {
    const ids = await formIds(server)
    const pages = ['/', '/report', '/report/concern', '/report/demand', '/track']
    let n = 0
    const run = (options: autocannon.Options) =>
      new Promise<autocannon.Result>((resolve, reject) =>
        autocannon(options, (e, r) => (e ? reject(e) : resolve(r))),
      )
    const [reads, writes] = await Promise.all([
      run({
        url: server.base,
        connections: CONNECTIONS,
        duration: SECONDS,
        requests: pages.map((path) => ({ method: 'GET', path })),
      }),
      run({
        url: server.base,
        connections: 4,
        duration: SECONDS,
        requests: [
          {
            method: 'POST',
            path: '/report/concern',
            headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.base },
            setupRequest: (req) => ({
              ...req,
              body: new URLSearchParams({
                idempotencyKey: `load-${String(++n).padStart(8, '0')}-${process.pid}`,
                category: String(ids.category),
                district: String(ids.district),
                street: String(ids.street),
                community: String(ids.community),
                title: '路灯不亮需要维修',
                body: '负载测试提交的问题描述，路灯已经坏了很多天，晚上很黑。',
                contactName: '测试',
                mobile: '13900000000',
                display: 'masked',
                consent: 'on',
                confirmNew: 'yes',
                confirmPublic: 'yes',
              }).toString(),
            }),
          },
        ],
      }),
    ])
    const codes = (r: autocannon.Result) =>
      r.statusCodeStats as unknown as Record<string, { count: number }>
    const count = (r: autocannon.Result, prefix: string) =>
      Object.entries(codes(r))
        .filter(([code]) => code.startsWith(prefix))
        .reduce((sum, [, v]) => sum + v.count, 0)
    console.log(
      `reads: ${reads.requests.total} requests, ${Math.round(reads.requests.average)}/s, p50 ${reads.latency.p50} ms, p97.5 ${reads.latency.p97_5} ms, p99 ${reads.latency.p99} ms`,
    )
    console.log(
      `submissions: ${writes.requests.total} requests, ${Math.round(writes.requests.average)}/s, p50 ${writes.latency.p50} ms, p99 ${writes.latency.p99} ms`,
    )
    expect(count(reads, '5') + count(writes, '5')).toBe(0)
    expect(count(reads, '2')).toBe(reads.requests.total)
    expect(reads.errors + writes.errors).toBe(0)
    const acknowledged = count(writes, '302')
    expect(acknowledged).toBeGreaterThan(0)
    const [stored] = await server.query<{ n: string }>(
      `select count(*) as n from reports where idempotency_key like 'load-%'`,
    )
    // Every acknowledged submission is stored; at most one per connection was still in flight
    // (stored, but unanswered) when the run stopped.
    expect(Number(stored!.n)).toBeGreaterThanOrEqual(acknowledged)
    expect(Number(stored!.n)).toBeLessThanOrEqual(acknowledged + 4)
  })
})
