import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { change, record, vanished } from '../admin/admin-change.server'
import { DomainError } from '../platform/errors'
import { chinaToday } from '../duties/working-days'
import { calendarChanged, FIRST_YEAR } from './calendar-data.server'
import type { CalendarEntry } from './calendar-lines'

/**
 * The admin's calendar page (issue 17): the years and their days, a year's days added from the
 * State Council's notice, single days changed or deleted, a year marked complete. Each change is
 * one transaction with its event, then every deadline this process counts uses it.
 */

export interface CalendarYearRow {
  id: number
  year: number
  source: 'chinese-days' | 'admin' | null
  enteredAt: string | null
  holidays: number
  workdays: number
}

/** Every year with days or marked complete, and this year and next even when empty. */
export async function listCalendarYears(
  db: Kysely<Database>,
  now = new Date(),
): Promise<CalendarYearRow[]> {
  const [years, counts] = await Promise.all([
    db.selectFrom('calendar_years').select(['year', 'source', 'entered_at']).execute(),
    db
      .selectFrom('calendar_days')
      .select((eb) => [
        eb.fn<number>('date_part', [eb.val('year'), eb.ref('day')]).as('year'),
        'kind',
        eb.fn.countAll<number>().as('n'),
      ])
      .groupBy(['year', 'kind'])
      .execute(),
  ])
  const thisYear = Number(chinaToday(now).slice(0, 4))
  const all = new Set<number>([thisYear, thisYear + 1])
  for (const y of years) all.add(y.year)
  for (const c of counts) if (Number(c.year) >= FIRST_YEAR) all.add(Number(c.year))
  const count = (year: number, kind: string) =>
    Number(counts.find((c) => Number(c.year) === year && c.kind === kind)?.n ?? 0)
  return [...all]
    .sort((a, b) => b - a)
    .map((year) => {
      const entered = years.find((y) => y.year === year)
      return {
        id: year,
        year,
        source: entered?.source ?? null,
        enteredAt: entered ? entered.entered_at.toISOString() : null,
        holidays: count(year, 'holiday'),
        workdays: count(year, 'workday'),
      }
    })
}

export function listYearDays(db: Kysely<Database>, year: number) {
  return db
    .selectFrom('calendar_days')
    .select(['day', 'kind', 'name'])
    .where('day', '>=', `${year}-01-01`)
    .where('day', '<=', `${year}-12-31`)
    .orderBy('day')
    .execute()
}

async function saved<T>(db: Kysely<Database>, value: T): Promise<T> {
  await calendarChanged(db)
  return value
}

/** The days of the notice's lines; a day already there takes the new kind and name. */
export async function addCalendarDays(
  db: Kysely<Database>,
  staffId: number,
  entries: CalendarEntry[],
): Promise<{ year: number }> {
  const year = Number(entries[0]!.day.slice(0, 4))
  await change(db, async (trx) => {
    await trx
      .insertInto('calendar_days')
      .values(entries)
      .onConflict((oc) =>
        oc.column('day').doUpdateSet((eb) => ({
          kind: eb.ref('excluded.kind'),
          name: eb.ref('excluded.name'),
        })),
      )
      .execute()
    await record(trx, staffId, 'admin.calendar.days-added', { days: entries })
  })
  return saved(db, { year })
}

export async function saveCalendarDay(
  db: Kysely<Database>,
  staffId: number,
  entry: CalendarEntry,
): Promise<{ year: number }> {
  await change(db, async (trx) => {
    await trx
      .insertInto('calendar_days')
      .values(entry)
      .onConflict((oc) => oc.column('day').doUpdateSet({ kind: entry.kind, name: entry.name }))
      .execute()
    await record(trx, staffId, 'admin.calendar.day-saved', { ...entry })
  })
  return saved(db, { year: Number(entry.day.slice(0, 4)) })
}

export async function deleteCalendarDay(
  db: Kysely<Database>,
  staffId: number,
  day: string,
): Promise<{ year: number }> {
  await change(db, async (trx) => {
    const gone = await trx
      .deleteFrom('calendar_days')
      .where('day', '=', day)
      .returning(['day', 'kind', 'name'])
      .executeTakeFirst()
    if (!gone) throw vanished()
    await record(trx, staffId, 'admin.calendar.day-deleted', gone)
  })
  return saved(db, { year: Number(day.slice(0, 4)) })
}

/** The year's holidays are all entered: its deadlines are no longer flagged. */
export async function completeCalendarYear(
  db: Kysely<Database>,
  staffId: number,
  year: number,
): Promise<{ year: number }> {
  await change(db, async (trx) => {
    const days = await trx
      .selectFrom('calendar_days')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('kind', '=', 'holiday')
      .where('day', '>=', `${year}-01-01`)
      .where('day', '<=', `${year}-12-31`)
      .executeTakeFirstOrThrow()
    if (Number(days.n) === 0) throw new DomainError(400, 'admin.calendar.errors.noDays')
    await trx
      .insertInto('calendar_years')
      .values({ year, source: 'admin', entered_by: staffId })
      .onConflict((oc) => oc.column('year').doNothing())
      .execute()
    await record(trx, staffId, 'admin.calendar.year-completed', { year })
  })
  return saved(db, { year })
}
