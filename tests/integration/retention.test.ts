import { describe, expect, it } from 'vitest'
import { seed } from '../../db/seed'
import { anonymizeFinishedReports } from '../../app/reporting/retention.server'
import { queueEmail } from '../../app/platform/outbox.server'
import { setupTestDatabase } from '../support/database'

const database = setupTestDatabase()

describe('retention of contact details', () => {
  it('erases contacts of long-finished reports and keeps the public record', async () => {
    const { db } = database.current
    await seed(db, { demo: true })
    const before = await db.selectFrom('reports').selectAll().orderBy('id').execute()
    const closed = await db
      .selectFrom('reports as r')
      .innerJoin('duty_reports as dr', 'dr.report_id', 'r.id')
      .innerJoin('duties as d', 'd.id', 'dr.duty_id')
      .select(['r.id', 'r.contact_email', 'd.closed_at'])
      .where('d.status', '=', 'closed')
      .execute()
    expect(closed.length).toBeGreaterThan(0)
    await queueEmail(db, {
      to: closed[0]!.contact_email!,
      template: 'report-received',
      props: { name: 'x', title: 't', code: 'c', followUrl: 'u' },
    })
    await db.updateTable('email_outbox').set({ status: 'kept' }).execute()

    // Nothing is old enough with a one-year period.
    expect(await anonymizeFinishedReports(db, 365)).toBe(0)
    // With a one-day period, closed, declined and merged reports are erased.
    const erased = await anonymizeFinishedReports(db, 1)
    expect(erased).toBeGreaterThanOrEqual(closed.length)
    const after = await db.selectFrom('reports').selectAll().orderBy('id').execute()
    for (const report of after) {
      const old = before.find((b) => b.id === report.id)!
      expect(report.title).toBe(old.title)
      expect(report.body).toBe(old.body)
      if (closed.some((c) => c.id === report.id)) {
        expect(report.anonymized_at).not.toBeNull()
        expect([report.contact_name, report.contact_mobile, report.contact_email]).toEqual([
          null,
          null,
          null,
        ])
      }
      if (report.status === 'pending') expect(report.contact_mobile).toBe(old.contact_mobile)
    }
    expect(await db.selectFrom('email_outbox').selectAll().execute()).toEqual([])
    // Running again finds nothing left to do.
    expect(await anonymizeFinishedReports(db, 1)).toBe(0)
  })
})
