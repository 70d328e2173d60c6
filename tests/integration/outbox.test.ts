import { resetEnv } from '../../app/platform/env.server'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { drainOutbox, queueEmail } from '../../app/platform/outbox.server'
import { setupTestDatabase } from '../support/database'

const database = setupTestDatabase()

/** A stand-in for the Resend API, reached by the real client through RESEND_BASE_URL. */
let provider: http.Server
let failing = true
let hanging = false
const received: Array<{ body: Record<string, unknown>; idempotencyKey: string | undefined }> = []

beforeAll(async () => {
  provider = http.createServer((req, res) => {
    let raw = ''
    req.on('data', (chunk) => (raw += chunk))
    req.on('end', () => {
      if (hanging) return // never answers, like a provider that times out
      if (failing) {
        res.writeHead(500, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ name: 'internal_server_error', message: 'down' }))
        return
      }
      received.push({
        body: JSON.parse(raw),
        idempotencyKey: req.headers['idempotency-key'] as string,
      })
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ id: `email-${received.length}` }))
    })
  })
  await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve))
})

afterAll(async () => {
  delete process.env.RESEND_API_KEY
  delete process.env.RESEND_BASE_URL
  resetEnv()
  provider.closeAllConnections() // the request left hanging on purpose
  await new Promise((resolve) => provider.close(resolve))
})

const props = { name: '李女士', title: '路灯不亮', code: 'KM-AAAA-BBBB', followUrl: 'http://x/f/1' }

describe('email outbox', () => {
  it('keeps emails for local viewing when no provider is configured, once per dedupe key', async () => {
    const { db } = database.current
    await queueEmail(db, {
      to: 'a@example.com',
      template: 'report-received',
      props,
      dedupeKey: 'k1',
    })
    await queueEmail(db, {
      to: 'a@example.com',
      template: 'report-received',
      props,
      dedupeKey: 'k1',
    })
    expect(await drainOutbox(db)).toBe(1)
    const rows = await db.selectFrom('email_outbox').selectAll().execute()
    expect(rows).toHaveLength(1)
    expect(rows[0]!.last_error).toBeNull()
    expect(rows[0]!.status).toBe('kept')
    expect(rows[0]!.subject).toContain('KM-AAAA-BBBB')
    expect(await drainOutbox(db)).toBe(0)
  })

  it('retries with backoff while the provider is down and sends each email once when it returns', async () => {
    const { db } = database.current
    process.env.RESEND_API_KEY = 're_test'
    process.env.RESEND_BASE_URL = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`
    resetEnv()
    await queueEmail(db, { to: 'b@example.com', template: 'report-received', props })
    await queueEmail(db, { to: 'c@example.com', template: 'report-received', props })

    expect(await drainOutbox(db)).toBe(2)
    let pending = await db
      .selectFrom('email_outbox')
      .selectAll()
      .where('status', '=', 'pending')
      .execute()
    expect(pending).toHaveLength(2)
    expect(pending.every((r) => r.attempts === 1 && r.last_error?.includes('down'))).toBe(true)
    expect(pending.every((r) => r.next_attempt_at.getTime() > Date.now() + 20_000)).toBe(true)
    // Not yet due: nothing is tried.
    expect(await drainOutbox(db)).toBe(0)

    failing = false
    await db
      .updateTable('email_outbox')
      .set({ next_attempt_at: new Date(0) })
      .where('status', '=', 'pending')
      .execute()
    expect(await drainOutbox(db)).toBe(2)
    expect(await drainOutbox(db)).toBe(0)
    pending = await db
      .selectFrom('email_outbox')
      .selectAll()
      .where('status', '=', 'pending')
      .execute()
    expect(pending).toHaveLength(0)
    expect(received.map((r) => r.body.to).sort()).toEqual(['b@example.com', 'c@example.com'])
    expect(new Set(received.map((r) => r.idempotencyKey)).size).toBe(2)
  })

  it('gives up on a provider that does not answer and delivers once it does', async () => {
    const { db } = database.current
    process.env.RESEND_API_KEY = 're_test'
    process.env.RESEND_BASE_URL = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`
    process.env.EMAIL_TIMEOUT_MS = '300'
    resetEnv()
    failing = false
    hanging = true
    received.length = 0
    await queueEmail(db, { to: 'd@example.com', template: 'report-received', props })

    expect(await drainOutbox(db)).toBe(1)
    const [row] = await db
      .selectFrom('email_outbox')
      .selectAll()
      .where('to_address', '=', 'd@example.com')
      .execute()
    expect(row!.status).toBe('pending')
    expect(row!.last_error).toContain('timed out')
    expect(received).toHaveLength(0)

    hanging = false
    await db
      .updateTable('email_outbox')
      .set({ next_attempt_at: new Date(0) })
      .where('id', '=', row!.id)
      .execute()
    expect(await drainOutbox(db)).toBe(1)
    expect(received.map((r) => r.body.to)).toEqual(['d@example.com'])
    const sent = await db
      .selectFrom('email_outbox')
      .selectAll()
      .where('id', '=', row!.id)
      .executeTakeFirstOrThrow()
    expect(sent.status).toBe('sent')
    delete process.env.EMAIL_TIMEOUT_MS
    resetEnv()
  })
})
