import { beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../db/seed'
import { createStaffSession } from '../../app/staff/staff.server'
import { proposeClusters } from '../../app/accountability/topic.server'
import { STAFF_COOKIE } from '../../app/staff/auth.server'
import { setupTestDatabase } from '../support/database'
import { formRequest, getRequest, settle } from '../support/requests'

const database = setupTestDatabase()
const cookies: Record<string, string> = {}

async function cookieOf(email: string) {
  const { db } = database.current
  const user = await db
    .selectFrom('staff_users')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirstOrThrow()
  return `${STAFF_COOKIE}=${encodeURIComponent(await createStaffSession(db, user.id))}`
}

beforeAll(async () => {
  await seed(database.current.db, { demo: true })
  // Seeding twice adds nothing: the accountability demo is marked.
  const before = await database.current.db.selectFrom('duties').select('id').execute()
  await seed(database.current.db, { demo: true })
  expect(await database.current.db.selectFrom('duties').select('id').execute()).toHaveLength(
    before.length,
  )
  cookies.coordinator = await cookieOf('coordinator@kaimen.local')
  cookies.huangpu = await cookieOf('huangpu@kaimen.local')
  cookies.housing = await cookieOf('housing@kaimen.local')
})

describe('focus topics', () => {
  it('proposes the cluster of similar open reports in one street and category', async () => {
    const clusters = await proposeClusters(database.current.db, 'zh-CN')
    const parking = clusters.find((c) => c.reports.some((r) => r.title.includes('停车位')))
    expect(parking).toBeDefined()
    expect(parking!.reports.length).toBeGreaterThanOrEqual(2)
    expect(parking!.areaName).toBe('黄埔街道')
  })

  it('lets the coordinator open a topic whose public page shows combined progress', async () => {
    const { db } = database.current
    const page = await import('../../app/routes/staff.topics')
    const loaded = await page.loader({
      request: getRequest('/staff/topics', cookies.coordinator),
      params: {},
      context: {},
    })
    const duties = loaded.duties.slice(0, 2).map((d) => String(d.id))
    const unit = await db.selectFrom('units').select('id').executeTakeFirstOrThrow()

    const bad = (await page.action({
      request: formRequest(
        '/staff/topics',
        { title: '停车', description: '太短' },
        { cookie: cookies.coordinator },
      ),
      params: {},
      context: {},
    })) as { init: { status: number }; data: { result: { error: Record<string, string[]> } } }
    expect(bad.init.status).toBe(400)
    expect(Object.keys(bad.data.result.error).sort()).toEqual([
      'description',
      'dutyIds',
      'leadUnitId',
      'title',
    ])

    const result = (await page.action({
      request: formRequest(
        '/staff/topics',
        {
          title: '停车难集中整治',
          description: '针对多个社区晚上停车位不够的问题开展集中整治。',
          leadUnitId: String(unit.id),
          dutyIds: duties,
        },
        { cookie: cookies.coordinator },
      ),
      params: {},
      context: {},
    })) as { slug: string }
    expect(result.slug).toMatch(/^\d{4}-[0-9a-f]{8}$/)
    const topic = await import('../../app/routes/topics.$slug')
    const shown = await topic.loader({
      request: getRequest(`/topics/${result.slug}`),
      params: { slug: result.slug },
      context: {},
    })
    expect(shown.topic.duties.map((d) => String(d.id)).sort()).toEqual([...duties].sort())
    expect(shown.topic.progress.total).toBe(2)
    // A duty belongs to one topic at most.
    const again = (await page.action({
      request: formRequest(
        '/staff/topics',
        {
          title: '重复的专题',
          description: '同一事项不能纳入两个专题。',
          leadUnitId: String(unit.id),
          dutyIds: duties[0]!,
        },
        { cookie: cookies.coordinator },
      ),
      params: {},
      context: {},
    })) as { init: { status: number } }
    expect(again.init.status).toBe(409)
    const missing = await settle(() =>
      topic.loader({ request: getRequest('/topics/nope'), params: { slug: 'nope' }, context: {} }),
    )
    expect((missing as Response).status).toBe(404)
  })
})

describe('rule changes', () => {
  it('are recorded by a unit for its own duties only, and listed per unit', async () => {
    const { db } = database.current
    const page = await import('../../app/routes/staff.rules')
    const own = await page.loader({
      request: getRequest('/staff/rules', cookies.huangpu),
      params: {},
      context: {},
    })
    const huangpu = await db
      .selectFrom('units')
      .select('id')
      .where('slug', '=', 'huangpu-street')
      .executeTakeFirstOrThrow()
    const foreign = await db
      .selectFrom('duties')
      .select('id')
      .where('unit_id', '!=', huangpu.id)
      .executeTakeFirstOrThrow()
    const before = await db.selectFrom('rule_changes').select('id').execute()
    const fields = {
      title: '楼道堆物巡查办法',
      action: 'established',
      summary: '每周巡查一次楼道堆物，发现问题24小时内清理。',
      effectiveOn: '2026-12-01',
    }
    // Another unit's duty is refused with 403, as a page (formAction's answer to a 403).
    const refused = await settle(() =>
      page.action({
        request: formRequest(
          '/staff/rules',
          { ...fields, dutyIds: String(foreign.id) },
          { cookie: cookies.huangpu },
        ),
        params: {},
        context: {},
      }),
    )
    expect((refused as Response).status).toBe(403)
    const invalid = (await page.action({
      request: formRequest(
        '/staff/rules',
        { ...fields, documentUrl: 'javascript:alert(1)', dutyIds: String(own.duties[0]!.id) },
        { cookie: cookies.huangpu },
      ),
      params: {},
      context: {},
    })) as {
      init: { status: number }
      data: { result: { error: Record<string, string[]>; initialValue: Record<string, unknown> } }
    }
    expect(invalid.init.status).toBe(400)
    expect(invalid.data.result.error.documentUrl).toEqual(['accountability.rules.badUrl'])
    expect(invalid.data.result.initialValue.title).toBe(fields.title)
    expect(await db.selectFrom('rule_changes').select('id').execute()).toHaveLength(before.length)

    const ok = (await page.action({
      request: formRequest(
        '/staff/rules',
        { ...fields, dutyIds: String(own.duties[0]!.id) },
        { cookie: cookies.huangpu },
      ),
      params: {},
      context: {},
    })) as { id: number }
    expect(ok.id).toBeGreaterThan(0)
    const rules = await import('../../app/routes/rules')
    const list = await rules.loader({
      request: getRequest('/rules?unit=huangpu-street'),
      params: {},
      context: {},
    })
    expect(list.unit?.slug).toBe('huangpu-street')
    expect(list.rules.every((r) => r.unitSlug === 'huangpu-street')).toBe(true)
    expect(list.rules.find((r) => r.id === ok.id)!.duties.map((d) => d.id)).toEqual([
      own.duties[0]!.id,
    ])
    const all = await rules.loader({ request: getRequest('/rules'), params: {}, context: {} })
    expect(new Set(all.rules.map((r) => r.unitSlug)).size).toBeGreaterThan(1)
  })
})

describe('campaign notices', () => {
  it('are published by the coordinator and read by everyone', async () => {
    const page = await import('../../app/routes/staff.notices')
    const published = (await page.action({
      request: formRequest(
        '/staff/notices',
        {
          kind: 'consultation',
          title: '关于征集停车难问题意见的公告',
          body: '欢迎群众就停车难问题提出意见和建议。',
        },
        { cookie: cookies.coordinator },
      ),
      params: {},
      context: {},
    })) as { id: number }
    const list = await (
      await import('../../app/routes/notices._index')
    ).loader({
      request: getRequest('/notices'),
      params: {},
      context: {},
    })
    expect(list.notices[0]!.id).toBe(published.id)
    const one = await (
      await import('../../app/routes/notices.$id')
    ).loader({
      request: getRequest(`/notices/${published.id}`),
      params: { id: String(published.id) },
      context: {},
    })
    expect(one.notice.kind).toBe('consultation')
    const refused = await settle(() =>
      page.action({
        request: formRequest(
          '/staff/notices',
          { kind: 'document', title: 'x', body: 'y' },
          { cookie: cookies.huangpu },
        ),
        params: {},
        context: {},
      }),
    )
    expect((refused as Response).status).toBe(403)
  })
})
