import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { migrateToLatest, openDatabase } from '../../db/index'
import { migrationProvider } from '../../db/migrations/index'
import { seed } from '../../db/seed'
import { loader as healthz } from '../../app/routes/healthz'
import { loader as home } from '../../app/routes/_index'
import { setupTestDatabase } from '../support/database'

const database = setupTestDatabase()

async function count(table: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(
    database.current.db,
  )
  return Number(rows[0]!.n)
}

describe('database foundation', () => {
  it('runs the migrations again without harm, also twice at once', async () => {
    const { db } = database.current
    await migrateToLatest(db)
    const url = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL
    // On PostgreSQL a second pool is a second "server"; the Migrator's lock serialises them.
    const schema = url
      ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]!.s
      : undefined
    const other = url ? openDatabase({ url, schema }) : undefined
    await Promise.all([migrateToLatest(db), migrateToLatest(other?.db ?? db)])
    await other?.close()
    const { rows } = await sql<{ n: number }>`select count(*) as n from kysely_migration`.execute(
      db,
    )
    expect(Number(rows[0]!.n)).toBe(Object.keys(await migrationProvider.getMigrations()).length)
  })

  it('enforces the domain in the database, not only in code', async () => {
    const { db } = database.current
    await seed(db, { demo: false })
    const category = await db.selectFrom('categories').selectAll().executeTakeFirstOrThrow()
    const area = await db
      .selectFrom('areas')
      .select('id')
      .where('level', '=', 'community')
      .executeTakeFirstOrThrow()
    const base = {
      tracking_code: 'KM-TEST-0001',
      follow_token: 'x'.repeat(22),
      kind: 'concern' as const,
      category_id: category.id,
      area_id: area.id,
      title: '测试问题标题',
      body: '这是一个用于检查约束的问题描述。',
      title_public: '测试问题标题',
      body_public: '这是一个用于检查约束的问题描述。',
      display: 'masked' as const,
    }
    // Nobody to reach: refused.
    await expect(db.insertInto('reports').values(base).execute()).rejects.toThrow(
      /reports_reachable/,
    )
    // Declined without a public reason: refused.
    await expect(
      db
        .insertInto('reports')
        .values({ ...base, contact_mobile: '13800138000', status: 'declined' })
        .execute(),
    ).rejects.toThrow(/reports_declined_reason/)
    // A demand without its company: refused.
    await expect(
      db
        .insertInto('reports')
        .values({ ...base, kind: 'demand', contact_mobile: '13800138000' })
        .execute(),
    ).rejects.toThrow(/reports_demand_company/)
    await expect(count('reports')).resolves.toBe(0)
  })

  it('seeds a believable demo, and seeding twice changes nothing', async () => {
    const { db } = database.current
    await seed(db, { demo: true })
    const before = {
      units: await count('units'),
      areas: await count('areas'),
      reports: await count('reports'),
      duties: await count('duties'),
      staff: await count('staff_users'),
      events: await count('events'),
    }
    await seed(db, { demo: true })
    expect({
      units: await count('units'),
      areas: await count('areas'),
      reports: await count('reports'),
      duties: await count('duties'),
      staff: await count('staff_users'),
      events: await count('events'),
    }).toEqual(before)
    expect(before.units).toBeGreaterThanOrEqual(20)
    expect(before.reports).toBeGreaterThanOrEqual(30)
    const reportStates = await db.selectFrom('reports').select('status').distinct().execute()
    expect(reportStates.map((r) => r.status).sort()).toEqual([
      'accepted',
      'declined',
      'merged',
      'pending',
    ])
    const dutyStates = await db.selectFrom('duties').select('status').distinct().execute()
    expect(dutyStates.map((r) => r.status).sort()).toEqual([
      'assigned',
      'closed',
      'in_progress',
      'resolved',
    ])
    const future = await db
      .selectFrom('events')
      .select('id')
      .where('occurred_at', '>', new Date())
      .execute()
    expect(future).toEqual([])
  })

  it('shows the real numbers on the home page', async () => {
    const response = await home({ request: new Request('http://test/'), params: {}, context: {} })
    const { stats, progress } = response
    expect(stats.reports).toBe((await count('reports')) - 1) // the merged duplicate is not counted
    const open = await database.current.db
      .selectFrom('duties')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', 'in', ['assigned', 'in_progress'])
      .executeTakeFirstOrThrow()
    expect(stats.open).toBe(Number(open.n))
    expect(stats.overdue).toBeGreaterThan(0)
    expect(progress.length).toBeGreaterThan(0)
    expect(progress[0]!.unitName).toMatch(/局|街道|办公室/)
  })

  it('reports the health of the app and its database', async () => {
    const response = await healthz()
    expect(response.status).toBe(200)
    const body = (await response.json()) as { status: string; database: { status: string } }
    expect(body.status).toBe('ok')
    expect(body.database.status).toBe('ok')
  })
})
