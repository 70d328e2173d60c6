import { beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../db/seed'
import { createReport } from '../../app/reporting/report.server'
import { addWorkingDays, chinaToday } from '../../app/duties/working-days'
import { action as signIn } from '../../app/routes/sign-in'
import { loader as queueLoader } from '../../app/routes/staff.triage._index'
import { action as caseAction, loader as caseLoader } from '../../app/routes/staff.triage.$reportId'
import { loader as followLoader } from '../../app/routes/follow.$token'
import { setupTestDatabase } from '../support/database'
import { cookieFrom, formRequest, getRequest, settle } from '../support/requests'

const database = setupTestDatabase()
const db = () => database.current.db

const cookies = { coordinator: '', huangpu: '', admin: '' }
let huangpuUnitId = 0
let housingUnitId = 0
let categoryId = 0
let communityId = 0
let otherStreetCommunityId = 0

async function signInAs(email: string, password: string): Promise<string> {
  const response = await settle(() =>
    signIn({ request: formRequest('/sign-in', { email, password }), params: {}, context: {} }),
  )
  expect((response as Response).status).toBe(302)
  return cookieFrom(response as Response)
}

let sequence = 0
async function newReport(overrides: { title?: string; areaId?: number; kind?: 'concern' } = {}) {
  sequence += 1
  return createReport(
    db(),
    {
      kind: overrides.kind ?? 'concern',
      categoryId,
      areaId: overrides.areaId ?? communityId,
      title: overrides.title ?? `小区门口路灯不亮第${sequence}处`,
      body: '晚上小区门口一片漆黑，老人出入很不方便，希望尽快修好路灯。',
      contactName: '测试居民',
      contactMobile: '13800138000',
      contactEmail: `reporter-${sequence}@example.com`,
      display: 'masked',
    },
    [],
    { locale: 'zh-CN', publicUrl: 'http://localhost:3000' },
  )
}

function post(reportId: number, fields: Record<string, string | string[]>, cookie: string) {
  return settle(() =>
    caseAction({
      request: formRequest(`/staff/triage/${reportId}`, fields, { cookie }),
      params: { reportId: String(reportId) },
      context: {},
    }),
  )
}

const acceptFields = (extra: Record<string, string | string[]> = {}) => ({
  intent: 'new',
  unit: String(huangpuUnitId),
  title: '修复小区门口路灯',
  commitment: '一周内更换损坏的路灯并加装一盏',
  leaderName: '李明',
  leaderTitle: '街道办事处副主任',
  mode: 'deadline',
  deadline: addWorkingDays(chinaToday(), 10),
  ...extra,
})

async function counts() {
  const n = async (table: 'duties' | 'events' | 'email_outbox' | 'duty_reports') =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string | number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  return {
    duties: await n('duties'),
    events: await n('events'),
    emails: await n('email_outbox'),
    links: await n('duty_reports'),
  }
}

beforeAll(async () => {
  await seed(db(), { demo: true })
  cookies.coordinator = await signInAs('coordinator@kaimen.local', 'kaimen-coordinator')
  cookies.huangpu = await signInAs('huangpu@kaimen.local', 'kaimen-huangpu')
  cookies.admin = await signInAs('admin@kaimen.local', 'kaimen-admin')
  const unit = (slug: string) =>
    db().selectFrom('units').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()
  huangpuUnitId = (await unit('huangpu-street')).id
  housingUnitId = (await unit('housing-bureau')).id
  categoryId = (
    await db()
      .selectFrom('categories')
      .select('id')
      .where('slug', '=', 'roads-traffic')
      .executeTakeFirstOrThrow()
  ).id
  const community = async (street: string) =>
    db()
      .selectFrom('areas as c')
      .innerJoin('areas as s', 's.id', 'c.parent_id')
      .select('c.id')
      .where('s.code', '=', street)
      .where('c.level', '=', 'community')
      .orderBy('c.id')
      .executeTakeFirstOrThrow()
  communityId = (await community('hp-huangpu')).id
  otherStreetCommunityId = (await community('hp-yuzhu')).id
})

describe('the triage queue', () => {
  it('is the coordinator’s alone', async () => {
    const anonymous = await settle(() =>
      queueLoader({ request: getRequest('/staff/triage'), params: {}, context: {} }),
    )
    expect((anonymous as Response).status).toBe(302)
    expect((anonymous as Response).headers.get('location')).toMatch(/^\/sign-in/)
    for (const cookie of [cookies.huangpu, cookies.admin]) {
      const refused = await settle(() =>
        queueLoader({ request: getRequest('/staff/triage', cookie), params: {}, context: {} }),
      )
      expect((refused as Response).status).toBe(403)
    }
  })

  it('lists pending reports oldest first, filtered by kind, category and area in the address', async () => {
    const first = await newReport({ title: '路口红绿灯时间太短' })
    const second = await newReport({ title: '人行道砖块松动', areaId: otherStreetCommunityId })
    const all = await queueLoader({
      request: getRequest('/staff/triage', cookies.coordinator),
      params: {},
      context: {},
    })
    const ids = all.items.map((i) => i.id)
    expect(ids.indexOf(first.id)).toBeLessThan(ids.indexOf(second.id))
    expect(ids.indexOf(first.id)).toBeGreaterThan(-1)
    const pending = await db()
      .selectFrom('reports')
      .select('id')
      .where('status', '=', 'pending')
      .orderBy('created_at')
      .orderBy('id')
      .execute()
    expect(ids).toEqual(pending.map((p) => p.id))
    expect(all.total).toBe(pending.length)
    expect(all.items.find((i) => i.id === first.id)?.proposedUnit).toBeTruthy()

    const huangpuStreet = await db()
      .selectFrom('areas')
      .select('id')
      .where('code', '=', 'hp-huangpu')
      .executeTakeFirstOrThrow()
    const filtered = await queueLoader({
      request: getRequest(
        `/staff/triage?kind=concern&category=${categoryId}&area=${huangpuStreet.id}`,
        cookies.coordinator,
      ),
      params: {},
      context: {},
    })
    const filteredIds = filtered.items.map((i) => i.id)
    expect(filteredIds).toContain(first.id)
    expect(filteredIds).not.toContain(second.id)
    const demands = await queueLoader({
      request: getRequest('/staff/triage?kind=demand', cookies.coordinator),
      params: {},
      context: {},
    })
    expect(demands.items.every((i) => i.kind === 'demand')).toBe(true)
    // Nonsense in the address is ignored, not an error.
    const junk = await queueLoader({
      request: getRequest('/staff/triage?kind=x&category=-1&area=abc', cookies.coordinator),
      params: {},
      context: {},
    })
    expect(junk.items.length).toBe(all.items.length)
  })

  it('shows one report with similar ones side by side and a working-day deadline', async () => {
    const a = await newReport({ title: '黄埔东路路灯坏了好几盏' })
    const b = await newReport({ title: '黄埔东路路灯坏了' })
    const page = await caseLoader({
      request: getRequest(`/staff/triage/${b.id}`, cookies.coordinator),
      params: { reportId: String(b.id) },
      context: {},
    })
    expect(page.report.id).toBe(b.id)
    expect(page.similar.map((s) => s.id)).toContain(a.id)
    expect(page.similar.map((s) => s.id)).not.toContain(b.id)
    const category = await db()
      .selectFrom('categories')
      .select('resolution_days')
      .where('id', '=', categoryId)
      .executeTakeFirstOrThrow()
    expect(page.suggestedDeadline).toBe(addWorkingDays(chinaToday(), category.resolution_days))
    expect(page.units.map((u) => u.id)).toContain(huangpuUnitId)
    // The leader each unit named last is offered for the proposed unit.
    const lastHuangpu = await db()
      .selectFrom('duties')
      .select(['leader_name'])
      .where('unit_id', '=', huangpuUnitId)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(page.lastLeaders.find((l) => l.unitId === huangpuUnitId)?.name).toBe(
      lastHuangpu.leader_name,
    )
    const missing = await settle(() =>
      caseLoader({
        request: getRequest('/staff/triage/999999', cookies.coordinator),
        params: { reportId: '999999' },
        context: {},
      }),
    )
    expect((missing as Response).status).toBe(404)
  })
})

describe('triage decisions', () => {
  it('accepts into a new duty in one step: duty, co-units, link, events and emails', async () => {
    const report = await newReport()
    const response = await post(
      report.id,
      acceptFields({ coUnits: [String(housingUnitId), String(huangpuUnitId)] }),
      cookies.coordinator,
    )
    expect((response as Response).status).toBe(302)
    expect((response as Response).headers.get('location')).toBe('/staff/triage?done=accepted')
    const link = await db()
      .selectFrom('duty_reports')
      .selectAll()
      .where('report_id', '=', report.id)
      .executeTakeFirstOrThrow()
    const duty = await db()
      .selectFrom('duties')
      .selectAll()
      .where('id', '=', link.duty_id)
      .executeTakeFirstOrThrow()
    expect(duty).toMatchObject({
      unit_id: huangpuUnitId,
      status: 'assigned',
      mode: 'deadline',
      leader_name: '李明',
      deadline: addWorkingDays(chinaToday(), 10),
    })
    const coUnits = await db()
      .selectFrom('duty_co_units')
      .select('unit_id')
      .where('duty_id', '=', duty.id)
      .execute()
    expect(coUnits.map((c) => c.unit_id)).toEqual([housingUnitId])
    const r = await db()
      .selectFrom('reports')
      .select('status')
      .where('id', '=', report.id)
      .executeTakeFirstOrThrow()
    expect(r.status).toBe('accepted')
    const events = await db()
      .selectFrom('events')
      .select(['type', 'public'])
      .where((eb) => eb.or([eb('report_id', '=', report.id), eb('duty_id', '=', duty.id)]))
      .orderBy('seq')
      .execute()
    expect(events.map((e) => e.type)).toEqual([
      'report.submitted',
      'report.accepted',
      'duty.assigned',
    ])
    const emails = await db()
      .selectFrom('email_outbox')
      .select(['to_address', 'template', 'props'])
      .where('template', 'in', ['report-update', 'duty-assigned'])
      .where((eb) =>
        eb.or([
          eb('to_address', '=', `reporter-${sequence}@example.com`),
          eb('dedupe_key', 'like', `duty-assigned:${duty.id}:%`),
        ]),
      )
      .execute()
    const toReporter = emails.find((e) => e.template === 'report-update')
    expect(toReporter?.props).toMatchObject({
      step: 'accepted',
      followUrl: expect.stringContaining('/follow/'),
    })
    expect(emails.filter((e) => e.template === 'duty-assigned').map((e) => e.to_address)).toContain(
      'huangpu@kaimen.local',
    )

    // The reporter's follow page shows the acceptance and the assignment.
    const follow = await followLoader({
      request: getRequest(`/follow/${report.followToken}`),
      params: { token: report.followToken },
      context: {},
    })
    expect(follow.timeline.map((e) => e.type)).toEqual([
      'report.submitted',
      'report.accepted',
      'duty.assigned',
    ])
    expect(follow.duty?.commitment).toBe('一周内更换损坏的路灯并加装一盏')
  })

  it('refuses bad input beside the field and writes nothing', async () => {
    const report = await newReport()
    const before = await counts()
    const missing = await post(
      report.id,
      acceptFields({ commitment: '   ', unit: '' }),
      cookies.coordinator,
    )
    expect(JSON.stringify(missing)).toContain('validation.required')
    expect(JSON.stringify(missing)).toContain('"commitment"')
    const past = await post(
      report.id,
      acceptFields({ deadline: '2020-01-01' }),
      cookies.coordinator,
    )
    expect(JSON.stringify(past)).toContain('duties.triage.errors.deadlinePast')
    const noDeadline = await post(report.id, acceptFields({ deadline: '' }), cookies.coordinator)
    expect(JSON.stringify(noDeadline)).toContain('duties.triage.errors.deadlineRequired')
    const badDate = await post(report.id, acceptFields({ deadline: '明天' }), cookies.coordinator)
    expect(JSON.stringify(badDate)).toContain('duties.errors.date')
    const unknownUnit = await post(report.id, acceptFields({ unit: '999999' }), cookies.coordinator)
    expect(JSON.stringify(unknownUnit)).toContain('duties.triage.errors.unknownUnit')
    const unknownIntent = await post(report.id, { intent: 'none' }, cookies.coordinator)
    expect((unknownIntent as { init: ResponseInit }).init.status).toBe(400)
    // Typed values come back to be shown again.
    expect(JSON.stringify(past)).toContain('李明')
    expect(await counts()).toEqual(before)
  })

  it('accepts an ongoing duty without a deadline', async () => {
    const report = await newReport()
    const response = await post(
      report.id,
      acceptFields({ mode: 'ongoing', deadline: '' }),
      cookies.coordinator,
    )
    expect((response as Response).status).toBe(302)
    const duty = await db()
      .selectFrom('duty_reports as dr')
      .innerJoin('duties as d', 'd.id', 'dr.duty_id')
      .select(['d.mode', 'd.deadline'])
      .where('dr.report_id', '=', report.id)
      .executeTakeFirstOrThrow()
    expect(duty).toEqual({ mode: 'ongoing', deadline: null })
  })

  it('accepts into an existing open duty, and refuses a closed one', async () => {
    const first = await newReport()
    await post(first.id, acceptFields(), cookies.coordinator)
    const { duty_id } = await db()
      .selectFrom('duty_reports')
      .select('duty_id')
      .where('report_id', '=', first.id)
      .executeTakeFirstOrThrow()
    const second = await newReport()
    const response = await post(
      second.id,
      { intent: 'existing', dutyId: String(duty_id) },
      cookies.coordinator,
    )
    expect((response as Response).status).toBe(302)
    const links = await db()
      .selectFrom('duty_reports')
      .select('report_id')
      .where('duty_id', '=', duty_id)
      .execute()
    expect(links.map((l) => l.report_id).sort()).toEqual([first.id, second.id].sort())
    const emails = await db()
      .selectFrom('email_outbox')
      .select('props')
      .where('dedupe_key', '=', `report-accepted:${second.id}`)
      .execute()
    expect(emails).toHaveLength(1)

    const closed = await db()
      .selectFrom('duties')
      .select('id')
      .where('status', '=', 'closed')
      .executeTakeFirstOrThrow()
    const third = await newReport()
    const refused = await post(
      third.id,
      { intent: 'existing', dutyId: String(closed.id) },
      cookies.coordinator,
    )
    expect(JSON.stringify(refused)).toContain('duties.triage.errors.dutyNotOpen')
  })

  it('merges into another report: the reporter follows the survivor', async () => {
    const survivor = await newReport()
    const duplicate = await newReport()
    const self = await post(
      duplicate.id,
      { intent: 'merge', intoId: String(duplicate.id) },
      cookies.coordinator,
    )
    expect(JSON.stringify(self)).toContain('duties.triage.errors.mergeTarget')
    const response = await post(
      duplicate.id,
      { intent: 'merge', intoId: String(survivor.id) },
      cookies.coordinator,
    )
    expect((response as Response).headers.get('location')).toBe('/staff/triage?done=merged')
    const row = await db()
      .selectFrom('reports')
      .select(['status', 'merged_into_id'])
      .where('id', '=', duplicate.id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ status: 'merged', merged_into_id: survivor.id })
    const follow = await followLoader({
      request: getRequest(`/follow/${duplicate.followToken}`),
      params: { token: duplicate.followToken },
      context: {},
    })
    expect(follow.merged).toBe(true)
    expect(follow.timeline.map((e) => e.type)).toContain('report.merged')
    const email = await db()
      .selectFrom('email_outbox')
      .select('props')
      .where('dedupe_key', '=', `report-merged:${duplicate.id}`)
      .executeTakeFirstOrThrow()
    expect(email.props).toMatchObject({ step: 'merged' })
  })

  it('declines with a public reason, and a decided report cannot be decided again', async () => {
    const report = await newReport()
    const response = await post(
      report.id,
      { intent: 'decline', reason: '属于物业服务合同约定事项，请联系物业公司处理。' },
      cookies.coordinator,
    )
    expect((response as Response).headers.get('location')).toBe('/staff/triage?done=declined')
    const follow = await followLoader({
      request: getRequest(`/follow/${report.followToken}`),
      params: { token: report.followToken },
      context: {},
    })
    expect(follow.current.status).toBe('declined')
    const declined = follow.timeline.find((e) => e.type === 'report.declined')
    expect(declined?.data.reason).toBe('属于物业服务合同约定事项，请联系物业公司处理。')

    const before = await counts()
    const again = await post(report.id, acceptFields(), cookies.coordinator)
    expect((again as { init: ResponseInit }).init.status).toBe(409)
    expect(JSON.stringify(again)).toContain('duties.triage.errors.notPending')
    expect(await counts()).toEqual(before)
  })

  it('refuses every decision to anyone but the coordinator, and cross-site posts', async () => {
    const report = await newReport()
    const before = await counts()
    const intents: Array<Record<string, string>> = [
      acceptFields(),
      { intent: 'decline', reason: '不属于受理范围的问题' },
      { intent: 'merge', intoId: '1' },
      { intent: 'existing', dutyId: '1' },
    ]
    for (const fields of intents) {
      for (const cookie of [cookies.huangpu, cookies.admin]) {
        expect(((await post(report.id, fields, cookie)) as Response).status).toBe(403)
      }
      const anonymous = (await post(report.id, fields, '')) as Response
      expect(anonymous.status).toBe(302)
      expect(anonymous.headers.get('location')).toMatch(/^\/sign-in/)
    }
    const crossSite = await settle(() =>
      caseAction({
        request: formRequest(`/staff/triage/${report.id}`, acceptFields(), {
          cookie: cookies.coordinator,
          headers: { origin: 'https://evil.example' },
        }),
        params: { reportId: String(report.id) },
        context: {},
      }),
    )
    expect((crossSite as Response).status).toBe(403)
    expect(await counts()).toEqual(before)
  })
})
