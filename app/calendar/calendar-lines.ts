import type { MessageKey } from '../locales/types'
import { nextDay } from '../duties/working-days'
import { isRealDay } from '../platform/text'

/**
 * The admin types a year's holidays as the State Council's notice lists them, one line per
 * range: "2027-02-06 至 2027-02-13 春节" (holidays) or "2027-02-14 上班" (a make-up workday,
 * 调休上班日; "2027-02-14 春节 上班" names it). Dates may be written 2027-2-6, 2027/2/6 or
 * 2027年2月6日. Each line that cannot be read is answered with its number and why.
 */
export interface CalendarEntry {
  day: string
  kind: 'holiday' | 'workday'
  name: string
}

export interface LineError {
  line: number
  key: MessageKey
}

const DATE = String.raw`(\d{4})\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})\s*日?`
const LINE = new RegExp(String.raw`^${DATE}(?:\s*(?:至|到|~|～|—|–|-{1,2})\s*${DATE})?\s*(.*)$`)
const WORK = /^(.*?)\s*(?:调休)?上班$/
const MAX_RANGE_DAYS = 15
export const MAX_NAME_LENGTH = 40

function isoDay(y: string, m: string, d: string): string | null {
  const day = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`
  return isRealDay(day) ? day : null
}

/** Reads the lines; the entries in order, or the errors of every line that was not read. */
export function parseCalendarLines(
  text: string,
): { ok: true; entries: CalendarEntry[] } | { ok: false; errors: LineError[] } {
  const entries: CalendarEntry[] = []
  const errors: LineError[] = []
  const seen = new Set<string>()
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1
    const trimmed = raw.replace(/\u3000/g, ' ').trim()
    if (!trimmed) return
    const match = LINE.exec(trimmed)
    if (!match) return errors.push({ line, key: 'admin.calendar.errors.lineFormat' })
    const from = isoDay(match[1]!, match[2]!, match[3]!)
    const to = match[4] ? isoDay(match[4], match[5]!, match[6]!) : from
    if (!from || !to) return errors.push({ line, key: 'admin.calendar.errors.date' })
    if (to < from) return errors.push({ line, key: 'admin.calendar.errors.order' })
    const rest = match[7]!.trim()
    const work = WORK.exec(rest)
    const kind = work ? 'workday' : 'holiday'
    const name = work ? work[1]!.trim() || '调休上班' : rest
    if (!name) return errors.push({ line, key: 'admin.calendar.errors.name' })
    if (name.length > MAX_NAME_LENGTH)
      return errors.push({ line, key: 'admin.calendar.errors.nameLong' })
    const days: string[] = []
    for (let day = from; day <= to && days.length <= MAX_RANGE_DAYS; day = nextDay(day))
      days.push(day)
    if (days.length > MAX_RANGE_DAYS)
      return errors.push({ line, key: 'admin.calendar.errors.long' })
    if (days.some((day) => seen.has(day)))
      return errors.push({ line, key: 'admin.calendar.errors.twice' })
    for (const day of days) {
      seen.add(day)
      entries.push({ day, kind, name })
    }
  })
  if (errors.length) return { ok: false, errors }
  if (!entries.length)
    return { ok: false, errors: [{ line: 1, key: 'admin.calendar.errors.empty' }] }
  return { ok: true, entries }
}
