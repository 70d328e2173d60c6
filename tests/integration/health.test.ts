import { resetEnv } from '../../app/platform/env.server'
import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { loader as live } from '../../app/routes/healthz.live'
import { loader as ready } from '../../app/routes/healthz.ready'
import { setupTestDatabase } from '../support/database'

const database = setupTestDatabase()

async function probe() {
  const response = await ready()
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

afterEach(async () => {
  process.env.WORKER = 'off'
  resetEnv()
  await database.current.db.deleteFrom('email_outbox').execute()
})

describe('health probes for a load balancer', () => {
  it('is live without asking the database', async () => {
    const response = live()
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: 'live' })
  })

  it('is ready on a reachable, migrated database with a drained outbox', async () => {
    expect(await probe()).toMatchObject({
      status: 200,
      body: { status: 'ready', database: 'ok', pendingMigrations: [], stuckEmails: 0 },
    })
  })

  it('is not ready while a migration of this code has not run', async () => {
    const { db } = database.current
    const last = await db
      .selectFrom('kysely_migration' as never)
      .select(sql<string>`name`.as('name'))
      .orderBy(sql`name`, 'desc')
      .limit(1)
      .executeTakeFirstOrThrow()
    await sql`delete from kysely_migration where name = ${last.name}`.execute(db)
    try {
      expect(await probe()).toMatchObject({
        status: 503,
        body: { status: 'not ready', pendingMigrations: [last.name] },
      })
    } finally {
      await sql`insert into kysely_migration (name, timestamp) values (${last.name}, now()::text)`.execute(
        db,
      )
    }
    expect((await probe()).status).toBe(200)
  })

  it('is not ready when a due email has waited past the limit and this instance runs the jobs', async () => {
    process.env.WORKER = 'on'
    resetEnv()
    const { db } = database.current
    await db
      .insertInto('email_outbox')
      .values({
        to_address: 'someone@example.com',
        template: 'report-received',
        props: '{}',
        next_attempt_at: sql`now() - interval '11 minutes'`,
      })
      .execute()
    expect(await probe()).toMatchObject({ status: 503, body: { stuckEmails: 1 } })

    // An instance without the worker reports it but stays in the pool.
    process.env.WORKER = 'off'
    resetEnv()
    expect(await probe()).toMatchObject({ status: 200, body: { stuckEmails: 1 } })

    // A row due for less than the limit is just waiting its turn.
    await db
      .updateTable('email_outbox')
      .set({ next_attempt_at: sql`now() - interval '1 minute'` })
      .execute()
    process.env.WORKER = 'on'
    resetEnv()
    expect((await probe()).status).toBe(200)
  })
})
