/**
 * Deadlines count working days on the mainland calendar, with its public holidays and make-up
 * workdays (调休). The calendar is data (issue 17): the holidays and make-up days the database
 * holds, and the years known to be complete. These functions are pure given the calendar; the
 * calendar they use unless given one is the one this process loaded last
 * (app/calendar/calendar.server.ts loads it at start and whenever the admin changes it).
 */
export interface WorkCalendar {
  holidays: ReadonlySet<string>
  workdays: ReadonlySet<string>
  /** Years whose holidays and make-up days are all entered. */
  years: ReadonlySet<number>
}

export const WEEKDAYS_ONLY: WorkCalendar = {
  holidays: new Set(),
  workdays: new Set(),
  years: new Set(),
}

let loaded: WorkCalendar = WEEKDAYS_ONLY

/** The calendar of this process, set by the calendar module after reading the database. */
export function setWorkCalendar(calendar: WorkCalendar): void {
  loaded = calendar
}

export function currentWorkCalendar(): WorkCalendar {
  return loaded
}

/** A make-up workday works, a holiday does not; otherwise Monday to Friday. */
export function isWorkday(day: string, calendar: WorkCalendar = loaded): boolean {
  if (calendar.workdays.has(day)) return true
  if (calendar.holidays.has(day)) return false
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay()
  return weekday !== 0 && weekday !== 6
}

/** The `days`-th working day after `start` (`start` itself when 0 and a working day, else the next). */
export function addWorkingDays(
  start: string,
  days: number,
  calendar: WorkCalendar = loaded,
): string {
  if (!Number.isInteger(days) || days < 0) throw new RangeError('days must be a whole number ≥ 0')
  let cursor = start
  if (days === 0) {
    while (!isWorkday(cursor, calendar)) cursor = nextDay(cursor)
    return cursor
  }
  for (let left = days; left > 0;) {
    cursor = nextDay(cursor)
    if (isWorkday(cursor, calendar)) left--
  }
  return cursor
}

/** Working days from `from` (exclusive) to `to` (inclusive); negative when `to` is earlier. */
export function workingDaysBetween(
  from: string,
  to: string,
  calendar: WorkCalendar = loaded,
): number {
  if (from === to) return 0
  const sign = from < to ? 1 : -1
  const [start, end] = sign > 0 ? [from, to] : [to, from]
  let count = 0
  let cursor = nextDay(start)
  while (cursor <= end) {
    if (isWorkday(cursor, calendar)) count++
    cursor = nextDay(cursor)
  }
  return sign * count
}

/**
 * The years from `from` to `to` (either order) whose calendar is not entered: a deadline
 * counted across them treats their holidays as working days, so it is flagged.
 */
export function missingYears(from: string, to: string, calendar: WorkCalendar = loaded): number[] {
  const [a, b] = [Number(from.slice(0, 4)), Number(to.slice(0, 4))].sort((x, y) => x - y)
  const missing: number[] = []
  for (let year = a!; year <= b!; year++) if (!calendar.years.has(year)) missing.push(year)
  return missing
}

export function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString().slice(0, 10)
}

// Built once: a DateTimeFormat costs 0.1 ms and native memory to make (issue 16).
const chinaDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' })

/** Today's date in China, 'YYYY-MM-DD'. */
export function chinaToday(now: Date = new Date()): string {
  return chinaDay.format(now)
}
