import { beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../db/seed'
import { createReport } from '../../app/reporting/report.server'
import { acceptIntoNewDuty } from '../../app/duties/triage/triage-decisions.server'
import { forgetCached } from '../../app/platform/cache.server'
import { action as signIn } from '../../app/routes/sign-in'
import { action as dutyAction, loader as dutyLoader } from '../../app/routes/staff.duties.$dutyId'
import { loader as publicDutyLoader } from '../../app/routes/duties.$id'
import { loader as publicReportLoader } from '../../app/routes/reports.$id'
import { loader as scoreboardLoader } from '../../app/routes/scoreboard'
import { loader as unitLoader } from '../../app/routes/units.$slug'
import { setupTestDatabase } from '../support/database'
import { cookieFrom, formRequest, getRequest, settle } from '../support/requests'

/**
 * 回访 (issue 13): the coordinator and the staff of the unit holding a duty record callbacks on
 * the duty page; another unit's staff cannot; the public timeline says that a callback took
 * place and by whom, never whether the resident was reached, their view or the note; the
 * scoreboard counts the callbacks each unit made.
 */
const database = setupTestDatabase()
const db = () => database.current.db

const cookies = { coordinator: '', huangpu: '', housing: '', admin: '' }
const NOTE = '王先生说垃圾站已不臭，留了新号码13911112222'
let dutyId = 0
let reportId = 0
let otherReportId = 0
let huangpuUnitId = 0

async function signInAs(email: string, password: string): Promise<string> {
  const response = await settle(() =>
    signIn({ request: formRequest('/sign-in', { email, password }), params: {}, context: {} }),
  )
  expect((response as Response).status).toBe(302)
  return cookieFrom(response as Response)
}

async function newReport(title: string) {
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
  return createReport(
    db(),
    {
      kind: 'concern',
      categoryId: category.id,
      areaId: community.id,
      title,
      body: '小区旁边的垃圾站夏天臭味很大，希望每天清洗并加盖。',
      contactName: '王芳',
      contactMobile: '13900001111',
      contactEmail: 'callback-reporter@example.com',
      display: 'anonymous',
    },
    [],
    { locale: 'zh-CN', publicUrl: 'http://localhost:3000' },
  )
}

function act(fields: Record<string, string>, cookie: string) {
  return settle(() =>
    dutyAction({
      request: formRequest(`/staff/duties/${dutyId}`, fields, { cookie }),
      params: { dutyId: String(dutyId) },
      context: {},
    }),
  )
}

const load = (cookie: string) =>
  settle(() =>
    dutyLoader({
      request: getRequest(`/staff/duties/${dutyId}`, cookie),
      params: { dutyId: String(dutyId) },
      context: {},
    }),
  )

const status = (r: unknown) =>
  r instanceof Response ? r.status : ((r as { init?: ResponseInit }).init?.status ?? 200)

type Reply = { data: { intent: string; result: { error: Record<string, string[]> } } }
const errorsOf = (r: unknown) => (r as Reply).data.result.error

const callbackRows = () => db().selectFrom('callbacks').selectAll().orderBy('id').execute()

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
  const coordinator = await db()
    .selectFrom('staff_users')
    .select('id')
    .where('role', '=', 'coordinator')
    .executeTakeFirstOrThrow()
  const report = await newReport('垃圾站臭气熏天')
  reportId = report.id
  otherReportId = (await newReport('另一个没有交办的问题')).id
  ;({ dutyId } = await acceptIntoNewDuty(
    db(),
    {
      reportId,
      unitId: huangpuUnitId,
      coUnitIds: [],
      title: '垃圾站除臭',
      commitment: '每天清洗垃圾站并加装密闭盖',
      leaderName: '李明',
      leaderTitle: '副主任',
      mode: 'ongoing',
      deadline: null,
    },
    { staffId: coordinator.id, publicUrl: 'http://localhost:3000' },
  ))
})

describe('callbacks (回访)', () => {
  it('are recorded by the staff of the unit holding the duty, with the note kept for staff', async () => {
    const response = await act(
      {
        intent: 'callback',
        reportId: String(reportId),
        reached: 'yes',
        view: 'neutral',
        note: NOTE,
      },
      cookies.huangpu,
    )
    expect(status(response)).toBe(302)
    expect((response as Response).headers.get('location')).toBe(
      `/staff/duties/${dutyId}?callback=saved`,
    )
    const [row] = await callbackRows()
    expect(row).toMatchObject({
      report_id: reportId,
      duty_id: dutyId,
      unit_id: huangpuUnitId,
      reached: true,
      resident_view: 'neutral',
      note: NOTE,
    })
    const page = (await load(cookies.huangpu)) as Awaited<ReturnType<typeof dutyLoader>>
    expect(page.callbacks).toHaveLength(1)
    expect(page.callbacks[0]).toMatchObject({ reached: true, view: 'neutral', note: NOTE })
  })

  it('are recorded by the coordinator too; a view is dropped when nobody answered', async () => {
    const response = await act(
      { intent: 'callback', reportId: String(reportId), reached: 'no', view: 'unsatisfied' },
      cookies.coordinator,
    )
    expect(status(response)).toBe(302)
    const rows = await callbackRows()
    expect(rows).toHaveLength(2)
    expect(rows[1]).toMatchObject({
      reached: false,
      resident_view: null,
      note: null,
      unit_id: null,
    })
  })

  it('are refused to another unit’s staff and to admins, on the page and in the action', async () => {
    const fields = { intent: 'callback', reportId: String(reportId), reached: 'no' }
    expect(status(await act(fields, cookies.housing))).toBe(404)
    expect(status(await act(fields, cookies.admin))).toBe(403)
    expect(status(await act(fields, ''))).toBe(302) // to the sign-in page
    expect(status(await load(cookies.housing))).toBe(404)
    expect(await callbackRows()).toHaveLength(2)
  })

  it('are refused for a report not linked to the duty', async () => {
    const response = await act(
      { intent: 'callback', reportId: String(otherReportId), reached: 'no' },
      cookies.huangpu,
    )
    expect(status(response)).toBe(404)
    expect(await callbackRows()).toHaveLength(2)
  })

  it('are validated, errors beside the fields and what was typed kept', async () => {
    const noAnswer = await act({ intent: 'callback', reportId: String(reportId) }, cookies.huangpu)
    expect(status(noAnswer)).toBe(400)
    expect(errorsOf(noAnswer).reached).toEqual(['validation.required'])

    const noView = await act(
      { intent: 'callback', reportId: String(reportId), reached: 'yes', note: '已上门' },
      cookies.huangpu,
    )
    expect(status(noView)).toBe(400)
    expect(errorsOf(noView).view).toEqual(['callbacks.errors.view'])
    expect(
      (noView as unknown as { data: { result: { initialValue: object } } }).data.result
        .initialValue,
    ).toMatchObject({ note: '已上门', reached: 'yes' })

    const long = await act(
      { intent: 'callback', reportId: String(reportId), reached: 'no', note: '长'.repeat(501) },
      cookies.huangpu,
    )
    expect(status(long)).toBe(400)
    expect(errorsOf(long).note).toEqual(['validation.tooLong|{"max":500}'])

    const badView = await act(
      { intent: 'callback', reportId: String(reportId), reached: 'yes', view: 'happy' },
      cookies.huangpu,
    )
    expect(status(badView)).toBe(400)
    expect(errorsOf(badView).view).toBeDefined()
    expect(await callbackRows()).toHaveLength(2)
  })

  it('show on the public timeline as a callback by the unit, without what was said', async () => {
    const duty = await publicDutyLoader({
      request: getRequest(`/duties/${dutyId}`),
      params: { id: String(dutyId) },
      context: {},
    })
    const report = await publicReportLoader({
      request: getRequest(`/reports/${reportId}`),
      params: { id: String(reportId) },
      context: {},
    })
    for (const page of [duty, report]) {
      const entries = 'duty' in page ? page.duty.timeline : page.report.timeline
      const callbacks = entries.filter((e) => e.type === 'duty.callback')
      expect(callbacks.map((e) => e.callbackBy)).toEqual([
        { name: '黄埔街道办事处', nameEn: expect.any(String) },
        null, // the coordinating office
      ])
      const text = JSON.stringify(page)
      for (const secret of [NOTE, '13911112222', 'neutral', 'unsatisfied', 'reached'])
        expect(text, secret).not.toContain(secret)
    }
    // The event — published whole in the transparency log — names the unit and nothing else.
    const events = await db()
      .selectFrom('events')
      .select(['data', 'public'])
      .where('type', '=', 'duty.callback')
      .orderBy('id')
      .execute()
    expect(events).toEqual([
      { data: { unitId: huangpuUnitId }, public: true },
      { data: { unitId: null }, public: true },
    ])
  })

  it('are counted per unit on the scoreboard and the unit page', async () => {
    forgetCached()
    const board = await scoreboardLoader({
      request: getRequest('/scoreboard'),
      params: {},
      context: {},
    })
    const huangpu = board.view.units.find((u) => u.slug === 'huangpu-street')!
    expect(huangpu.callbacks).toBe(1) // the coordinator's callback is no unit's
    expect(board.view.totals.callbacks).toBe(1)
    const unit = await unitLoader({
      request: getRequest('/units/huangpu-street'),
      params: { slug: 'huangpu-street' },
      context: {},
    })
    expect(unit.scoreboard!.totals.callbacks).toBe(1)
  })
})
