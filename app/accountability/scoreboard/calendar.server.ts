import { sql, type Kysely } from 'kysely'
import type { Database } from '../../../db/schema'
import { chinaToday, isWorkday, nextDay } from '../../duties/working-days'

const CALENDAR_FROM = '2024-01-01'
let calendarReady: Promise<void> | undefined

/**
 * Fills the working-day table from the calendar (holidays and make-up workdays, issue 17) from
 * 2024 to the end of next year, so SQL can find "the n-th working day after". Idempotent; once a
 * process, and again (`rebuild`) after the admin changes the calendar.
 */
export function syncWorkdayCalendar(
  db: Kysely<Database>,
  now = new Date(),
  { rebuild = false } = {},
): Promise<void> {
  if (rebuild) calendarReady = undefined
  calendarReady ??= fillCalendar(db, now).catch((error: unknown) => {
    calendarReady = undefined
    throw error
  })
  return calendarReady
}

async function fillCalendar(db: Kysely<Database>, now: Date): Promise<void> {
  const until = `${Number(chinaToday(now).slice(0, 4)) + 1}-12-31`
  const rows: Array<{ day: string; idx: number; workday: boolean }> = []
  let idx = 0
  for (let day = CALENDAR_FROM; day <= until; day = nextDay(day)) {
    const workday = isWorkday(day)
    if (workday) idx++
    rows.push({ day, idx, workday })
  }
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('workdays')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) =>
        oc.column('day').doUpdateSet((eb) => ({
          idx: eb.ref('excluded.idx'),
          workday: eb.ref('excluded.workday'),
        })),
      )
      .execute()
  }
}

/** The campaign's first day: the setting `campaign_start`, else the first report's day. */
export async function campaignStart(db: Kysely<Database>, today: string): Promise<string> {
  const setting = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', 'campaign_start')
    .executeTakeFirst()
  if (typeof setting?.value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(setting.value))
    return setting.value
  // The oldest report by the created_at index, not min() over every row.
  const first = await db
    .selectFrom('reports')
    .select(sql<string>`((created_at at time zone 'Asia/Shanghai')::date)::text`.as('day'))
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst()
  return first?.day ?? today
}
