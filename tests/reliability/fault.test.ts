import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formIds, startServer, submitConcern, type RunningServer } from './server'

/**
 * A PostgreSQL cluster of this test's own (never the shared one on 5432), restarted three ways
 * while submissions and page reads run. Needs root (pg_createcluster) like CI.
 */
const VERSION = fs.readdirSync('/etc/postgresql')[0]!
const CLUSTER = 'kaimen_fault'
const PORT = 5499
let server: RunningServer

function cluster(...args: string[]) {
  execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', VERSION, CLUSTER, ...args], {
    stdio: 'inherit',
  })
}

function dropCluster() {
  try {
    execFileSync('pg_dropcluster', ['--stop', VERSION, CLUSTER], { stdio: 'ignore' })
  } catch {
    // not there
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

beforeAll(async () => {
  dropCluster()
  execFileSync(
    'pg_createcluster',
    [VERSION, CLUSTER, '-p', String(PORT), '--', '--auth-local=trust', '--auth-host=trust'],
    { stdio: 'ignore' },
  )
  cluster('start')
  server = await startServer(
    'kaimen_fault',
    3951,
    {},
    `postgres://postgres@127.0.0.1:${PORT}/postgres`,
  )
})

afterAll(async () => {
  await server?.stop()
  dropCluster()
})

const outages = {
  restart: () => cluster('restart'),
  'stop, then start': async () => {
    cluster('stop')
    await sleep(3000)
    cluster('start')
  },
  'immediate stop, then start': async () => {
    cluster('stop', '-m', 'immediate')
    await sleep(1000)
    cluster('start')
  },
} satisfies Record<string, () => unknown>

describe('PostgreSQL restarts under load', () => {
  it.each(Object.keys(outages) as Array<keyof typeof outages>)(
    '%s: the server lives on, is ready within seconds, and keeps every acknowledged submission',
    async (name) => {
      const ids = await formIds(server)
      // Submissions wait on this lock inside their transactions, so when the database goes,
      // the server holds checked-out clients: the case that used to crash it.
      const holder = new pg.Client({ connectionString: server.databaseUrl })
      holder.on('error', () => {})
      await holder.connect()
      await holder.query('begin')
      await holder.query('lock table reports in share mode')

      const outcome = new Map<string, string>()
      const reads: number[] = []
      let n = 0
      let running = true
      const submitter = async () => {
        while (running) {
          const key = `fault-${name.replace(/\W+/g, '-')}-${Date.now()}-${n++}`
          outcome.set(key, 'pending')
          outcome.set(key, await submitConcern(server, ids, key))
        }
      }
      const reader = async () => {
        while (running) {
          try {
            const response = await fetch(`${server.base}/reports`)
            await response.arrayBuffer()
            reads.push(response.status)
          } catch {
            reads.push(0)
          }
        }
      }
      const load = [...Array.from({ length: 6 }, submitter), reader(), reader()]

      for (let i = 0; ; i++) {
        // Asked from another connection: a transaction sees pg_stat_activity frozen at its start.
        const rows = await server.query<{ n: number }>(
          `select count(*)::int as n from pg_stat_activity
           where datname = current_database() and wait_event_type = 'Lock'`,
        )
        if (rows[0]!.n >= 4) break
        if (i > 600) throw new Error('the submissions never reached the lock')
        await sleep(100)
      }
      await outages[name]()
      const back = Date.now()
      for (let i = 0; ; i++) {
        try {
          if ((await fetch(`${server.base}/healthz/ready`)).ok) break
        } catch {
          // the server must not be down; checked below
        }
        if (i > 100) break
        await sleep(100)
      }
      const readyAfter = (Date.now() - back) / 1000
      await sleep(1000)
      running = false
      await Promise.all(load)
      await holder.end().catch(() => {})
      console.log(
        `${name}: ready ${readyAfter} s after PostgreSQL returned; ${outcome.size} submissions, ` +
          `${[...outcome.values()].filter((o) => o === 'failed').length} failed during the outage`,
      )

      expect(server.process.child.exitCode).toBe(null)
      expect(readyAfter).toBeLessThan(10)
      expect((await fetch(`${server.base}/reports`)).status).toBe(200)

      // Retry what failed with the same keys, as a browser would: each is stored once.
      for (const [key, o] of outcome)
        if (o !== 'acknowledged') outcome.set(key, await submitConcern(server, ids, key))
      const keys = [...outcome.keys()]
      expect([...outcome.values()].every((o) => o === 'acknowledged')).toBe(true)
      const rows = await server.query<{ key: string; n: string }>(
        `select idempotency_key as key, count(*) as n from reports where idempotency_key = any($1) group by 1`,
        [keys],
      )
      expect(rows).toHaveLength(keys.length)
      expect(rows.every((r) => Number(r.n) === 1)).toBe(true)
      // Each acknowledged report has its event (one transaction).
      const [events] = await server.query<{ n: string }>(
        `select count(*) as n from events e join reports r on r.id = e.report_id
         where r.idempotency_key = any($1) and e.type = 'report.submitted'`,
        [keys],
      )
      expect(Number(events!.n)).toBe(keys.length)
    },
  )
})
