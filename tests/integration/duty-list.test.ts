import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../db/seed'
import { createReport } from '../../app/reporting/report.server'
import { acceptIntoNewDuty } from '../../app/duties/triage/triage-decisions.server'
import { addWorkingDays, chinaToday } from '../../app/duties/working-days'
import { action as signIn } from '../../app/routes/sign-in'
import { loader as listLoader } from '../../app/routes/staff.duties._index'
import { action as dutyAction, loader as dutyLoader } from '../../app/routes/staff.duties.$dutyId'
import { loader as followLoader } from '../../app/routes/follow.$token'
import { loader as unitsLoader } from '../../app/routes/units._index'
import { loader as unitLoader } from '../../app/routes/units.$slug'
import { translator } from '../../app/platform/i18n'
import { showMessage } from '../../app/platform/text'
import { setupTestDatabase } from '../support/database'
import { BASE, cookieFrom, formRequest, getRequest, settle } from '../support/requests'

process.env.UPLOAD_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'kaimen-duties-'))
const database = setupTestDatabase()
const db = () => database.current.db

const cookies = { coordinator: '', huangpu: '', housing: '', admin: '' }
let huangpuUnitId = 0
let coordinatorId = 0
let dutyId = 0
let followToken = ''
const reporterEmail = 'duty-reporter@example.com'

async function signInAs(email: string, password: string): Promise<string> {
  const response = await settle(() =>
    signIn({ request: formRequest('/sign-in', { email, password }), params: {}, context: {} }),
  )
  expect((response as Response).status).toBe(302)
  return cookieFrom(response as Response)
}

async function newDuty(email = reporterEmail) {
  const category = await db()
    .selectFrom('categories')
    .select('id')
    .where('slug', '=', 'sanitation')
    .executeTakeFirstOrThrow()
  const community = await db()
    .selectFrom('areas as c')
    .innerJoin('areas as s', 's.id', 'c.parent_id')
    .select('c.id')
    .where('s.code', '=', 'hp-huangpu')
    .where('c.level', '=', 'community')
    .executeTakeFirstOrThrow()
  const report = await createReport(
    db(),
    {
      kind: 'concern',
      categoryId: category.id,
      areaId: community.id,
      title: '垃圾站臭气熏天',
      body: '小区旁边的垃圾站夏天臭味很大，希望每天清洗并加盖。',
      contactName: '王芳',
      contactMobile: '13900001111',
      contactEmail: email,
      display: 'masked',
    },
    [],
    { locale: 'zh-CN', publicUrl: 'http://localhost:3000' },
  )
  const { dutyId: id } = await acceptIntoNewDuty(
    db(),
    {
      reportId: report.id,
      unitId: huangpuUnitId,
      coUnitIds: [],
      title: '垃圾站除臭',
      commitment: '每天清洗垃圾站并加装密闭盖',
      leaderName: '李明',
      leaderTitle: '副主任',
      mode: 'deadline',
      deadline: addWorkingDays(chinaToday(), 10),
    },
    { staffId: coordinatorId, publicUrl: 'http://localhost:3000' },
  )
  return { dutyId: id, report }
}

async function version(id = dutyId): Promise<number> {
  const row = await db()
    .selectFrom('duties')
    .select('version')
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
  return row.version
}

function act(fields: Record<string, string>, cookie: string, id = dutyId) {
  return settle(() =>
    dutyAction({
      request: formRequest(`/staff/duties/${id}`, fields, { cookie }),
      params: { dutyId: String(id) },
      context: {},
    }),
  )
}

function load(cookie: string, id = dutyId) {
  return settle(() =>
    dutyLoader({
      request: getRequest(`/staff/duties/${id}`, cookie),
      params: { dutyId: String(id) },
      context: {},
    }),
  )
}

async function photo(color: string) {
  const buffer = await sharp({ create: { width: 64, height: 48, channels: 3, background: color } })
    .jpeg()
    .toBuffer()
  return new File([new Uint8Array(buffer)], 'photo.jpg', { type: 'image/jpeg' })
}

function multipart(fields: Record<string, string | File>, cookie: string, id = dutyId) {
  const form = new FormData()
  for (const [k, v] of Object.entries(fields)) form.append(k, v)
  return settle(() =>
    dutyAction({
      request: new Request(`${BASE}/staff/duties/${id}`, {
        method: 'POST',
        body: form,
        headers: { origin: BASE, cookie },
      }),
      params: { dutyId: String(id) },
      context: {},
    }),
  )
}

async function written() {
  const n = async (
    table: 'milestones' | 'events' | 'email_outbox' | 'progress_updates' | 'attachments',
  ) =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string | number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  const duty = await db()
    .selectFrom('duties')
    .select(['status', 'version', 'progress'])
    .where('id', '=', dutyId)
    .executeTakeFirstOrThrow()
  return {
    duty,
    milestones: await n('milestones'),
    events: await n('events'),
    emails: await n('email_outbox'),
    updates: await n('progress_updates'),
    attachments: await n('attachments'),
  }
}

const status = (r: unknown) =>
  r instanceof Response ? r.status : ((r as { init?: ResponseInit }).init?.status ?? 200)

beforeAll(async () => {
  await seed(db(), { demo: true })
  cookies.coordinator = await signInAs('coordinator@kaimen.local', 'kaimen-coordinator')
  cookies.huangpu = await signInAs('huangpu@kaimen.local', 'kaimen-huangpu')
  cookies.housing = await signInAs('housing@kaimen.local', 'kaimen-housing')
  cookies.admin = await signInAs('admin@kaimen.local', 'kaimen-admin')
  huangpuUnitId = (
    await db()
      .selectFrom('units')
      .select('id')
      .where('slug', '=', 'huangpu-street')
      .executeTakeFirstOrThrow()
  ).id
  coordinatorId = (
    await db()
      .selectFrom('staff_users')
      .select('id')
      .where('role', '=', 'coordinator')
      .executeTakeFirstOrThrow()
  ).id
  const created = await newDuty()
  dutyId = created.dutyId
  followToken = created.report.followToken
})

describe('a unit’s duty list', () => {
  it('shows unit staff only their own unit’s duties, whatever the address asks', async () => {
    const own = await listLoader({
      request: getRequest('/staff/duties', cookies.huangpu),
      params: {},
      context: {},
    })
    expect(own.duties.map((d) => d.id)).toContain(dutyId)
    const unitIds = await db()
      .selectFrom('duties')
      .select(['id', 'unit_id'])
      .where(
        'id',
        'in',
        own.duties.map((d) => d.id),
      )
      .execute()
    expect(new Set(unitIds.map((d) => d.unit_id))).toEqual(new Set([huangpuUnitId]))
    const mine = own.duties.find((d) => d.id === dutyId)!
    expect(mine).toMatchObject({ status: 'assigned', daysLeft: 10, overdue: false })
    expect(mine.reports).toHaveLength(1)

    const other = await listLoader({
      request: getRequest(`/staff/duties?unit=${huangpuUnitId}`, cookies.housing),
      params: {},
      context: {},
    })
    expect(other.duties.map((d) => d.id)).not.toContain(dutyId)
    expect(other.units).toEqual([])
  })

  it('shows the coordinator every unit’s, filtered by unit and status', async () => {
    const all = await listLoader({
      request: getRequest('/staff/duties', cookies.coordinator),
      params: {},
      context: {},
    })
    const total = await db()
      .selectFrom('duties')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(all.duties).toHaveLength(Number(total.n))
    expect(all.units.length).toBeGreaterThan(1)
    const filtered = await listLoader({
      request: getRequest(
        `/staff/duties?unit=${huangpuUnitId}&status=assigned`,
        cookies.coordinator,
      ),
      params: {},
      context: {},
    })
    expect(filtered.duties.map((d) => d.id)).toContain(dutyId)
    expect(filtered.duties.every((d) => d.status === 'assigned')).toBe(true)
    expect(all.duties.some((d) => d.overdue)).toBe(true)
  })

  it('is closed to the admin and to anonymous visitors', async () => {
    const admin = await settle(() =>
      listLoader({ request: getRequest('/staff/duties', cookies.admin), params: {}, context: {} }),
    )
    expect(status(admin)).toBe(403)
    const anonymous = await settle(() =>
      listLoader({ request: getRequest('/staff/duties'), params: {}, context: {} }),
    )
    expect(status(anonymous)).toBe(302)
  })
})

describe('a duty page', () => {
  it('opens for its own unit and the coordinator; another unit gets 404', async () => {
    const own = (await load(cookies.huangpu)) as Awaited<ReturnType<typeof dutyLoader>>
    expect(own.duty.id).toBe(dutyId)
    expect(own.canAct).toBe(true)
    const coordinator = (await load(cookies.coordinator)) as Awaited<ReturnType<typeof dutyLoader>>
    expect(coordinator.canAct).toBe(false)
    expect(status(await load(cookies.housing))).toBe(404)
    expect(status(await load(cookies.admin))).toBe(403)
    expect(status(await load(''))).toBe(302)
    expect(status(await load(cookies.huangpu, 99999999))).toBe(404)
  })

  it('refuses every action to another unit (404), the coordinator and admin (403) and anonymous visitors', async () => {
    const before = await written()
    const v = String(await version())
    const intents: Array<Record<string, string>> = [
      { intent: 'milestone', version: v, title: '现场核查' },
      { intent: 'tick', version: v, milestoneId: '1', done: 'yes' },
      { intent: 'progress', version: v, body: '已安排清洗' },
      { intent: 'start', version: v },
      { intent: 'resolve', version: v, summary: '已完成整改' },
    ]
    for (const fields of intents) {
      expect(status(await act(fields, cookies.housing))).toBe(404)
      expect(status(await act(fields, cookies.coordinator))).toBe(403)
      expect(status(await act(fields, cookies.admin))).toBe(403)
      expect(status(await act(fields, ''))).toBe(302)
    }
    const crossSite = await settle(() =>
      dutyAction({
        request: formRequest(
          `/staff/duties/${dutyId}`,
          { intent: 'start', version: v },
          { cookie: cookies.huangpu, headers: { origin: 'https://evil.example' } },
        ),
        params: { dutyId: String(dutyId) },
        context: {},
      }),
    )
    expect(status(crossSite)).toBe(403)
    expect(await written()).toEqual(before)
  })

  it('breaks a duty into milestones; ticking them derives the public percent', async () => {
    for (const title of ['现场核查', '清洗垃圾站', '加装密闭盖']) {
      const response = await act(
        {
          intent: 'milestone',
          version: String(await version()),
          title,
          dueOn: addWorkingDays(chinaToday(), 3),
        },
        cookies.huangpu,
      )
      expect(status(response)).toBe(302)
    }
    const bad = await act(
      { intent: 'milestone', version: String(await version()), title: ' ', dueOn: '31/12' },
      cookies.huangpu,
    )
    expect(status(bad)).toBe(400)
    expect(JSON.stringify(bad)).toContain('validation.required')
    expect(JSON.stringify(bad)).toContain('duties.errors.date')

    const page = (await load(cookies.huangpu)) as Awaited<ReturnType<typeof dutyLoader>>
    expect(page.milestones.map((m) => m.title)).toEqual(['现场核查', '清洗垃圾站', '加装密闭盖'])
    expect(page.duty.progress).toBe(0)
    const tick = await act(
      {
        intent: 'tick',
        version: String(await version()),
        milestoneId: String(page.milestones[0]!.id),
        done: 'yes',
      },
      cookies.huangpu,
    )
    expect(status(tick)).toBe(302)
    expect((await written()).duty.progress).toBe(33)
    // A percent typed into the form is ignored: there is no such field.
    await act(
      {
        intent: 'tick',
        version: String(await version()),
        milestoneId: String(page.milestones[1]!.id),
        done: 'yes',
        progress: '100',
      },
      cookies.huangpu,
    )
    expect((await written()).duty.progress).toBe(67)
    await act(
      {
        intent: 'tick',
        version: String(await version()),
        milestoneId: String(page.milestones[1]!.id),
        done: 'no',
      },
      cookies.huangpu,
    )
    expect((await written()).duty.progress).toBe(33)
    // Another duty's milestone cannot be ticked through this one.
    const foreign = await db()
      .selectFrom('milestones')
      .select('id')
      .where('duty_id', '!=', dutyId)
      .executeTakeFirstOrThrow()
    const wrong = await act(
      {
        intent: 'tick',
        version: String(await version()),
        milestoneId: String(foreign.id),
        done: 'yes',
      },
      cookies.huangpu,
    )
    expect(status(wrong)).toBe(404)
  })

  it('posts progress with before/after photos, which starts the duty and tells the reporter', async () => {
    const response = await multipart(
      {
        intent: 'progress',
        version: String(await version()),
        body: '已完成现场核查，安排每天两次清洗。',
        before: await photo('#884400'),
        after: await photo('#44aa66'),
      },
      cookies.huangpu,
    )
    expect(status(response)).toBe(302)
    const after = await written()
    expect(after.duty.status).toBe('in_progress')
    const update = await db()
      .selectFrom('progress_updates')
      .selectAll()
      .where('duty_id', '=', dutyId)
      .executeTakeFirstOrThrow()
    expect(update.progress).toBe(33)
    const photos = await db()
      .selectFrom('attachments')
      .select('role')
      .where('progress_update_id', '=', update.id)
      .orderBy('role')
      .execute()
    expect(photos.map((p) => p.role)).toEqual(['after', 'before'])
    const email = await db()
      .selectFrom('email_outbox')
      .select(['to_address', 'props'])
      .where(
        'dedupe_key',
        '=',
        `report-progress:${(await db().selectFrom('duty_reports').select('report_id').where('duty_id', '=', dutyId).executeTakeFirstOrThrow()).report_id}:u${update.id}`,
      )
      .executeTakeFirstOrThrow()
    expect(email.to_address).toBe(reporterEmail)
    expect(email.props).toMatchObject({ step: 'progress' })

    const notPhoto = await multipart(
      {
        intent: 'progress',
        version: String(await version()),
        body: '再次更新',
        before: new File(['not an image'], 'x.jpg', { type: 'image/jpeg' }),
      },
      cookies.huangpu,
    )
    expect(status(notPhoto)).toBe(400)
    expect(JSON.stringify(notPhoto)).toContain('report.errors.photoNotImage')
    expect(JSON.stringify(notPhoto)).toContain('再次更新')
  })

  it('refuses an illegal transition with a clear message', async () => {
    const before = await written()
    const response = await act(
      { intent: 'start', version: String(await version()) },
      cookies.huangpu,
    )
    expect(status(response)).toBe(409)
    expect(JSON.stringify(response)).toContain('duties.duty.illegal')
    // The status is named in the reader's language when the form shows the message.
    const [message] = (response as { data: { result: { error: Record<string, string[]> } } }).data
      .result.error['']!
    expect(showMessage(message!, translator('zh-CN'))).toContain('整改中')
    expect(await written()).toEqual(before)
  })

  it('never overwrites a colleague’s change: a stale version is refused, nothing written', async () => {
    const stale = String((await version()) - 1)
    const before = await written()
    const attempts: Array<Record<string, string>> = [
      { intent: 'milestone', version: stale, title: '回访群众' },
      { intent: 'progress', version: stale, body: '这条不应保存' },
      { intent: 'resolve', version: stale, summary: '这条也不应保存' },
      {
        intent: 'tick',
        version: stale,
        milestoneId: String(
          (
            await db()
              .selectFrom('milestones')
              .select('id')
              .where('duty_id', '=', dutyId)
              .executeTakeFirstOrThrow()
          ).id,
        ),
        done: 'no',
      },
    ]
    for (const fields of attempts) {
      const response = await act(fields, cookies.huangpu)
      expect(status(response)).toBe(409)
      expect(JSON.stringify(response)).toContain('duties.conflict')
    }
    expect(await written()).toEqual(before)
  })

  it('resolves with a summary and evidence: steps ticked, reporter and coordinator told', async () => {
    const response = await multipart(
      {
        intent: 'resolve',
        version: String(await version()),
        summary: '垃圾站已加装密闭盖，每天清洗两次，异味消除。',
        after: await photo('#2277cc'),
      },
      cookies.huangpu,
    )
    expect(status(response)).toBe(302)
    const duty = await db()
      .selectFrom('duties')
      .selectAll()
      .where('id', '=', dutyId)
      .executeTakeFirstOrThrow()
    expect(duty).toMatchObject({
      status: 'resolved',
      progress: 100,
      resolution_summary: '垃圾站已加装密闭盖，每天清洗两次，异味消除。',
    })
    const open = await db()
      .selectFrom('milestones')
      .select('id')
      .where('duty_id', '=', dutyId)
      .where('done_at', 'is', null)
      .execute()
    expect(open).toEqual([])
    const emails = await db()
      .selectFrom('email_outbox')
      .select(['to_address', 'template'])
      .where((eb) =>
        eb.or([
          eb('dedupe_key', 'like', `duty-resolved:${dutyId}:%`),
          eb('dedupe_key', 'like', 'report-resolved:%'),
        ]),
      )
      .execute()
    // The reporter hears of the resolution once, by the rating invitation (reopening.test.ts).
    expect(emails).not.toContainEqual({ to_address: reporterEmail, template: 'report-update' })
    expect(emails).toContainEqual({
      to_address: 'coordinator@kaimen.local',
      template: 'duty-resolved',
    })

    const more = await act(
      { intent: 'progress', version: String(await version()), body: '再补充一条' },
      cookies.huangpu,
    )
    expect(status(more)).toBe(409)
    expect(JSON.stringify(more)).toContain('duties.duty.notOpen')
    const again = await act(
      { intent: 'resolve', version: String(await version()), summary: '再次标记' },
      cookies.huangpu,
    )
    expect(JSON.stringify(again)).toContain('duties.duty.illegal')
  })

  it('shows every step on the reporter’s follow page, evidence included', async () => {
    const follow = await followLoader({
      request: getRequest(`/follow/${followToken}`),
      params: { token: followToken },
      context: {},
    })
    expect(follow.timeline.map((e) => e.type)).toEqual([
      'report.submitted',
      'report.accepted',
      'duty.assigned',
      'duty.milestone',
      'duty.milestone',
      'duty.started',
      'duty.progress',
      'duty.resolved',
    ])
    const resolved = follow.timeline.find((e) => e.type === 'duty.resolved')!
    expect(resolved.data.summary).toBe('垃圾站已加装密闭盖，每天清洗两次，异味消除。')
    expect(resolved.progress?.photos.map((p) => p.role)).toEqual(['after'])
    const progress = follow.timeline.find((e) => e.type === 'duty.progress')!
    expect(progress.progress?.photos).toHaveLength(2)
    expect(follow.duty?.status).toBe('resolved')
    // Private steps (a milestone unticked, steps ticked on resolving) stay off the public record.
    expect(JSON.stringify(follow.timeline)).not.toContain('milestone_undone')
  })
})

describe('the public unit directory and duty list', () => {
  it('lists every unit with its counts, and each unit’s duties without anything private', async () => {
    const directory = await unitsLoader({ request: getRequest('/units'), params: {}, context: {} })
    const huangpu = directory.units.find((u) => u.slug === 'huangpu-street')!
    expect(huangpu.total).toBeGreaterThan(0)
    const page = await unitLoader({
      request: getRequest('/units/huangpu-street'),
      params: { slug: 'huangpu-street' },
      context: {},
    })
    const duty = page.duties.find((d) => d.id === dutyId)!
    expect(duty).toMatchObject({
      commitment: '每天清洗垃圾站并加装密闭盖',
      leaderName: '李明',
      leaderTitle: '副主任',
      mode: 'deadline',
      status: 'resolved',
      progress: 100,
      reports: 1,
    })
    const json = JSON.stringify(page)
    expect(json).not.toContain(reporterEmail)
    expect(json).not.toContain('13900001111')
    expect(json).not.toContain('王芳')
    expect(json).not.toContain(followToken)
    const missing = await settle(() =>
      unitLoader({ request: getRequest('/units/nope'), params: { slug: 'nope' }, context: {} }),
    )
    expect(status(missing)).toBe(404)
  })

  it('carries the unit’s own scoreboard for the chosen period, the campaign when the period is bad', async () => {
    const quarter = await unitLoader({
      request: getRequest('/units/huangpu-street?period=2026-Q4'),
      params: { slug: 'huangpu-street' },
      context: {},
    })
    expect(quarter.scoreboard?.period).toBe('2026-Q4')
    // The chart travels once: the page links its image, the loader data holds no drawing.
    expect(JSON.stringify(quarter)).not.toContain('<svg')
    const src = quarter.scoreboard!.charts.trend.src
    const { loader: chartLoader } = await import('../../app/routes/charts.$name')
    const image = await chartLoader({
      request: getRequest(src),
      params: { name: 'trend.svg' },
      context: {},
    })
    expect(image.headers.get('content-type')).toMatch(/^image\/svg\+xml/)
    expect(await image.text()).toMatch(/^<svg [^>]*role="img"/)
    const bad = await unitLoader({
      request: getRequest('/units/huangpu-street?period=nonsense'),
      params: { slug: 'huangpu-street' },
      context: {},
    })
    expect(bad.scoreboard?.period).toBe('campaign')
  })

  it('pages a long list by keyset, each duty once', async () => {
    for (let i = 0; i < 22; i++) await newDuty(`bulk-${i}@example.com`)
    const seen: number[] = []
    let url = '/units/huangpu-street'
    for (let pages = 0; pages < 20; pages++) {
      const page = await unitLoader({
        request: getRequest(url),
        params: { slug: 'huangpu-street' },
        context: {},
      })
      expect(page.duties.length).toBeLessThanOrEqual(20)
      seen.push(...page.duties.map((d) => d.id))
      if (!page.nextBefore) break
      url = `/units/huangpu-street?before=${page.nextBefore}`
    }
    const all = await db()
      .selectFrom('duties')
      .select('id')
      .where('unit_id', '=', huangpuUnitId)
      .orderBy('id', 'desc')
      .execute()
    expect(seen).toEqual(all.map((d) => d.id))
    expect(seen.length).toBeGreaterThan(20)
  })
})
