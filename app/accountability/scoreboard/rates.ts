import type { DutyStatus } from '../../../db/schema'
import { nextDay } from '../../duties/working-days'

/**
 * The three rates (三率) of the public scoreboard, defined once on plain facts so the
 * definitions can be read and tested by hand; scoreboard.server.ts computes the same in SQL.
 * Days are China dates 'YYYY-MM-DD'; a period is [from, to).
 */

export type PeriodKind = 'month' | 'quarter' | 'campaign'

export interface Period {
  kind: PeriodKind
  /** As in the query string: '2026-11', '2026-Q4' or 'campaign'. */
  key: string
  from: string
  /** Exclusive. */
  to: string
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/
const QUARTER = /^(\d{4})-Q([1-4])$/

function monthStart(year: number, month: number): string {
  const y = year + Math.floor((month - 1) / 12)
  const m = ((month - 1) % 12) + 1
  return `${y}-${String(m).padStart(2, '0')}-01`
}

/** The period a `?period=` value names, or null when it names none. */
export function parsePeriod(
  value: string | null | undefined,
  today: string,
  campaignStart: string,
): Period | null {
  if (!value || value === 'campaign') {
    const from = campaignStart < today ? campaignStart : today
    return { kind: 'campaign', key: 'campaign', from, to: nextDay(today) }
  }
  const month = MONTH.exec(value)
  if (month) {
    const [y, m] = [Number(month[1]), Number(month[2])]
    if (y < 2000 || y > 2100) return null
    return { kind: 'month', key: value, from: monthStart(y, m), to: monthStart(y, m + 1) }
  }
  const quarter = QUARTER.exec(value)
  if (quarter) {
    const [y, q] = [Number(quarter[1]), Number(quarter[2])]
    if (y < 2000 || y > 2100) return null
    const first = (q - 1) * 3 + 1
    return { kind: 'quarter', key: value, from: monthStart(y, first), to: monthStart(y, first + 3) }
  }
  return null
}

export function inPeriod(day: string, period: Pick<Period, 'from' | 'to'>): boolean {
  return day >= period.from && day < period.to
}

/** The periods offered for choice: the campaign, its quarters and its months, newest first. */
export function periodChoices(campaignStart: string, today: string): string[] {
  const choices = ['campaign']
  const [sy, sm] = campaignStart.split('-').map(Number) as [number, number]
  const [ty, tm] = today.split('-').map(Number) as [number, number]
  const quarters: string[] = []
  const months: string[] = []
  for (let y = ty, m = tm; y > sy || (y === sy && m >= sm); m === 1 ? (y--, (m = 12)) : m--) {
    months.push(`${y}-${String(m).padStart(2, '0')}`)
    const q = `${y}-Q${Math.floor((m - 1) / 3) + 1}`
    if (!quarters.includes(q)) quarters.push(q)
    if (months.length >= 24) break
  }
  return [...choices, ...quarters, ...months]
}

/** A share, or null when nothing was counted (shown as “no data”, never as 0 %). */
export function rate(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null
}

export interface DutyFacts {
  status: DutyStatus
  /** The day the duty was assigned. */
  assignedOn: string
  /** The last day for a first progress update: assignedOn + the category's response limit in working days. */
  responseDueOn: string
  firstProgressOn: string | null
  deadline: string | null
  /** The day of the current resolution; null while open (a reopened duty loses it). */
  resolvedOn: string | null
}

/**
 * Response rate: of the duties assigned in the period whose response is due (the limit has
 * passed, or they already answered), those with a first progress update within the limit.
 */
export function responseCounts(duties: DutyFacts[], period: Period, today: string) {
  let due = 0
  let met = 0
  for (const d of duties) {
    if (!inPeriod(d.assignedOn, period)) continue
    if (d.firstProgressOn === null && d.responseDueOn >= today) continue
    due++
    if (d.firstProgressOn !== null && d.firstProgressOn <= d.responseDueOn) met++
  }
  return { due, met }
}

/**
 * On-time rate: of the duties whose deadline fell in the period and has passed, those resolved
 * (resolved or closed) by it. A reopened duty counts only once resolved again, against its
 * current deadline.
 */
export function onTimeCounts(duties: DutyFacts[], period: Period, today: string) {
  let due = 0
  let met = 0
  for (const d of duties) {
    if (d.deadline === null || !inPeriod(d.deadline, period) || d.deadline >= today) continue
    due++
    if (isResolved(d.status) && d.resolvedOn !== null && d.resolvedOn <= d.deadline) met++
  }
  return { due, met }
}

export function isResolved(status: DutyStatus): boolean {
  return status === 'resolved' || status === 'closed'
}

export interface RatingFacts {
  /** 5 非常满意 … 1 非常不满意 */
  level: number
  /** A reporter's rating, as opposed to one of the verified public. */
  reporter: boolean
  ratedOn: string
}

/** 非常满意, 满意 and 基本满意 count as satisfied. */
export function isSatisfied(level: number): boolean {
  return level >= 3
}

/** Satisfaction rate: satisfied reporter ratings among all reporter ratings given in the period; the public's apart. */
export function satisfactionCounts(ratings: RatingFacts[], period: Period) {
  const counts = { reporter: { all: 0, satisfied: 0 }, public: { all: 0, satisfied: 0 } }
  for (const r of ratings) {
    if (!inPeriod(r.ratedOn, period)) continue
    const side = r.reporter ? counts.reporter : counts.public
    side.all++
    if (isSatisfied(r.level)) side.satisfied++
  }
  return counts
}

export interface Rates {
  response: number | null
  onTime: number | null
  satisfaction: number | null
  publicSatisfaction: number | null
}

export function computeRates(
  duties: DutyFacts[],
  ratings: RatingFacts[],
  period: Period,
  today: string,
): Rates {
  const response = responseCounts(duties, period, today)
  const onTime = onTimeCounts(duties, period, today)
  const satisfaction = satisfactionCounts(ratings, period)
  return {
    response: rate(response.met, response.due),
    onTime: rate(onTime.met, onTime.due),
    satisfaction: rate(satisfaction.reporter.satisfied, satisfaction.reporter.all),
    publicSatisfaction: rate(satisfaction.public.satisfied, satisfaction.public.all),
  }
}

/**
 * The ranking score: the mean of the three rates a unit has data for (the public's
 * satisfaction is shown, not scored). Units with no rate at all rank last.
 */
export function rankingScore(
  rates: Pick<Rates, 'response' | 'onTime' | 'satisfaction'>,
): number | null {
  const known = [rates.response, rates.onTime, rates.satisfaction].filter(
    (r): r is number => r !== null,
  )
  return known.length ? known.reduce((a, b) => a + b, 0) / known.length : null
}

export function compareRanking(
  a: { score: number | null; overdue: number; name: string },
  b: { score: number | null; overdue: number; name: string },
): number {
  if (a.score !== b.score) {
    if (a.score === null) return 1
    if (b.score === null) return -1
    return b.score - a.score
  }
  if (a.overdue !== b.overdue) return a.overdue - b.overdue
  return a.name.localeCompare(b.name)
}

/** The Monday of a day's week (weeks of the trend chart start on Monday). */
export function weekOf(day: string): string {
  const d = new Date(`${day}T00:00:00Z`)
  const back = (d.getUTCDay() + 6) % 7
  d.setUTCDate(d.getUTCDate() - back)
  return d.toISOString().slice(0, 10)
}

/** Every week start from the period's first week to its last, so empty weeks show as 0. */
export function weeksOf(period: Pick<Period, 'from' | 'to'>): string[] {
  const weeks: string[] = []
  const last = weekOf(previousDay(period.to))
  for (let w = weekOf(period.from); w <= last && weeks.length < 120;) {
    weeks.push(w)
    const d = new Date(`${w}T00:00:00Z`)
    d.setUTCDate(d.getUTCDate() + 7)
    w = d.toISOString().slice(0, 10)
  }
  return weeks
}

function previousDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() - 1)
  return d.toISOString().slice(0, 10)
}

/** 0.8765 → '87.7%'; null → null (the page says “no data”). */
export function formatRate(value: number | null): string | null {
  return value === null ? null : `${(Math.round(value * 1000) / 10).toFixed(1)}%`
}
