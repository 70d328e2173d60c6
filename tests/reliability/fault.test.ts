import { execSync } from 'node:child_process'
import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formIds, startServer, submitConcern, type RunningServer } from './server'

let server: RunningServer

beforeAll(async () => {
  server = await startServer('kaimen_fault', 3951)
})

afterAll(async () => {
  await server?.stop()
})

function postgres(action: 'stop' | 'start') {
  const version = fs.readdirSync('/etc/postgresql')[0]
  execSync(`pg_ctlcluster --skip-systemctl-redirect ${version} main ${action}`, {
    stdio: 'inherit',
  })
}

describe('no lost writes when PostgreSQL restarts', () => {
  it('keeps every acknowledged submission and recovers without a restart', async () => {
    const ids = await formIds(server)
    const keys = Array.from(
      { length: 240 },
      (_, i) => `fault-${Date.now()}-${String(i).padStart(4, '0')}`,
    )
    const outcome = new Map<string, string>()
    let next = 0
    let restarted = false
    const worker = async () => {
      while (next < keys.length) {
        const key = keys[next++]!
        if (next === 80 && !restarted) {
          restarted = true
          postgres('stop')
          setTimeout(() => postgres('start'), 2000)
        }
        outcome.set(key, await submitConcern(server, ids, key))
      }
    }
    await Promise.all(Array.from({ length: 6 }, worker))
    expect(restarted).toBe(true)

    // Wait for the database, then retry what failed with the same keys, as a browser would.
    for (let i = 0; i < 60; i++) {
      if ((await fetch(`${server.base}/healthz`)).ok) break
      await new Promise((r) => setTimeout(r, 500))
    }
    const failed = [...outcome].filter(([, o]) => o === 'failed').map(([k]) => k)
    console.log(
      `during the restart: ${failed.length} of ${keys.length} submissions failed and are retried`,
    )
    for (const key of failed) outcome.set(key, await submitConcern(server, ids, key))

    const acknowledged = [...outcome].filter(([, o]) => o === 'acknowledged').map(([k]) => k)
    expect(acknowledged).toHaveLength(keys.length)
    const rows = await server.query<{ key: string; n: string }>(
      `select idempotency_key as key, count(*) as n from reports where idempotency_key = any($1) group by 1`,
      [acknowledged],
    )
    expect(rows).toHaveLength(acknowledged.length)
    expect(rows.every((r) => Number(r.n) === 1)).toBe(true)
    // Each acknowledged report has its event and its receipt queued (one transaction).
    const [events] = await server.query<{ n: string }>(
      `select count(*) as n from events e join reports r on r.id = e.report_id
       where r.idempotency_key = any($1) and e.type = 'report.submitted'`,
      [acknowledged],
    )
    expect(Number(events!.n)).toBe(acknowledged.length)
  })
})
