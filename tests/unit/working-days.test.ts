import { describe, expect, it } from 'vitest'
import { workingDaysLeft } from '../../app/duties/staff-duty-list.server'
import { packageYear } from '../../app/calendar/calendar-data.server'
import {
  addWorkingDays,
  chinaToday,
  missingYears,
  setWorkCalendar,
  WEEKDAYS_ONLY,
  workingDaysBetween,
  type WorkCalendar,
} from '../../app/duties/working-days'

// The calendar as the database holds it after the start-up import of chinese-days' years.
const days = [2025, 2026].flatMap((y) => packageYear(y) ?? [])
const calendar: WorkCalendar = {
  holidays: new Set(days.filter((d) => d.kind === 'holiday').map((d) => d.day)),
  workdays: new Set(days.filter((d) => d.kind === 'workday').map((d) => d.day)),
  years: new Set([2025, 2026]),
}
setWorkCalendar(calendar)

describe('the calendar as data (issue 17)', () => {
  it('counts an admin-entered 2027 Spring Festival and its make-up day', () => {
    const with2027: WorkCalendar = {
      holidays: new Set(['2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12']),
      workdays: new Set(['2027-02-06']),
      years: new Set([2026, 2027]),
    }
    expect(addWorkingDays('2027-02-04', 2, with2027)).toBe('2027-02-06')
    expect(addWorkingDays('2027-02-04', 3, with2027)).toBe('2027-02-15')
    expect(addWorkingDays('2027-02-04', 3, WEEKDAYS_ONLY)).toBe('2027-02-09')
  })

  it('names the years a deadline is counted across without their holidays', () => {
    expect(missingYears('2026-12-20', '2027-01-10', calendar)).toEqual([2027])
    expect(missingYears('2026-01-05', '2026-03-01', calendar)).toEqual([])
  })
})

describe('working-day deadlines on the mainland calendar', () => {
  it('skips an ordinary weekend', () => {
    // Friday 2026-11-20 + 1 working day is Monday 2026-11-23.
    expect(addWorkingDays('2026-11-20', 1)).toBe('2026-11-23')
    expect(addWorkingDays('2026-11-20', 5)).toBe('2026-11-27')
  })

  it('skips the Spring Festival holiday and counts its make-up Saturday', () => {
    // 2026: Sat 14 Feb is a make-up workday, 15–23 Feb are holidays, Sat 28 Feb works again.
    expect(addWorkingDays('2026-02-12', 1)).toBe('2026-02-13')
    expect(addWorkingDays('2026-02-12', 2)).toBe('2026-02-14')
    expect(addWorkingDays('2026-02-12', 3)).toBe('2026-02-24')
    expect(addWorkingDays('2026-02-12', 5)).toBe('2026-02-26')
    expect(addWorkingDays('2026-02-26', 2)).toBe('2026-02-28')
  })

  it('counts the working days between two dates', () => {
    expect(workingDaysBetween('2026-02-12', '2026-02-26')).toBe(5)
    expect(workingDaysBetween('2026-02-26', '2026-02-12')).toBe(-5)
    expect(workingDaysBetween('2026-11-23', '2026-11-23')).toBe(0)
  })

  it('is the inverse of adding', () => {
    for (const n of [0, 1, 7, 15, 40]) {
      expect(workingDaysBetween('2026-01-30', addWorkingDays('2026-01-30', n))).toBe(n)
    }
  })

  it('refuses a negative count', () => {
    expect(() => addWorkingDays('2026-11-23', -1)).toThrow(RangeError)
  })

  it('takes today in China, not in UTC', () => {
    expect(chinaToday(new Date('2026-11-23T17:00:00Z'))).toBe('2026-11-24')
    expect(chinaToday(new Date('2026-11-23T15:00:00Z'))).toBe('2026-11-23')
  })

  it('gives a 15-working-day category limit across the 2026 Spring Festival and both make-up Saturdays', () => {
    // Thu 5 Feb: 6 Feb, 9–13 Feb, Sat 14 Feb (make-up), 24–27 Feb, Sat 28 Feb (make-up), 2–4 Mar.
    expect(addWorkingDays('2026-02-05', 15)).toBe('2026-03-04')
    expect(workingDaysBetween('2026-02-05', '2026-03-04')).toBe(15)
    // Counted in calendar days it would have been 19 February, in the middle of the holiday.
    expect(addWorkingDays('2026-02-05', 15)).not.toBe('2026-02-26')
  })

  it('counts make-up Sundays and Saturdays around New Year and National Day 2026', () => {
    expect(addWorkingDays('2025-12-31', 1)).toBe('2026-01-04')
    expect(addWorkingDays('2026-09-17', 3)).toBe('2026-09-21')
    expect(addWorkingDays('2026-09-28', 5)).toBe('2026-10-10')
  })

  it('tells a duty its working days left, zero on the day, negative once overdue', () => {
    const duty = { status: 'in_progress' as const, deadline: '2026-02-24' }
    expect(workingDaysLeft(duty, '2026-02-13')).toBe(2)
    expect(workingDaysLeft(duty, '2026-02-24')).toBe(0)
    expect(workingDaysLeft(duty, '2026-02-26')).toBe(-2)
    expect(workingDaysLeft({ ...duty, status: 'resolved' }, '2026-02-26')).toBeNull()
    expect(workingDaysLeft({ ...duty, deadline: null }, '2026-02-26')).toBeNull()
  })
})
