import { describe, expect, it } from 'vitest'
import { addCalendarDays, completeCalendarYear } from '../../app/calendar/calendar-admin.server'
import { workCalendar } from '../../app/calendar/calendar-data.server'
import { CalendarLinesSchema } from '../../app/calendar/calendar-schema'
import { addWorkingDays, missingYears } from '../../app/duties/working-days'
import { triageCase } from '../../app/duties/triage/triage-queue.server'
import { seed } from '../../db/seed'
import { setupTestDatabase } from '../support/database'

const database = setupTestDatabase()

describe('the working-day calendar as data (issue 17)', () => {
  it('holds the years chinese-days knows after start, and not 2027', async () => {
    const { db } = database.current
    const years = (await db.selectFrom('calendar_years').select('year').execute()).map(
      (r) => r.year,
    )
    expect(years).toEqual(expect.arrayContaining([2024, 2025, 2026]))
    expect(years).not.toContain(2027)
  })

  it('names each unreadable line, then counts the entered 2027 Spring Festival', async () => {
    const bad = CalendarLinesSchema.safeParse({
      lines: '2027-02-06 至 2027-02-13 春节\nfoo\n2027-02-30 上班',
    })
    expect(bad.success).toBe(false)
    expect(bad.error?.issues.map((i) => i.message)).toEqual([
      'admin.calendar.errors.lineFormat|{"line":2}',
      'admin.calendar.errors.date|{"line":3}',
    ])
    const { db } = database.current
    const good = CalendarLinesSchema.parse({
      lines: '2027-02-06 至 2027-02-13 春节\n2027-02-14 上班',
    })
    await addCalendarDays(db, 1, good.lines)
    const calendar = await workCalendar(db)
    expect(addWorkingDays('2027-02-05', 1, calendar)).toBe('2027-02-14')
    expect(missingYears('2026-12-20', '2027-02-14', calendar)).toEqual([2027])
  })

  it('flags a 2027 deadline to the coordinator until the admin completes 2027', async () => {
    const { db } = database.current
    await seed(db, { demo: true })
    const report = await db
      .selectFrom('reports')
      .select('id')
      .where('status', '=', 'pending')
      .orderBy('id')
      .executeTakeFirstOrThrow()
    // Counted from late December, the suggested deadline falls in 2027.
    const before = await triageCase(db, report.id, 'zh-CN', '2026-12-28')
    expect(before.suggestedDeadline.startsWith('2027-')).toBe(true)
    expect(before.unenteredYear).toBe(2027)

    const admin = await db
      .selectFrom('staff_users')
      .select('id')
      .where('role', '=', 'admin')
      .executeTakeFirstOrThrow()
    await completeCalendarYear(db, admin.id, 2027)
    const after = await triageCase(db, report.id, 'zh-CN', '2026-12-28')
    expect(after.unenteredYear).toBeNull()
  })
})
