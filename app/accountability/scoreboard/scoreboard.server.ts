import { sql, type Kysely } from 'kysely'
import type { Database } from '../../../db/schema'
import { getEnv } from '../../platform/env.server'
import { cached } from '../../platform/cache.server'
import {
  compareRanking,
  parsePeriod,
  periodChoices,
  rankingScore,
  rate,
  weeksOf,
  type Period,
  type Rates,
} from './rates'
import { chinaToday } from '../../duties/working-days'
import { ratingLevels as ratingLevelList, type RatingLevel } from '../../verdict/rating'
import { campaignStart, syncWorkdayCalendar } from './calendar.server'

export interface Counts {
  reports: number
  assigned: number
  open: number
  resolved: number
  closed: number
  overdue: number
  response: { due: number; met: number }
  onTime: { due: number; met: number }
  reporterRatings: { all: number; satisfied: number }
  publicRatings: { all: number; satisfied: number }
  /** Callbacks (回访) the unit's staff made in the period. */
  callbacks: number
}

export interface UnitScore extends Counts {
  unitId: number
  slug: string
  name: string
  rates: Rates
  score: number | null
  rank: number
}

export interface Scoreboard {
  period: Period
  choices: string[]
  today: string
  totals: Counts & { rates: Rates }
  units: UnitScore[]
  weeks: Array<{ week: string; reports: number; resolved: number }>
  ratingLevels: Array<{ level: RatingLevel; reporter: number; public: number }>
}

function emptyCounts(): Counts {
  return {
    reports: 0,
    assigned: 0,
    open: 0,
    resolved: 0,
    closed: 0,
    overdue: 0,
    response: { due: 0, met: 0 },
    onTime: { due: 0, met: 0 },
    reporterRatings: { all: 0, satisfied: 0 },
    publicRatings: { all: 0, satisfied: 0 },
    callbacks: 0,
  }
}

function ratesOf(c: Counts): Rates {
  return {
    response: rate(c.response.met, c.response.due),
    onTime: rate(c.onTime.met, c.onTime.due),
    satisfaction: rate(c.reporterRatings.satisfied, c.reporterRatings.all),
    publicSatisfaction: rate(c.publicRatings.satisfied, c.publicRatings.all),
  }
}

const n = (v: unknown) => Number(v ?? 0)

/** A China day as the instant it starts. */
const dayStart = (day: string) => sql`(${day}::date::timestamp at time zone 'Asia/Shanghai')`
const chinaDay = (column: string) => sql`(${sql.ref(column)} at time zone 'Asia/Shanghai')::date`

/**
 * Every count behind the scoreboard for one period, by unit, in a handful of grouped queries
 * over indexed ranges (reports_created, duties_created, duties_deadline, ratings_created,
 * callbacks_unit), so a
 * city's million reports stay fast; the public pages also cache the answer briefly.
 */
async function countsByUnit(
  db: Kysely<Database>,
  period: Period,
  today: string,
  unitId: number | null,
): Promise<Map<number, Counts>> {
  const from = dayStart(period.from)
  const to = dayStart(period.to)
  const unitFilter = (column: string) =>
    unitId === null ? sql`true` : sql`${sql.ref(column)} = ${unitId}`
  const [reports, duties, deadlines, ratings, callbacks] = await Promise.all([
    sql<{ unit_id: number; n: string }>`
      select d.unit_id, count(*) as n
      from reports r
      join duty_reports dr on dr.report_id = r.id
      join duties d on d.id = dr.duty_id
      where r.created_at >= ${from} and r.created_at < ${to} and ${unitFilter('d.unit_id')}
      group by d.unit_id`.execute(db),
    sql<Record<string, string> & { unit_id: number }>`
      select unit_id,
        count(*) as assigned,
        count(*) filter (where status in ('assigned', 'in_progress')) as open,
        count(*) filter (where status = 'resolved') as resolved,
        count(*) filter (where status = 'closed') as closed,
        count(*) filter (where status in ('assigned', 'in_progress') and deadline < ${today}::date) as overdue,
        count(*) filter (where first_on is not null or due_on < ${today}::date) as response_due,
        count(*) filter (where first_on is not null and first_on <= due_on) as response_met
      from (
        select d.unit_id, d.status, d.deadline, ${chinaDay('d.first_progress_at')} as first_on,
          w2.day as due_on
        from duties d
        join categories c on c.id = d.category_id
        -- Joins, not a subquery per duty: the planner hashes the small calendar once.
        left join workdays w1 on w1.day = ${chinaDay('d.created_at')}
        left join workdays w2 on w2.workday and w2.idx = w1.idx + c.response_days
        where d.created_at >= ${from} and d.created_at < ${to} and ${unitFilter('d.unit_id')}
      ) facts
      group by unit_id`.execute(db),
    sql<{ unit_id: number; due: string; met: string }>`
      select unit_id, count(*) as due,
        count(*) filter (
          where status in ('resolved', 'closed') and ${chinaDay('resolved_at')} <= deadline
        ) as met
      from duties
      where deadline >= ${period.from}::date and deadline < ${period.to}::date
        and deadline < ${today}::date and ${unitFilter('unit_id')}
      group by unit_id`.execute(db),
    sql<{ unit_id: number; rep_all: string; rep_sat: string; pub_all: string; pub_sat: string }>`
      select d.unit_id,
        count(*) filter (where r.report_id is not null) as rep_all,
        count(*) filter (where r.report_id is not null and r.level >= 3) as rep_sat,
        count(*) filter (where r.report_id is null) as pub_all,
        count(*) filter (where r.report_id is null and r.level >= 3) as pub_sat
      from ratings r join duties d on d.id = r.duty_id
      where r.status = 'valid' and r.created_at >= ${from} and r.created_at < ${to}
        and ${unitFilter('d.unit_id')}
      group by d.unit_id`.execute(db),
    // Per unit over the units table: each count is a range of the callbacks_unit index.
    sql<{ unit_id: number; n: string }>`
      select u.id as unit_id, (
        select count(*) from callbacks c
        where c.unit_id = u.id and c.created_at >= ${from} and c.created_at < ${to}
      ) as n
      from units u where ${unitFilter('u.id')}`.execute(db),
  ])
  const byUnit = new Map<number, Counts>()
  const get = (id: number) => {
    let c = byUnit.get(id)
    if (!c) byUnit.set(id, (c = emptyCounts()))
    return c
  }
  for (const r of reports.rows) get(r.unit_id).reports = n(r.n)
  for (const r of duties.rows) {
    const c = get(r.unit_id)
    c.assigned = n(r.assigned)
    c.open = n(r.open)
    c.resolved = n(r.resolved)
    c.closed = n(r.closed)
    c.overdue = n(r.overdue)
    c.response = { due: n(r.response_due), met: n(r.response_met) }
  }
  for (const r of deadlines.rows) get(r.unit_id).onTime = { due: n(r.due), met: n(r.met) }
  for (const r of ratings.rows) {
    const c = get(r.unit_id)
    c.reporterRatings = { all: n(r.rep_all), satisfied: n(r.rep_sat) }
    c.publicRatings = { all: n(r.pub_all), satisfied: n(r.pub_sat) }
  }
  for (const r of callbacks.rows) if (n(r.n) > 0) get(r.unit_id).callbacks = n(r.n)
  return byUnit
}

function sum(rows: Counts[]): Counts {
  const total = emptyCounts()
  for (const c of rows) {
    total.reports += c.reports
    total.assigned += c.assigned
    total.open += c.open
    total.resolved += c.resolved
    total.closed += c.closed
    total.overdue += c.overdue
    total.response.due += c.response.due
    total.response.met += c.response.met
    total.onTime.due += c.onTime.due
    total.onTime.met += c.onTime.met
    total.reporterRatings.all += c.reporterRatings.all
    total.reporterRatings.satisfied += c.reporterRatings.satisfied
    total.publicRatings.all += c.publicRatings.all
    total.publicRatings.satisfied += c.publicRatings.satisfied
    total.callbacks += c.callbacks
  }
  return total
}

async function weeklyTrend(
  db: Kysely<Database>,
  period: Period,
  unitId: number | null,
): Promise<Scoreboard['weeks']> {
  const from = dayStart(period.from)
  const to = dayStart(period.to)
  const week = (column: string) =>
    sql`date_trunc('week', ${sql.ref(column)} at time zone 'Asia/Shanghai')::date::text`
  const [received, resolved] = await Promise.all([
    unitId === null
      ? sql<{ week: string; n: string }>`
          select ${week('created_at')} as week, count(*) as n from reports
          where created_at >= ${from} and created_at < ${to} and status <> 'merged'
          group by 1`.execute(db)
      : sql<{ week: string; n: string }>`
          select ${week('r.created_at')} as week, count(*) as n
          from reports r join duty_reports dr on dr.report_id = r.id
          join duties d on d.id = dr.duty_id
          where r.created_at >= ${from} and r.created_at < ${to} and d.unit_id = ${unitId}
          group by 1`.execute(db),
    sql<{ week: string; n: string }>`
      select ${week('resolved_at')} as week, count(*) as n from duties
      where resolved_at >= ${from} and resolved_at < ${to}
        and ${unitId === null ? sql`true` : sql`unit_id = ${unitId}`}
      group by 1`.execute(db),
  ])
  const a = new Map(received.rows.map((r) => [r.week, n(r.n)]))
  const b = new Map(resolved.rows.map((r) => [r.week, n(r.n)]))
  return weeksOf(period).map((w) => ({ week: w, reports: a.get(w) ?? 0, resolved: b.get(w) ?? 0 }))
}

async function ratingLevels(
  db: Kysely<Database>,
  period: Period,
  unitId: number | null,
): Promise<Scoreboard['ratingLevels']> {
  const rows = await sql<{ level: number; reporter: boolean; n: string }>`
    select r.level, r.report_id is not null as reporter, count(*) as n
    from ratings r join duties d on d.id = r.duty_id
    where r.status = 'valid' and r.created_at >= ${dayStart(period.from)}
      and r.created_at < ${dayStart(period.to)}
      and ${unitId === null ? sql`true` : sql`d.unit_id = ${unitId}`}
    group by 1, 2`.execute(db)
  return ratingLevelList.map((level) => ({
    level,
    reporter: n(rows.rows.find((r) => r.level === level && r.reporter)?.n),
    public: n(rows.rows.find((r) => r.level === level && !r.reporter)?.n),
  }))
}

async function receivedTotal(db: Kysely<Database>, period: Period): Promise<number> {
  const row = await db
    .selectFrom('reports')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('status', '<>', 'merged')
    .where(
      sql<boolean>`created_at >= ${dayStart(period.from)} and created_at < ${dayStart(period.to)}`,
    )
    .executeTakeFirstOrThrow()
  return n(row.n)
}

/** The period named by `?period=`, or null (the page answers 400). */
export async function resolvePeriod(
  db: Kysely<Database>,
  value: string | null,
  now = new Date(),
): Promise<{ period: Period; choices: string[]; today: string } | null> {
  const today = chinaToday(now)
  const start = await campaignStart(db, today)
  const period = parsePeriod(value, today, start)
  return period ? { period, choices: periodChoices(start, today), today } : null
}

/** The scoreboard of every unit (or one) for a period. */
export async function loadScoreboard(
  db: Kysely<Database>,
  resolved: { period: Period; choices: string[]; today: string },
  options: { unitId?: number; locale: 'zh-CN' | 'en' },
): Promise<Scoreboard> {
  const unitId = options.unitId ?? null
  const key = `public:scoreboard:${resolved.period.key}:${resolved.today}:${unitId ?? 'all'}:${options.locale}`
  return cached(
    key,
    async () => {
      await syncWorkdayCalendar(db)
      const { period, today } = resolved
      const [byUnit, weeks, levels, units, received] = await Promise.all([
        countsByUnit(db, period, today, unitId),
        weeklyTrend(db, period, unitId),
        ratingLevels(db, period, unitId),
        db
          .selectFrom('units')
          .select(['id', 'slug', 'name', 'name_en'])
          .$if(unitId !== null, (q) => q.where('id', '=', unitId!))
          .orderBy('sort_order')
          .execute(),
        unitId === null ? receivedTotal(db, period) : Promise.resolve(null),
      ])
      const scored = units
        .filter((u) => unitId !== null || byUnit.has(u.id))
        .map((u) => {
          const counts = byUnit.get(u.id) ?? emptyCounts()
          const rates = ratesOf(counts)
          return {
            ...counts,
            unitId: u.id,
            slug: u.slug,
            name: options.locale === 'en' ? u.name_en : u.name,
            rates,
            score: rankingScore(rates),
            rank: 0,
          }
        })
        .sort(compareRanking)
      scored.forEach((u, i) => (u.rank = i + 1))
      const totals = sum(scored)
      if (received !== null) totals.reports = received
      return {
        ...resolved,
        totals: { ...totals, rates: ratesOf(totals) },
        units: scored,
        weeks,
        ratingLevels: levels,
      }
    },
    getEnv().SCOREBOARD_SECONDS,
  )
}
