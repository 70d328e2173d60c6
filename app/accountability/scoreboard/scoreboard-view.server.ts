import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema'
import { translator, type Locale } from '../../platform/i18n'
import { chartSize, ratingsChart, statusChart, trendChart } from './charts.server'
import { formatRate, type Rates } from './rates'
import { getEnv } from '../../platform/env.server'
import { cached } from '../../platform/cache.server'
import { loadScoreboard, resolvePeriod, type Counts, type Scoreboard } from './scoreboard.server'

export interface RateView {
  value: string | null
  met: number
  due: number
}

export interface ChartView {
  svg: string
  caption: string
  columns: string[]
  rows: Array<Array<string | number>>
}

export interface CountsView {
  reports: number
  assigned: number
  open: number
  resolved: number
  overdue: number
  callbacks: number
  response: RateView
  onTime: RateView
  satisfaction: RateView
  publicSatisfaction: RateView
}

export const chartNames = ['trend', 'status', 'ratings'] as const
export type ChartName = (typeof chartNames)[number]

export interface ScoreboardView {
  period: string
  periodLabel: string
  choices: Array<{ value: string; label: string }>
  totals: CountsView
  units: Array<CountsView & { rank: number; slug: string; name: string; score: string | null }>
  charts: Record<ChartName, ChartView>
}

/**
 * A chart as a page carries it: the drawing is an image at `src`, so it travels once; its size
 * as drawn keeps the page from jumping while it loads.
 */
export type PageChartView = Omit<ChartView, 'svg'> & { src: string } & typeof chartSize
export type PageScoreboardView = Omit<ScoreboardView, 'charts'> & {
  charts: Record<ChartName, PageChartView>
}

/**
 * The view a page's loader returns: each chart's SVG is replaced by the address of its image
 * (/charts/<name>.svg), so it is not sent a second time in the loader data (issue 16). The
 * caption and data table stay in the page as text.
 */
export function forPage(view: ScoreboardView, locale: Locale, unitId?: number): PageScoreboardView {
  const query = new URLSearchParams({ period: view.period, lang: locale })
  if (unitId !== undefined) query.set('unit', String(unitId))
  const charts = {} as Record<ChartName, PageChartView>
  for (const name of chartNames) {
    const { svg: _svg, ...chart } = view.charts[name]
    charts[name] = { ...chart, ...chartSize, src: `/charts/${name}.svg?${query}` }
  }
  return { ...view, charts }
}

/** One chart's SVG for /charts/<name>.svg, from the same kept view as the page; null if none. */
export async function chartSvg(
  db: Kysely<Database>,
  name: ChartName,
  period: string | null,
  locale: Locale,
  unitId?: number,
): Promise<string | null> {
  const view =
    unitId === undefined
      ? await scoreboardView(db, period, locale)
      : await unitScoreboardView(db, unitId, period, locale)
  return view?.charts[name].svg ?? null
}

export function periodLabel(key: string, locale: Locale): string {
  const t = translator(locale)
  if (key === 'campaign') return t('accountability.scoreboard.campaign')
  const [year, part] = key.split('-') as [string, string]
  if (part.startsWith('Q'))
    return t('accountability.scoreboard.quarter', { year, q: part.slice(1) })
  return t('accountability.scoreboard.month', { year, month: Number(part) })
}

function countsView(c: Counts, rates: Rates): CountsView {
  return {
    reports: c.reports,
    assigned: c.assigned,
    open: c.open,
    resolved: c.resolved + c.closed,
    overdue: c.overdue,
    callbacks: c.callbacks,
    response: { value: formatRate(rates.response), ...c.response },
    onTime: { value: formatRate(rates.onTime), ...c.onTime },
    satisfaction: {
      value: formatRate(rates.satisfaction),
      met: c.reporterRatings.satisfied,
      due: c.reporterRatings.all,
    },
    publicSatisfaction: {
      value: formatRate(rates.publicSatisfaction),
      met: c.publicRatings.satisfied,
      due: c.publicRatings.all,
    },
  }
}

function charts(board: Scoreboard, locale: Locale, scope: string): ScoreboardView['charts'] {
  const t = translator(locale)
  const received = t('accountability.charts.received')
  const resolved = t('accountability.charts.resolved')
  const trendCaption = t('accountability.charts.trend', { scope })
  const trend: ChartView = {
    caption: trendCaption,
    svg: trendChart(
      trendCaption,
      board.weeks.map((w) => w.week),
      [
        { name: received, data: board.weeks.map((w) => w.reports) },
        { name: resolved, data: board.weeks.map((w) => w.resolved) },
      ],
    ),
    columns: [t('accountability.charts.week'), received, resolved],
    rows: board.weeks.map((w) => [w.week, w.reports, w.resolved]),
  }
  const c = board.totals
  const slices = [
    { name: t('accountability.charts.statusOpen'), value: c.open - c.overdue },
    { name: t('accountability.charts.statusOverdue'), value: c.overdue },
    { name: t('accountability.charts.statusResolved'), value: c.resolved },
    { name: t('accountability.charts.statusClosed'), value: c.closed },
  ]
  const statusCaption = t('accountability.charts.status', { scope })
  const status: ChartView = {
    caption: statusCaption,
    svg: statusChart(statusCaption, slices),
    columns: [t('accountability.charts.statusColumn'), t('accountability.charts.count')],
    rows: slices.map((s) => [s.name, s.value]),
  }
  const levels = board.ratingLevels.map((l) => t(`timeline.levels.${l.level}`))
  const reporters = t('accountability.charts.reporters')
  const publicName = t('accountability.charts.public')
  const ratingsCaption = t('accountability.charts.ratings', { scope })
  const ratings: ChartView = {
    caption: ratingsCaption,
    svg: ratingsChart(ratingsCaption, levels, [
      { name: reporters, data: board.ratingLevels.map((l) => l.reporter) },
      { name: publicName, data: board.ratingLevels.map((l) => l.public) },
    ]),
    columns: [t('accountability.charts.level'), reporters, publicName],
    rows: board.ratingLevels.map((l, i) => [levels[i]!, l.reporter, l.public]),
  }
  return { trend, status, ratings }
}

/**
 * Everything the scoreboard shows, ready to render: counts, formatted rates, ranking and the
 * three charts as SVG. Null when `period` names no period.
 */
export async function scoreboardView(
  db: Kysely<Database>,
  period: string | null,
  locale: Locale,
  unit?: { id: number; name: string },
): Promise<ScoreboardView | null> {
  const resolved = await resolvePeriod(db, period)
  if (!resolved) return null
  // Drawing the charts costs more than reading the figures: the finished view is kept as long
  // as the figures are.
  const key = `public:scoreboard-view:${resolved.period.key}:${resolved.today}:${unit?.id ?? 'all'}:${locale}`
  return cached(
    key,
    async () => {
      const board = await loadScoreboard(db, resolved, { unitId: unit?.id, locale })
      return render(board, locale, unit)
    },
    getEnv().SCOREBOARD_SECONDS,
  )
}

function render(
  board: Scoreboard,
  locale: Locale,
  unit?: { id: number; name: string },
): ScoreboardView {
  const label = periodLabel(board.period.key, locale)
  const scope = unit ? `${unit.name} · ${label}` : label
  return {
    period: board.period.key,
    periodLabel: label,
    choices: board.choices.map((value) => ({ value, label: periodLabel(value, locale) })),
    totals: countsView(board.totals, board.totals.rates),
    units: board.units.map((u) => ({
      ...countsView(u, u.rates),
      rank: u.rank,
      slug: u.slug,
      name: u.name,
      score: formatRate(u.score),
    })),
    charts: charts(board, locale, scope),
  }
}

/** One unit's scoreboard, for its public page (/units/:slug). */
export async function unitScoreboardView(
  db: Kysely<Database>,
  unitId: number,
  period: string | null,
  locale: Locale,
): Promise<ScoreboardView | null> {
  const unit = await db
    .selectFrom('units')
    .select(['id', 'name', 'name_en'])
    .where('id', '=', unitId)
    .executeTakeFirst()
  if (!unit) return null
  return scoreboardView(db, period, locale, {
    id: unit.id,
    name: locale === 'en' ? unit.name_en : unit.name,
  })
}
