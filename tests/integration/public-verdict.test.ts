import { beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../db/seed'
import { commentsFor, moderateComment, moderationQueue } from '../../app/verdict/comment.server'
import { rateDuty, ratingSummary } from '../../app/verdict/rating.server'
import { decideReview } from '../../app/verdict/review.server'
import { appealRating, decideAppeal } from '../../app/verdict/appeal.server'
import { runRatingJobs } from '../../app/verdict/rating-job.server'
import { DomainError } from '../../app/platform/errors'
import { checkCode, requestCode } from '../../app/verdict/verify.server'
import { transitionDuty } from '../../app/duties/duty.server'
import { addWorkingDays, chinaToday } from '../../app/duties/working-days'
import { action as dutyAction, loader as dutyLoader } from '../../app/routes/duties.$id'
import { action as rateAction } from '../../app/routes/rate.$token'
import { action as verifyAction } from '../../app/routes/verify'
import { action as reviewsAction } from '../../app/routes/staff.reviews'
import { createStaffSession } from '../../app/staff/staff.server'
import { STAFF_COOKIE } from '../../app/staff/auth.server'
import { PUBLIC_COOKIE } from '../../app/verdict/public-session.server'
import { setupTestDatabase } from '../support/database'
import { cookieFrom, formRequest, getRequest, settle } from '../support/requests'

const database = setupTestDatabase()

async function lastCode(email: string): Promise<string> {
  const row = await database.current.db
    .selectFrom('email_outbox')
    .select('props')
    .where('to_address', '=', email)
    .where('template', '=', 'verify-code')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow()
  return String((row.props as { code: string }).code)
}

let ip = 0
function verifyPost(fields: Record<string, string>) {
  ip++
  return formRequest('/verify', fields, { headers: { 'x-forwarded-for': `192.0.2.${ip}` } })
}

/** Verifies an address through the route as a browser would, returning the session cookie. */
async function verifiedCookie(email: string): Promise<string> {
  await verifyAction({ request: verifyPost({ intent: 'request', email }), params: {}, context: {} })
  const code = await lastCode(email)
  const response = (await settle(() =>
    verifyAction({
      request: verifyPost({ intent: 'check', email, code, redirectTo: '/duties' }),
      params: {},
      context: {},
    }),
  )) as Response
  expect(response.status).toBe(302)
  expect(response.headers.get('location')).toBe('/duties')
  const cookie = cookieFrom(response)
  expect(cookie.startsWith(`${PUBLIC_COOKIE}=`)).toBe(true)
  expect(response.headers.get('set-cookie')).toMatch(/HttpOnly/)
  return cookie
}

async function dutyWithStatus(status: 'resolved' | 'in_progress' | 'closed') {
  return database.current.db
    .selectFrom('duties')
    .selectAll()
    .where('status', '=', status)
    .orderBy('id')
    .executeTakeFirstOrThrow()
}

async function staffCookie(email: string) {
  const { db } = database.current
  const user = await db
    .selectFrom('staff_users')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirstOrThrow()
  return `${STAFF_COOKIE}=${encodeURIComponent(await createStaffSession(db, user.id))}`
}

beforeAll(async () => {
  await seed(database.current.db, { demo: true })
})

describe('email verification with a one-time code', () => {
  it('accepts the right code once, then refuses it again (reused)', async () => {
    const { db } = database.current
    await requestCode(db, 'once@example.com', 'zh-CN')
    const code = await lastCode('once@example.com')
    expect(code).toMatch(/^\d{6}$/)
    const first = await checkCode(db, 'once@example.com', code)
    expect(first.ok).toBe(true)
    const again = await checkCode(db, 'once@example.com', code)
    expect(again).toEqual({ ok: false, reason: 'expired' })
  })

  it('refuses a wrong code, and ends the challenge after five wrong tries', async () => {
    const { db } = database.current
    await requestCode(db, 'wrong@example.com', 'zh-CN')
    const code = await lastCode('wrong@example.com')
    const wrong = code === '000000' ? '111111' : '000000'
    for (let i = 1; i <= 4; i++)
      expect(await checkCode(db, 'wrong@example.com', wrong)).toEqual({
        ok: false,
        reason: 'wrong',
      })
    expect(await checkCode(db, 'wrong@example.com', wrong)).toEqual({
      ok: false,
      reason: 'tooManyAttempts',
    })
    // Even the right code is refused now: the challenge is over.
    expect((await checkCode(db, 'wrong@example.com', code)).ok).toBe(false)
  })

  it('refuses an expired code and only the newest code counts', async () => {
    const { db } = database.current
    await requestCode(db, 'late@example.com', 'zh-CN')
    const old = await lastCode('late@example.com')
    await requestCode(db, 'late@example.com', 'zh-CN')
    const fresh = await lastCode('late@example.com')
    if (old !== fresh) expect((await checkCode(db, 'late@example.com', old)).ok).toBe(false)
    await db
      .updateTable('otp_challenges')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('email', '=', 'late@example.com')
      .execute()
    expect(await checkCode(db, 'late@example.com', fresh)).toEqual({ ok: false, reason: 'expired' })
  })

  it('through the page: a wrong code is shown beside the field, a right one signs in', async () => {
    const email = 'page@example.com'
    const sent = (await verifyAction({
      request: verifyPost({ intent: 'request', email, displayName: '热心市民' }),
      params: {},
      context: {},
    })) as { data: { stage: string } }
    expect(sent.data.stage).toBe('check')
    const code = await lastCode(email)
    const wrong = (await verifyAction({
      request: verifyPost({
        intent: 'check',
        email,
        code: code === '123456' ? '654321' : '123456',
      }),
      params: {},
      context: {},
    })) as {
      data: { stage: string; email: string; result: { error: Record<string, string[]> } }
      init: ResponseInit
    }
    expect(wrong.init.status).toBe(400)
    expect(wrong.data.stage).toBe('check')
    expect(wrong.data.email).toBe(email)
    expect(wrong.data.result.error.code).toEqual(['verdict.verify.wrong'])
    const bad = (await verifyAction({
      request: verifyPost({ intent: 'request', email: 'not-an-email' }),
      params: {},
      context: {},
    })) as { init: ResponseInit }
    expect(bad.init.status).toBe(400)
    const ok = (await settle(() =>
      verifyAction({
        request: verifyPost({
          intent: 'check',
          email,
          code,
          displayName: '热心市民',
          redirectTo: '//evil.example',
        }),
        params: {},
        context: {},
      }),
    )) as Response
    expect(ok.headers.get('location')).toBe('/')
    const user = await database.current.db
      .selectFrom('public_users')
      .selectAll()
      .where('email', '=', email)
      .executeTakeFirstOrThrow()
    expect(user.display_name).toBe('热心市民')
  })
})

describe('comments and their moderation', () => {
  it('are held for approval, shown only to the author, then published, hidden and restored', async () => {
    const { db } = database.current
    const cookie = await verifiedCookie('commenter@example.com')
    const duty = await dutyWithStatus('in_progress')
    const post = await settle(() =>
      dutyAction({
        request: formRequest(
          `/duties/${duty.id}`,
          { intent: 'comment', body: '<b>请尽快</b>处理，谢谢！' },
          { cookie },
        ),
        params: { id: String(duty.id) },
        context: {},
      }),
    )
    expect((post as Response).headers.get('location')).toBe(
      `/duties/${duty.id}?notice=commentPending#comments`,
    )
    const row = await db
      .selectFrom('comments')
      .selectAll()
      .where('duty_id', '=', duty.id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(row.status).toBe('pending')
    expect(row.body).toBe('<b>请尽快</b>处理，谢谢！')

    const anonymousView = await commentsFor(db, { dutyId: duty.id }, { publicUserId: null })
    expect(anonymousView.some((c) => c.id === row.id)).toBe(false)
    const ownView = await commentsFor(db, { dutyId: duty.id }, { publicUserId: row.public_user_id })
    expect(ownView.find((c) => c.id === row.id)?.awaiting).toBe(true)
    expect((await moderationQueue(db)).pending.map((c) => c.id)).toContain(row.id)

    expect(await moderateComment(db, row.id, { action: 'approve' })).toBe(true)
    expect(await moderateComment(db, row.id, { action: 'approve' })).toBe(false)
    let shown = await commentsFor(db, { dutyId: duty.id }, { publicUserId: null })
    expect(shown.find((c) => c.id === row.id)?.body).toBe('<b>请尽快</b>处理，谢谢！')

    // Anyone may flag it, once each; it then waits in the queue.
    for (const who of ['ip:a', 'ip:a', 'ip:b']) {
      const flag = await settle(() =>
        dutyAction({
          request: formRequest(
            `/duties/${duty.id}`,
            { intent: 'flag', commentId: String(row.id) },
            {
              headers: { 'x-forwarded-for': who },
            },
          ),
          params: { id: String(duty.id) },
          context: {},
        }),
      )
      expect((flag as Response).status).toBe(302)
    }
    const flagged = (await moderationQueue(db)).flagged.find((c) => c.id === row.id)
    expect(flagged?.flagCount).toBe(2)

    // A reply keeps its context after the parent is hidden.
    await settle(() =>
      dutyAction({
        request: formRequest(
          `/duties/${duty.id}`,
          { intent: 'comment', body: '同意楼上', parentId: String(row.id) },
          { cookie },
        ),
        params: { id: String(duty.id) },
        context: {},
      }),
    )
    const reply = await db
      .selectFrom('comments')
      .select('id')
      .where('parent_id', '=', row.id)
      .executeTakeFirstOrThrow()
    await moderateComment(db, reply.id, { action: 'approve' })
    expect(await moderateComment(db, row.id, { action: 'hide', reason: '含有不文明用语' })).toBe(
      true,
    )
    shown = await commentsFor(db, { dutyId: duty.id }, { publicUserId: null })
    const hidden = shown.find((c) => c.id === row.id)!
    expect(hidden.body).toBeNull()
    expect(hidden.hiddenReason).toBe('含有不文明用语')
    expect(hidden.moderatedAt).toBeInstanceOf(Date)
    expect(hidden.replies.map((r) => r.id)).toEqual([reply.id])

    expect(await moderateComment(db, row.id, { action: 'restore' })).toBe(true)
    shown = await commentsFor(db, { dutyId: duty.id }, { publicUserId: null })
    expect(shown.find((c) => c.id === row.id)?.body).toContain('请尽快')
  })

  it('goes out at once under post-moderation, refuses empty and overlong text, and asks strangers to verify', async () => {
    const { db } = database.current
    const cookie = await verifiedCookie('post@example.com')
    const duty = await dutyWithStatus('in_progress')
    await db
      .updateTable('settings')
      .set({ value: JSON.stringify('post') })
      .where('key', '=', 'comment_moderation')
      .execute()
    const post = (await settle(() =>
      dutyAction({
        request: formRequest(
          `/duties/${duty.id}`,
          { intent: 'comment', body: '即时发布' },
          { cookie },
        ),
        params: { id: String(duty.id) },
        context: {},
      }),
    )) as Response
    expect(post.headers.get('location')).toContain('notice=commentPublished')
    await db
      .updateTable('settings')
      .set({ value: JSON.stringify('pre') })
      .where('key', '=', 'comment_moderation')
      .execute()

    const before = await db
      .selectFrom('comments')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow()
    for (const body of ['   ', '长'.repeat(1001)]) {
      const bad = (await dutyAction({
        request: formRequest(`/duties/${duty.id}`, { intent: 'comment', body }, { cookie }),
        params: { id: String(duty.id) },
        context: {},
      })) as { init: ResponseInit }
      expect(bad.init.status).toBe(400)
    }
    const stranger = (await settle(() =>
      dutyAction({
        request: formRequest(`/duties/${duty.id}`, { intent: 'comment', body: '你好' }),
        params: { id: String(duty.id) },
        context: {},
      }),
    )) as Response
    expect(stranger.headers.get('location')).toBe(
      `/verify?redirectTo=${encodeURIComponent(`/duties/${duty.id}`)}`,
    )
    const after = await db
      .selectFrom('comments')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow()
    expect(after.n).toEqual(before.n)
  })

  it('lets unit staff answer officially only on their own unit’s duty', async () => {
    const { db } = database.current
    const officer = await db
      .selectFrom('staff_users as s')
      .innerJoin('duties as d', 'd.unit_id', 's.unit_id')
      .select(['s.email', 's.unit_id'])
      .where('s.role', '=', 'unit_staff')
      .executeTakeFirstOrThrow()
    const own = await db
      .selectFrom('duties')
      .select('id')
      .where('unit_id', '=', officer.unit_id!)
      .executeTakeFirstOrThrow()
    const other = await db
      .selectFrom('duties')
      .select('id')
      .where('unit_id', '!=', officer.unit_id!)
      .executeTakeFirstOrThrow()
    const cookie = await staffCookie(officer.email)
    const ok = (await settle(() =>
      dutyAction({
        request: formRequest(
          `/duties/${own.id}`,
          { intent: 'official', body: '已安排专人跟进。' },
          { cookie },
        ),
        params: { id: String(own.id) },
        context: {},
      }),
    )) as Response
    expect(ok.status).toBe(302)
    const answer = await db
      .selectFrom('comments')
      .selectAll()
      .where('duty_id', '=', own.id)
      .where('official', '=', true)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(answer.status).toBe('published')
    const refused = (await settle(() =>
      dutyAction({
        request: formRequest(
          `/duties/${other.id}`,
          { intent: 'official', body: '越权回复' },
          { cookie },
        ),
        params: { id: String(other.id) },
        context: {},
      }),
    )) as Response
    expect(refused.status).toBe(403)
    const page = (await dutyLoader({
      request: getRequest(`/duties/${own.id}`, cookie),
      params: { id: String(own.id) },
      context: {},
    })) as Awaited<ReturnType<typeof dutyLoader>>
    expect(page.viewer.canAnswer).toBe(true)
  })
})

describe('ratings', () => {
  it('one per verified person, changeable while resolved, shown apart from reporters’', async () => {
    const { db } = database.current
    const duty = await dutyWithStatus('resolved')
    const cookie = await verifiedCookie('rater@example.com')
    const rate = (level: string) =>
      settle(() =>
        dutyAction({
          request: formRequest(`/duties/${duty.id}`, { intent: 'rate', level }, { cookie }),
          params: { id: String(duty.id) },
          context: {},
        }),
      )
    expect(((await rate('2')) as Response).status).toBe(302)
    expect(((await rate('5')) as Response).status).toBe(302)
    const bad = (await rate('9')) as { init: ResponseInit }
    expect(bad.init.status).toBe(400)
    const mine = await db
      .selectFrom('ratings')
      .innerJoin('public_users', 'public_users.id', 'ratings.public_user_id')
      .select(['ratings.level'])
      .where('public_users.email', '=', 'rater@example.com')
      .execute()
    expect(mine).toEqual([{ level: 5 }])
    // A public 不满意 needs no reason and opens no review.
    const reviews = await db
      .selectFrom('duty_reviews')
      .selectAll()
      .where('duty_id', '=', duty.id)
      .execute()
    expect(reviews).toEqual([])

    const summary = await ratingSummary(db, duty.id)
    expect(summary.public.total).toBe(1)
    expect(summary.public.levels[5]).toBe(1)
    expect(summary.reporters.total).toBe(0)

    const closed = await dutyWithStatus('closed')
    await expect(
      rateDuty(db, { dutyId: closed.id, rater: { publicUserId: 1 }, level: 4, reason: null }),
    ).rejects.toBeInstanceOf(DomainError)
    const closedSummary = await ratingSummary(db, closed.id)
    expect(closedSummary.reporters.total).toBe(1)
    expect(closedSummary.public.total).toBe(3)
  })

  it('a reporter’s 不满意 needs a reason, opens a review, and the coordinator reopens the duty publicly', async () => {
    const { db } = database.current
    const duty = await db
      .selectFrom('duties')
      .selectAll()
      .where('status', '=', 'resolved')
      .where((eb) =>
        eb.exists(
          eb.selectFrom('duty_reports').whereRef('duty_id', '=', 'duties.id').select('duty_id'),
        ),
      )
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    const report = await db
      .selectFrom('duty_reports as dr')
      .innerJoin('reports as r', 'r.id', 'dr.report_id')
      .select(['r.id', 'r.follow_token'])
      .where('dr.duty_id', '=', duty.id)
      .executeTakeFirstOrThrow()
    const post = (fields: Record<string, string>) =>
      settle(() =>
        rateAction({
          request: formRequest(`/rate/${report.follow_token}`, { intent: 'rate', ...fields }),
          params: { token: report.follow_token },
          context: {},
        }),
      )
    const noReason = (await post({ level: '1' })) as {
      init: ResponseInit
      data: { result: { error: Record<string, string[]> } }
    }
    expect(noReason.init.status).toBe(400)
    expect(noReason.data.result.error.reason).toEqual(['verdict.rate.reasonRequired'])
    expect(((await post({ level: '1', reason: '路面还是坑洼不平' })) as Response).status).toBe(302)
    const review = await db
      .selectFrom('duty_reviews')
      .selectAll()
      .where('duty_id', '=', duty.id)
      .executeTakeFirstOrThrow()
    expect(review.status).toBe('open')
    expect(review.reason).toBe('路面还是坑洼不平')
    // Rating again does not open a second review.
    await post({ level: '2', reason: '还是不行' })
    expect(
      await db.selectFrom('duty_reviews').selectAll().where('duty_id', '=', duty.id).execute(),
    ).toHaveLength(1)
    expect((await ratingSummary(db, duty.id)).reporters.levels[2]).toBe(1)

    // The window does not close a duty under review.
    const far = new Date(Date.now() + 60 * 86_400_000)
    await runRatingJobs(db, { publicUrl: 'http://x', now: far })
    expect(
      (
        await db
          .selectFrom('duties')
          .select('status')
          .where('id', '=', duty.id)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('resolved')

    const coordinator = await staffCookie('coordinator@kaimen.local')
    const past = (await reviewsAction({
      request: formRequest(
        '/staff/reviews',
        { intent: 'reopen', reviewId: String(review.id), deadline: '2020-01-01' },
        { cookie: coordinator },
      ),
      params: {},
      context: {},
    })) as { init: ResponseInit }
    expect(past.init.status).toBe(400)
    const done = (await settle(() =>
      reviewsAction({
        request: formRequest(
          '/staff/reviews',
          { intent: 'reopen', reviewId: String(review.id) },
          { cookie: coordinator },
        ),
        params: {},
        context: {},
      }),
    )) as Response
    expect(done.status).toBe(302)
    const reopened = await db
      .selectFrom('duties')
      .selectAll()
      .where('id', '=', duty.id)
      .executeTakeFirstOrThrow()
    expect(reopened.status).toBe('in_progress')
    expect(reopened.reopened_count).toBe(duty.reopened_count + 1)
    expect(reopened.deadline).toBe(addWorkingDays(chinaToday(), 15))
    const event = await db
      .selectFrom('events')
      .selectAll()
      .where('duty_id', '=', duty.id)
      .where('type', '=', 'duty.reopened')
      .executeTakeFirstOrThrow()
    expect(event.public).toBe(true)
    expect(event.data).toMatchObject({ reason: '路面还是坑洼不平', deadline: reopened.deadline })
    await expect(
      decideReview(db, {
        reviewId: review.id,
        staffId: 1,
        publicUrl: 'http://localhost:3000',
        decision: 'dismiss',
        note: 'x',
      }),
    ).rejects.toBeInstanceOf(DomainError)
  })

  it('invites reporters once, reminds once after 3 working days, closes after the window', async () => {
    const { db } = database.current
    // A duty resolved just now, the way its unit resolves it.
    const working = await dutyWithStatus('in_progress')
    const duty = await db.transaction().execute((trx) =>
      transitionDuty(trx, {
        dutyId: working.id,
        action: 'resolve',
        actor: 'staff:unit',
        patch: { resolution_summary: '已完成整改。', progress: 100 },
      }),
    )
    const report = await db
      .selectFrom('duty_reports as dr')
      .innerJoin('reports as r', 'r.id', 'dr.report_id')
      .select(['r.id', 'r.contact_email'])
      .where('dr.duty_id', '=', duty.id)
      .executeTakeFirstOrThrow()
    await db.deleteFrom('ratings').where('report_id', '=', report.id).execute()
    const outbox = (template: string) =>
      db
        .selectFrom('email_outbox')
        .selectAll()
        .where('template', '=', template)
        .where('to_address', '=', report.contact_email!)
        .where('dedupe_key', 'like', `%:${duty.id}:${report.id}:%`)
        .execute()
    await runRatingJobs(db, { publicUrl: 'http://kaimen.test' })
    await runRatingJobs(db, { publicUrl: 'http://kaimen.test' })
    const invitations = await outbox('rating-invitation')
    expect(invitations).toHaveLength(1)
    expect(JSON.stringify(invitations[0]!.props)).toContain('http://kaimen.test/rate/')
    expect(await outbox('rating-reminder')).toHaveLength(0)

    const day = 86_400_000
    const afterThree = new Date(`${addWorkingDays(chinaToday(), 3)}T12:00:00+08:00`)
    await runRatingJobs(db, { publicUrl: 'http://kaimen.test', now: afterThree })
    await runRatingJobs(db, {
      publicUrl: 'http://kaimen.test',
      now: new Date(afterThree.getTime() + day),
    })
    expect(await outbox('rating-reminder')).toHaveLength(1)
    expect(
      (
        await db
          .selectFrom('duties')
          .select('status')
          .where('id', '=', duty.id)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('resolved')

    const window = 10
    const afterWindow = new Date(`${addWorkingDays(chinaToday(), window)}T12:00:00+08:00`)
    const result = await runRatingJobs(db, { publicUrl: 'http://kaimen.test', now: afterWindow })
    expect(result.closed).toBeGreaterThan(0)
    const closed = await db
      .selectFrom('duties')
      .selectAll()
      .where('id', '=', duty.id)
      .executeTakeFirstOrThrow()
    expect(closed.status).toBe('closed')
    const closing = await db
      .selectFrom('events')
      .selectAll()
      .where('duty_id', '=', duty.id)
      .where('type', '=', 'duty.closed')
      .executeTakeFirstOrThrow()
    expect(closing.actor).toBe('system')
  })

  it('a unit appeals a rating on its own duty; the coordinator’s decision is public', async () => {
    const { db } = database.current
    const rating = await db
      .selectFrom('ratings as r')
      .innerJoin('duties as d', 'd.id', 'r.duty_id')
      .select(['r.id', 'd.unit_id', 'd.id as duty_id'])
      .where('r.status', '=', 'valid')
      .orderBy('r.id')
      .executeTakeFirstOrThrow()
    const officer = await db
      .selectFrom('staff_users')
      .select('id')
      .where('unit_id', '=', rating.unit_id)
      .executeTakeFirst()
    const staffId = officer?.id ?? 1
    await expect(
      appealRating(db, {
        ratingId: rating.id,
        staffId,
        unitId: rating.unit_id + 1000,
        reason: '恶意评价',
      }),
    ).rejects.toBeInstanceOf(DomainError)
    await appealRating(db, {
      ratingId: rating.id,
      staffId,
      unitId: rating.unit_id,
      reason: '评价人并非该小区居民',
    })
    await expect(
      appealRating(db, {
        ratingId: rating.id,
        staffId,
        unitId: rating.unit_id,
        reason: '再次申诉',
      }),
    ).rejects.toBeInstanceOf(DomainError)
    const appeal = await db
      .selectFrom('rating_appeals')
      .selectAll()
      .where('rating_id', '=', rating.id)
      .executeTakeFirstOrThrow()
    await decideAppeal(db, {
      appealId: appeal.id,
      staffId: 1,
      decision: 'upheld',
      note: '经核实属误评',
    })
    expect(
      (
        await db
          .selectFrom('ratings')
          .select('status')
          .where('id', '=', rating.id)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('voided')
    const event = await db
      .selectFrom('events')
      .selectAll()
      .where('duty_id', '=', rating.duty_id)
      .where('type', '=', 'rating.appeal_decided')
      .executeTakeFirstOrThrow()
    expect(event.public).toBe(true)
    expect(event.data).toMatchObject({ decision: 'upheld', note: '经核实属误评' })
  })
})
