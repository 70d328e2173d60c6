import { beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../db/seed'
import { workOnDuty } from '../../app/duties/duty-work.server'
import {
  loadScoreboard,
  resolvePeriod,
} from '../../app/accountability/scoreboard/scoreboard.server'
import { drainOutbox } from '../../app/platform/outbox.server'
import { rateDuty, ratingSummary } from '../../app/verdict/rating.server'
import { runRatingJobs } from '../../app/verdict/rating-job.server'
import { decideReview } from '../../app/verdict/review.server'
import { setupTestDatabase } from '../support/database'

/**
 * 复核 from the reporter's unsatisfied rating to the second resolution: both sides are told,
 * the reporter gets one message per resolution, the earlier verdict stops counting once the
 * duty is resolved again (it stays on the timeline), and the percent shows the reopened work.
 */
const database = setupTestDatabase()
const publicUrl = 'http://kaimen.test'

let dutyId: number
let reportId: number
let reporterEmail: string
let unitEmails: string[]

async function duty() {
  return database.current.db
    .selectFrom('duties')
    .selectAll()
    .where('id', '=', dutyId)
    .executeTakeFirstOrThrow()
}

async function outboxFor(to: string, since: string) {
  return database.current.db
    .selectFrom('email_outbox')
    .select(['template', 'props', 'dedupe_key'])
    .where('to_address', '=', to)
    .where('id', '>', since)
    .orderBy('id')
    .execute()
}

async function lastOutboxId(): Promise<string> {
  const row = await database.current.db
    .selectFrom('email_outbox')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst()
  return String(row?.id ?? 0)
}

async function resolve(summary: string) {
  const { db } = database.current
  const staff = await db
    .selectFrom('staff_users')
    .select('id')
    .where('email', '=', unitEmails[0]!)
    .executeTakeFirstOrThrow()
  await workOnDuty(
    db,
    dutyId,
    { intent: 'resolve', version: (await duty()).version, summary },
    { before: [], after: [] },
    { staffId: staff.id, publicUrl },
  )
}

beforeAll(async () => {
  const { db } = database.current
  await seed(db, { demo: true })
  // An open duty of a unit with staff, with one linked reporter who gave an email.
  const row = await db
    .selectFrom('duties as d')
    .innerJoin('duty_reports as dr', 'dr.duty_id', 'd.id')
    .innerJoin('reports as r', 'r.id', 'dr.report_id')
    .select(['d.id', 'd.unit_id', 'r.id as report_id', 'r.contact_email'])
    .where('d.status', '=', 'in_progress')
    .where('r.contact_email', 'is not', null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('staff_users as s')
          .select('s.id')
          .whereRef('s.unit_id', '=', 'd.unit_id')
          .where('s.role', '=', 'unit_staff'),
      ),
    )
    .orderBy('d.id')
    .executeTakeFirstOrThrow()
  dutyId = row.id
  reportId = row.report_id
  reporterEmail = row.contact_email!
  unitEmails = (
    await db
      .selectFrom('staff_users')
      .select('email')
      .where('unit_id', '=', row.unit_id)
      .where('role', '=', 'unit_staff')
      .where('disabled_at', 'is', null)
      .execute()
  ).map((s) => s.email)
})

describe('reopening a duty (复核)', () => {
  it('sends the reporter one message per resolution: the invitation to rate', async () => {
    const since = await lastOutboxId()
    await resolve('路面已重新铺设。')
    await runRatingJobs(database.current.db, { publicUrl })
    await runRatingJobs(database.current.db, { publicUrl })
    const messages = await outboxFor(reporterEmail, since)
    expect(messages.map((m) => m.template)).toEqual(['rating-invitation'])
    expect(JSON.stringify(messages[0]!.props)).toContain('路面已重新铺设。')
    expect((await duty()).progress).toBe(100)
  })

  it('tells the unit’s staff and the reporter when the coordinator reopens it', async () => {
    const { db } = database.current
    await rateDuty(db, {
      dutyId,
      rater: { reportId },
      level: 1,
      // A mobile typed into the reason: the reason goes public on the timeline, masked.
      reason: '路面还是坑洼不平，电话13812345678',
    })
    const review = await db
      .selectFrom('duty_reviews')
      .select('id')
      .where('duty_id', '=', dutyId)
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow()
    const since = await lastOutboxId()
    await decideReview(db, {
      reviewId: review.id,
      staffId: 1,
      decision: 'reopen',
      note: '已联系反映人 13812345678 核实',
      publicUrl,
    })
    const published = await db
      .selectFrom('events')
      .select(['type', 'data'])
      .where('duty_id', '=', dutyId)
      .where('type', '=', 'duty.reopened')
      .executeTakeFirstOrThrow()
    expect(JSON.stringify(published.data)).not.toContain('13812345678')
    expect(published.data).toMatchObject({
      reason: '路面还是坑洼不平，电话＊＊＊',
      note: '已联系反映人 ＊＊＊ 核实',
    })
    expect(unitEmails.length).toBeGreaterThan(0)
    for (const email of unitEmails) {
      const sent = await outboxFor(email, since)
      expect(sent.map((m) => m.template)).toEqual(['duty-reopened'])
      expect(sent[0]!.props).toMatchObject({
        reason: '路面还是坑洼不平，电话＊＊＊',
        dutyUrl: `${publicUrl}/staff/duties/${dutyId}`,
      })
    }
    const told = await outboxFor(reporterEmail, since)
    expect(told.map((m) => m.template)).toEqual(['report-update'])
    expect(told[0]!.props).toMatchObject({
      step: 'reopened',
      detail: '路面还是坑洼不平，电话＊＊＊',
    })
    // The messages render (subject and text) in the reporter's language.
    await drainOutbox(db)
    const rendered = await db
      .selectFrom('email_outbox')
      .select(['subject', 'status'])
      .where('to_address', '=', reporterEmail)
      .where('template', '=', 'report-update')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(rendered).toMatchObject({ status: 'kept', subject: expect.stringContaining('重新整改') })
  })

  it('shows the reopened work in the percent, not 100%', async () => {
    const reopened = await duty()
    expect(reopened.status).toBe('in_progress')
    expect(reopened.progress).toBeLessThan(100)
    const steps = await database.current.db
      .selectFrom('milestones')
      .select(['title', 'done_at'])
      .where('duty_id', '=', dutyId)
      .where('done_at', 'is', null)
      .execute()
    expect(steps).toEqual([{ title: '复核：路面还是坑洼不平，电话＊＊＊', done_at: null }])
  })

  it('counts only the verdict on the newest resolution; the earlier stays on the timeline', async () => {
    const { db } = database.current
    const resolved = (await resolvePeriod(db, 'campaign'))!
    const before = await loadScoreboard(db, resolved, { locale: 'zh-CN' })
    const since = await lastOutboxId()
    await resolve('已返工，路面平整。')
    expect((await duty()).progress).toBe(100)
    const after = await loadScoreboard(db, resolved, { locale: 'zh-CN' })
    expect(after.totals.reporterRatings.all).toBe(before.totals.reporterRatings.all - 1)
    expect((await ratingSummary(db, dutyId)).reporters.total).toBe(0)
    // One message again for the second resolution.
    await runRatingJobs(db, { publicUrl })
    expect((await outboxFor(reporterEmail, since)).map((m) => m.template)).toEqual([
      'rating-invitation',
    ])
    await rateDuty(db, { dutyId, rater: { reportId }, level: 5, reason: null })
    const rerated = await loadScoreboard(db, resolved, { locale: 'zh-CN' })
    expect(rerated.totals.reporterRatings).toEqual({
      all: before.totals.reporterRatings.all,
      satisfied: before.totals.reporterRatings.satisfied + 1,
    })
    const rated = await db
      .selectFrom('events')
      .select('data')
      .where('duty_id', '=', dutyId)
      .where('type', '=', 'duty.rated')
      .where('public', '=', true)
      .orderBy('seq')
      .execute()
    expect(rated.map((e) => (e.data as { level: number }).level)).toEqual([1, 5])
  })
})
