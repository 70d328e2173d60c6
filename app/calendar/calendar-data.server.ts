import chineseDays from 'chinese-days'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { syncWorkdayCalendar } from '../accountability/scoreboard/calendar.server'
import {
  chinaToday,
  missingYears,
  nextDay,
  setWorkCalendar,
  type WorkCalendar,
} from '../duties/working-days'
import { cached } from '../platform/cache.server'

/**
 * The working-day calendar as data (issue 17, decision 003): the years chinese-days knows are
 * copied into `calendar_days` / `calendar_years` at start; the admin enters the others. Every
 * process keeps the calendar in memory for app/duties/working-days.ts and reads it anew when the
 * admin changes it (here) or after a minute (a change made on another server).
 */

// The first year the app has data for; the package's earlier years are never needed.
export const FIRST_YEAR = 2024
const CACHE_KEY = 'reference:calendar'
const CACHE_SECONDS = 60

/** The days chinese-days holds for `year`, or null when it does not know the year's holidays. */
export function packageYear(
  year: number,
): Array<{ day: string; kind: 'holiday' | 'workday'; name: string }> | null {
  const days: Array<{ day: string; kind: 'holiday' | 'workday'; name: string }> = []
  for (let day = `${year}-01-01`; day.startsWith(String(year)); day = nextDay(day)) {
    const detail = chineseDays.getDayDetail(day)
    // A holiday's name is "English,中文,days"; an ordinary day's is its weekday.
    const name = detail.name.split(',')[1]
    if (!name) continue
    const weekend = [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay())
    if (!detail.work) days.push({ day, kind: 'holiday', name })
    else if (weekend) days.push({ day, kind: 'workday', name })
  }
  return days.some((d) => d.kind === 'holiday') ? days : null
}

/**
 * Copies the years chinese-days knows and the database does not yet hold (idempotent: a year
 * already there, from the package or the admin, is left as it is).
 */
export async function importPackageYears(db: Kysely<Database>): Promise<number[]> {
  const held = new Set(
    (await db.selectFrom('calendar_years').select('year').execute()).map((r) => r.year),
  )
  const added: number[] = []
  for (let year = FIRST_YEAR; ; year++) {
    const days = packageYear(year)
    if (!days) break
    if (held.has(year)) continue
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('calendar_days')
        .values(days)
        .onConflict((oc) => oc.column('day').doNothing())
        .execute()
      await trx
        .insertInto('calendar_years')
        .values({ year, source: 'chinese-days' })
        .onConflict((oc) => oc.column('year').doNothing())
        .execute()
    })
    added.push(year)
  }
  return added
}

/** Reads the calendar from the database and makes it this process's calendar. */
export async function loadWorkCalendar(db: Kysely<Database>): Promise<WorkCalendar> {
  const [days, years] = await Promise.all([
    db.selectFrom('calendar_days').select(['day', 'kind']).execute(),
    db.selectFrom('calendar_years').select('year').execute(),
  ])
  const calendar: WorkCalendar = {
    holidays: new Set(days.filter((d) => d.kind === 'holiday').map((d) => d.day)),
    workdays: new Set(days.filter((d) => d.kind === 'workday').map((d) => d.day)),
    years: new Set(years.map((y) => y.year)),
  }
  setWorkCalendar(calendar)
  return calendar
}

/** At start, before anything counts a deadline: the package's years in, the calendar loaded. */
export async function prepareWorkCalendar(db: Kysely<Database>): Promise<WorkCalendar> {
  await importPackageYears(db)
  return loadWorkCalendar(db)
}

/** The calendar, read anew at most once a minute (another server's admin may have changed it). */
export function workCalendar(db: Kysely<Database>): Promise<WorkCalendar> {
  return cached(CACHE_KEY, () => loadWorkCalendar(db), CACHE_SECONDS)
}

/** After the admin's change: this process's calendar and the scoreboard's working-day table. */
export async function calendarChanged(db: Kysely<Database>): Promise<void> {
  await loadWorkCalendar(db)
  await syncWorkdayCalendar(db, new Date(), { rebuild: true })
}

/**
 * The years a deadline from `from` to `to` is counted across without their holidays, for the
 * flag "2027 年节假日尚未录入"; empty when every year is entered.
 */
export async function unenteredYears(
  db: Kysely<Database>,
  from: string,
  to: string,
): Promise<number[]> {
  return missingYears(from, to, await workCalendar(db))
}

/** From December on, next year's calendar should be entered: the year the admin is warned of. */
export async function yearDue(db: Kysely<Database>, now = new Date()): Promise<number | null> {
  const today = chinaToday(now)
  const year = Number(today.slice(0, 4))
  const due = today.slice(5, 7) === '12' ? [year, year + 1] : [year]
  const calendar = await workCalendar(db)
  return due.find((y) => !calendar.years.has(y)) ?? null
}
