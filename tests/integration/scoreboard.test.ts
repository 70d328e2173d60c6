import { describe, expect, it } from 'vitest'
import { seed } from '../../db/seed'
import {
  computeRates,
  type DutyFacts,
  type RatingFacts,
} from '../../app/accountability/scoreboard/rates'
import {
  loadScoreboard,
  resolvePeriod,
} from '../../app/accountability/scoreboard/scoreboard.server'
import { scoreboardView } from '../../app/accountability/scoreboard/scoreboard-view.server'
import { addWorkingDays, chinaToday } from '../../app/duties/working-days'
import { setupTestDatabase } from '../support/database'
import { getRequest } from '../support/requests'

const database = setupTestDatabase()

describe('scoreboard queries', () => {
  it('give, per unit, exactly the rates the plain definitions give', async () => {
    const { db } = database.current
    await seed(db, { demo: true })
    const resolved = (await resolvePeriod(db, 'campaign'))!
    const board = await loadScoreboard(db, resolved, { locale: 'zh-CN' })
    expect(board.units.length).toBeGreaterThan(3)

    const duties = await db
      .selectFrom('duties as d')
      .innerJoin('categories as c', 'c.id', 'd.category_id')
      .select([
        'd.unit_id',
        'd.status',
        'd.deadline',
        'd.created_at',
        'd.first_progress_at',
        'd.resolved_at',
        'c.response_days',
      ])
      .execute()
    const ratings = await db
      .selectFrom('ratings as r')
      .innerJoin('duties as d', 'd.id', 'r.duty_id')
      .select(['d.unit_id', 'r.level', 'r.report_id', 'r.created_at'])
      .where('r.status', '=', 'valid')
      .execute()
    const day = (d: Date | null) => (d ? chinaToday(d) : null)
    let checked = 0
    for (const unit of board.units) {
      const facts: DutyFacts[] = duties
        .filter((d) => d.unit_id === unit.unitId)
        .map((d) => ({
          status: d.status,
          assignedOn: day(d.created_at)!,
          responseDueOn: addWorkingDays(day(d.created_at)!, d.response_days),
          firstProgressOn: day(d.first_progress_at),
          deadline: d.deadline,
          resolvedOn: day(d.resolved_at),
        }))
      const rated: RatingFacts[] = ratings
        .filter((r) => r.unit_id === unit.unitId)
        .map((r) => ({
          level: r.level,
          reporter: r.report_id !== null,
          ratedOn: day(r.created_at)!,
        }))
      const expected = computeRates(facts, rated, board.period, board.today)
      expect(unit.rates, unit.slug).toEqual(expected)
      if (expected.onTime !== null && expected.response !== null) checked++
    }
    expect(checked).toBeGreaterThan(0)
    // The demo has late work, so not every rate is perfect.
    expect(board.units.some((u) => u.rates.onTime !== null && u.rates.onTime < 1)).toBe(true)
    expect(board.totals.rates.satisfaction).not.toBeNull()
  })

  it('renders every chart as SVG with its data table, and refuses an unknown period', async () => {
    const { db } = database.current
    const view = (await scoreboardView(db, null, 'zh-CN'))!
    for (const chart of Object.values(view.charts)) {
      expect(chart.svg).toMatch(/^<svg [^>]*role="img"/)
      // Served as an image, the drawing must be well-formed XML or the browser shows nothing.
      expect(malformedTags(chart.svg)).toEqual([])
      expect(chart.rows.length).toBeGreaterThan(0)
    }
    expect(malformedTags('<svg><text style="font-family:"A", sans-serif">x</text></svg>')).toEqual([
      '<text style="font-family:"A", sans-serif">',
    ])
    expect(await scoreboardView(db, '2026-13', 'zh-CN')).toBeNull()
    const { loader } = await import('../../app/routes/scoreboard')
    const bad = await loader({
      request: getRequest('/scoreboard?period=nope'),
      params: {},
      context: {},
    }).catch((e: unknown) => e)
    expect((bad as Response).status).toBe(400)
    const ok = await loader({
      request: getRequest('/scoreboard?period=2026-Q4'),
      params: {},
      context: {},
    })
    expect(ok.view.period).toBe('2026-Q4')
    // Each chart travels once, as an image the page links; the loader data holds no SVG.
    expect(JSON.stringify(ok)).not.toContain('<svg')
    const { loader: chartLoader } = await import('../../app/routes/charts.$name')
    const chart = (path: string, name: string, headers?: Record<string, string>) =>
      chartLoader({
        request: new Request(new URL(path, 'http://localhost'), { headers }),
        params: { name },
        context: {},
      }).catch((e: unknown) => e as Response)
    const image = await chart(ok.view.charts.status.src, 'status.svg')
    expect(image.status).toBe(200)
    expect(await image.text()).toMatch(/^<svg [^>]*role="img"/)
    const again = await chart(ok.view.charts.status.src, 'status.svg', {
      'if-none-match': image.headers.get('etag')!,
    })
    expect(again.status).toBe(304)
    expect((await chart('/charts/secret.svg?lang=en', 'secret.svg')).status).toBe(404)
    expect((await chart('/charts/trend.svg?lang=fr', 'trend.svg')).status).toBe(400)
  })

  it('is empty, not zero, in a period with nothing in it', async () => {
    const { db } = database.current
    const view = (await scoreboardView(db, '2025-01', 'en'))!
    expect(view.units).toEqual([])
    expect(view.totals.response.value).toBeNull()
    expect(view.totals.satisfaction.value).toBeNull()
  })
})

/** The tags of an XML text whose attributes are not each one double-quoted, escaped value. */
function malformedTags(xml: string): string[] {
  const value = '"[^"<&]*(?:&(?:#\\d+|#x[\\da-f]+|\\w+);[^"<&]*)*"'
  const tag = new RegExp(`^</?[\\w:-]+(?:\\s+[\\w:-]+=${value})*\\s*/?>$`, 'i')
  const markup = xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '')
  return (markup.match(/<[^>]*>/g) ?? []).filter((t) => !tag.test(t))
}
