import { describe, expect, it } from 'vitest'
import { seed } from '../../db/seed'
import { dutyTimeline, reportTimeline } from '../../app/browse/timeline.server'
import { setupTestDatabase } from '../support/database'

const database = setupTestDatabase()

describe('public timeline', () => {
  it('tells a reopened duty’s story in order, without a contact detail', async () => {
    const { db } = database.current
    await seed(db, { demo: true })
    const duty = await db
      .selectFrom('duties')
      .selectAll()
      .where('reopened_count', '>', 0)
      .executeTakeFirstOrThrow()
    const entries = await dutyTimeline(db, duty.id)
    const types = entries.map((e) => e.type)
    expect(types[0]).toBe('report.submitted')
    expect(types).toContain('duty.progress')
    expect(types.indexOf('duty.resolved')).toBeLessThan(types.indexOf('duty.reopened'))
    expect(entries.find((e) => e.type === 'duty.progress')!.progress!.body.length).toBeGreaterThan(
      0,
    )
    const contacts = await db
      .selectFrom('reports')
      .select(['contact_mobile', 'contact_email', 'contact_name'])
      .execute()
    const text = JSON.stringify(entries)
    for (const c of contacts) {
      for (const value of [c.contact_mobile, c.contact_email, c.contact_name])
        if (value) expect(text).not.toContain(value)
    }
  })

  it('follows a report into its duty', async () => {
    const { db } = database.current
    const link = await db.selectFrom('duty_reports').selectAll().executeTakeFirstOrThrow()
    const entries = await reportTimeline(db, link.report_id)
    expect(entries.some((e) => e.dutyId === link.duty_id && e.type === 'duty.assigned')).toBe(true)
  })
})
