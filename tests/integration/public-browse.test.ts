import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../db/seed'
import {
  parseFilters,
  PAGE_SIZE,
  dutyStatusFilters,
  reportStatuses,
} from '../../app/browse/list-query'
import { publicDuty, publicReport } from '../../app/browse/detail.server'
import { listDuties } from '../../app/browse/public-duties.server'
import { listReports } from '../../app/browse/report-list.server'
import { loader as dutiesLoader } from '../../app/routes/duties._index'
import { loader as reportsLoader } from '../../app/routes/reports._index'
import { loader as reportLoader } from '../../app/routes/reports.$id'
import { loader as feedLoader } from '../../app/routes/feeds.$file'
import { loader as dutyFeedLoader } from '../../app/routes/feeds.duties.$file'
import { loader as unitFeedLoader } from '../../app/routes/feeds.units.$file'
import { setupTestDatabase } from '../support/database'
import { getRequest, settle } from '../support/requests'

const database = setupTestDatabase()
const EXTRA = 1200

function duties(query: string) {
  return listDuties(
    database.current.db,
    parseFilters(new URLSearchParams(query), dutyStatusFilters),
    'zh-CN',
  )
}
function reports(query: string) {
  return listReports(
    database.current.db,
    parseFilters(new URLSearchParams(query), reportStatuses),
    'zh-CN',
  )
}

beforeAll(async () => {
  const { db } = database.current
  await seed(db, { demo: true })
  // Enough duties for a deep page: generated in SQL, spread over time, in one unit.
  await sql`
    insert into duties (unit_id, category_id, area_id, title, commitment, leader_name, leader_title,
                        mode, deadline, status, created_at, updated_at)
    select u.id, c.id, null, '批量事项 ' || g, '批量整改措施第' || g || '项', '测试领导', '主任',
           'deadline', (date '2026-01-01' + (g % 300)), 'in_progress',
           now() - make_interval(mins => g * 7), now() - make_interval(mins => g * 3)
    from generate_series(1, ${EXTRA}) g,
         (select id from units where slug = 'housing-bureau') u,
         (select id from categories order by id limit 1) c`.execute(db)
})

describe('public duty list', () => {
  it('walks every page once, newest first, down to a deep page, with the same total', async () => {
    const { db } = database.current
    const all = await db
      .selectFrom('duties')
      .select(['id', 'created_at'])
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute()
    const seen: number[] = []
    let after: string | null = null
    let pages = 0
    let deepStarted = 0
    do {
      const started = performance.now()
      const page = await duties(after ? `after=${after}` : '')
      if (pages === 55) deepStarted = performance.now() - started
      expect(page.total).toBe(all.length)
      expect(page.items.length).toBeLessThanOrEqual(PAGE_SIZE)
      seen.push(...page.items.map((d) => d.id))
      after = page.next
      pages++
    } while (after && pages < 200)
    expect(pages).toBe(Math.ceil(all.length / PAGE_SIZE))
    expect(seen).toEqual(all.map((d) => d.id))
    // A deep page costs what the first does: the cursor seeks, nothing is skipped over.
    expect(deepStarted).toBeLessThan(1000)
  })

  it('keeps every sort stable across pages', async () => {
    for (const sort of ['updated', 'deadline'] as const) {
      const ids: number[] = []
      let after: string | null = null
      for (let i = 0; i < 4; i++) {
        const page = await duties(`sort=${sort}${after ? `&after=${after}` : ''}`)
        ids.push(...page.items.map((d) => d.id))
        after = page.next
      }
      expect(new Set(ids).size).toBe(ids.length)
      expect(ids.length).toBe(PAGE_SIZE * 4)
    }
    const byDeadline = await duties('sort=deadline')
    const deadlines = byDeadline.items.map((d) => d.deadline ?? '9999-12-31')
    expect(deadlines).toEqual([...deadlines].sort())
  })

  it('filters by unit, status, kind, overdue and period, with counts for the filter', async () => {
    const { db } = database.current
    const housing = await duties('unit=housing-bureau')
    expect(housing.total).toBeGreaterThanOrEqual(EXTRA)
    expect(housing.items.every((d) => d.unitSlug === 'housing-bureau')).toBe(true)

    const resolved = await duties('status=resolved')
    const resolvedCount = await db
      .selectFrom('duties')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('status', '=', 'resolved')
      .executeTakeFirstOrThrow()
    expect(resolved.total).toBe(Number(resolvedCount.n))
    expect(resolved.items.every((d) => d.status === 'resolved')).toBe(true)

    const overdue = await duties('overdue=1')
    expect(overdue.total).toBeGreaterThan(0)
    expect(overdue.items.every((d) => d.overdue)).toBe(true)

    const demand = await duties('kind=demand')
    expect(demand.total).toBeGreaterThan(0)
    const concern = await duties('kind=concern')
    expect(demand.total + concern.total).toBe((await duties('')).total)

    const week = await duties('period=week')
    const year = await duties('period=year')
    expect(week.total).toBeLessThan(year.total)

    // Nonsense in the URL is ignored, never an error.
    const junk = await duties('status=evil&unit=../x&category=-1&after=bm90LWEtY3Vyc29y&sort=x')
    expect(junk.total).toBe((await duties('')).total)
  })

  it('finds duties and reports by a few Chinese words', async () => {
    const market = await reports('q=菜市场 垃圾')
    expect(market.items.map((r) => r.title)).toContain('菜市场周边垃圾堆放发臭')
    expect(market.total).toBe(market.items.length)
    const both = await reports('q=电梯')
    expect(both.items.some((r) => r.title.includes('电梯'))).toBe(true)
    expect(both.items.every((r) => `${r.title}${r.excerpt}`.includes('电梯'))).toBe(true)
    const duty = await duties('q=立体停车')
    expect(duty.items.map((d) => d.title)).toEqual(['老旧小区停车位严重不足'])
    const none = await reports('q=完全不存在的词语')
    expect(none.total).toBe(0)
    // LIKE wildcards typed by a reader are literal text.
    expect((await reports('q=%')).total).toBe(0)
    expect((await duties('q=批量整改措施第1199项')).total).toBe(1)
  })

  it('lists reports with their duty, masked names and no private address', async () => {
    const all = await reports('')
    expect(all.total).toBeGreaterThan(30)
    const json = JSON.stringify(all)
    expect(json).not.toMatch(/1380013\d{4}|reporter\d+@example\.com|下沙菜市场后门/)
    const market = (await reports('q=菜市场')).items.find(
      (r) => r.title === '菜市场周边垃圾堆放发臭',
    )!
    expect(market.excerpt).toContain('＊＊＊垃圾每天堆到中午')
    expect(all.items.some((r) => r.reporterName && /^.\*+$/.test(r.reporterName))).toBe(true)
    expect(all.items.some((r) => r.reporterName === null)).toBe(true)
    const accepted = await reports('status=accepted&overdue=1')
    expect(accepted.items.every((r) => r.duty?.overdue)).toBe(true)
  })

  it('serves the list pages and a detail page through their loaders', async () => {
    const page = (await dutiesLoader({
      request: getRequest('/duties?unit=housing-bureau&sort=deadline'),
      params: {},
      context: {},
    })) as Awaited<ReturnType<typeof dutiesLoader>>
    expect(page.filters.unit).toBe('housing-bureau')
    expect(page.page.next).not.toBeNull()
    const list = (await reportsLoader({
      request: getRequest('/reports?q=电梯'),
      params: {},
      context: {},
    })) as Awaited<ReturnType<typeof reportsLoader>>
    expect(list.page.total).toBeGreaterThan(0)
    const missing = await settle(() =>
      reportLoader({
        request: getRequest('/reports/999999'),
        params: { id: '999999' },
        context: {},
      }),
    )
    expect((missing as Response).status).toBe(404)
  })
})

describe('public detail pages', () => {
  it('show a duty’s whole history, unit, leader and linked reports, nothing private', async () => {
    const { db } = database.current
    const row = await db
      .selectFrom('duties')
      .select('id')
      .where('title', '=', '菜市场周边垃圾堆放发臭')
      .executeTakeFirstOrThrow()
    const duty = (await publicDuty(db, row.id, 'zh-CN'))!
    expect(duty.leaderName.length).toBeGreaterThan(0)
    expect(duty.reports.length).toBe(1)
    expect(duty.timeline.map((e) => e.type)).toEqual(
      expect.arrayContaining(['report.submitted', 'duty.assigned', 'duty.resolved', 'duty.closed']),
    )
    const report = (await publicReport(db, duty.reports[0]!.id, 'zh-CN'))!
    expect(report.address).toBeNull()
    expect(report.body).not.toContain('下沙菜市场后门')
    expect(report.duty?.id).toBe(duty.id)
    const text = JSON.stringify([duty, report])
    expect(text).not.toMatch(/1380013\d{4}|reporter\d+@example\.com|下沙菜市场后门/)
  })
})

describe('feeds', () => {
  it('give RSS and Atom for all progress, a unit and a duty, without private details', async () => {
    const { db } = database.current
    const rss = (await feedLoader({
      request: getRequest('/feeds/progress.xml'),
      params: { file: 'progress.xml' },
      context: {},
    })) as Response
    expect(rss.headers.get('content-type')).toContain('application/rss+xml')
    const body = await rss.text()
    expect(body).toContain('<rss')
    expect(body).toContain('/duties/')
    expect(body).not.toMatch(
      /1380013\d{4}|reporter\d+@example\.com|下沙菜市场后门|黄埔东路268号3栋/,
    )

    const unit = (await unitFeedLoader({
      request: getRequest('/feeds/units/huangpu-street.atom'),
      params: { file: 'huangpu-street.atom' },
      context: {},
    })) as Response
    expect(await unit.text()).toContain('<feed')

    const duty = await db.selectFrom('duties').select('id').orderBy('id').executeTakeFirstOrThrow()
    const one = (await dutyFeedLoader({
      request: getRequest(`/feeds/duties/${duty.id}.xml`),
      params: { file: `${duty.id}.xml` },
      context: {},
    })) as Response
    expect(await one.text()).toContain(`/duties/${duty.id}`)

    for (const [run, file] of [
      [feedLoader, 'other.xml'],
      [unitFeedLoader, 'nobody.xml'],
      [dutyFeedLoader, '99999999.atom'],
      [dutyFeedLoader, 'x.rss'],
    ] as const) {
      const answer = await settle(() =>
        run({ request: getRequest(`/feeds/${file}`), params: { file }, context: {} }),
      )
      expect((answer as Response).status).toBe(404)
    }
  })
})
