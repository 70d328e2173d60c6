import ExcelJS from 'exceljs'
import { beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../db/seed'
import { acceptIntoNewDuty } from '../../app/duties/triage/triage-decisions.server'
import { resetEnv } from '../../app/platform/env.server'
import { anonymizeFinishedReports } from '../../app/reporting/retention.server'
import { CONTACT_SHEET_NAME } from '../../app/duties/sheet/sheet-write.server'
import { createStaffSession } from '../../app/staff/staff.server'
import { STAFF_COOKIE } from '../../app/staff/auth.server'
import { action as concernAction } from '../../app/routes/report.concern'
import {
  action as triageAction,
  loader as triageLoader,
} from '../../app/routes/staff.triage.$reportId'
import { action as dutyAction, loader as dutyLoader } from '../../app/routes/staff.duties.$dutyId'
import { action as sheetAction, loader as sheetLoader } from '../../app/routes/staff.duties[.]xlsx'
import { loader as logLoader } from '../../app/routes/admin.contact-views'
import { loader as followLoader } from '../../app/routes/follow.$token'
import { setupTestDatabase } from '../support/database'
import { BASE, formRequest, getRequest, settle } from '../support/requests'

/**
 * Issue 13, "staff reach the reporter, and the reporter sees who looked": the 查看联系方式 step
 * on the triage and duty pages, the export with contact details, the admin's access log, the
 * reporter's follow page and retention, through the app's own loaders and actions.
 */
const database = setupTestDatabase()

const NAME = '赵回访'
const MOBILE = '13722223333'
const EMAIL = 'zhao.callback@example.com'

const cookies = {} as Record<'coordinator' | 'housing' | 'huangpu' | 'admin', string>
const staffIds = {} as Record<'coordinator' | 'housing' | 'huangpu', number>
let housingUnit: number
let reportId: number
let dutyId: number
let followToken: string

async function signIn(email: string) {
  const { db } = database.current
  const user = await db
    .selectFrom('staff_users')
    .select(['id', 'unit_id'])
    .where('email', '=', email)
    .executeTakeFirstOrThrow()
  const cookie = `${STAFF_COOKIE}=${encodeURIComponent(await createStaffSession(db, user.id))}`
  return { cookie, id: user.id, unitId: user.unit_id }
}

async function fileReport(key: string): Promise<{ id: number; token: string }> {
  const { db } = database.current
  const area = (code: string) =>
    db.selectFrom('areas').select('id').where('code', '=', code).executeTakeFirstOrThrow()
  const category = await db
    .selectFrom('categories')
    .select('id')
    .where('slug', '=', 'property')
    .executeTakeFirstOrThrow()
  const form = new FormData()
  for (const [k, v] of Object.entries({
    idempotencyKey: key,
    category: String(category.id),
    district: String((await area('hp')).id),
    street: String((await area('hp-huangpu')).id),
    community: String((await area('hp-huangpu-1')).id),
    title: '小区电梯长期停运',
    body: '小区三号楼电梯停运两个月，物业一直不修，老人上下楼很困难。',
    contactName: NAME,
    mobile: MOBILE,
    email: EMAIL,
    consent: 'on',
    confirmNew: 'yes',
  }))
    form.append(k, v)
  const filed = await settle(() =>
    concernAction({
      request: new Request(`${BASE}/report/concern`, {
        method: 'POST',
        body: form,
        headers: { origin: BASE, 'x-forwarded-for': '203.0.113.31' },
      }),
      params: {},
      context: {},
    }),
  )
  expect(filed).toBeInstanceOf(Response)
  const token = (filed as Response).headers.get('location')!.split('/').pop()!
  const row = await db
    .selectFrom('reports')
    .select('id')
    .where('follow_token', '=', token)
    .executeTakeFirstOrThrow()
  return { id: row.id, token }
}

interface Answer {
  data: {
    intent: string
    result: {
      status?: string
      initialValue?: Record<string, unknown>
      error?: Record<string, string[] | null>
    }
    contacts: Array<{
      reportId: number
      name: string | null
      mobile: string | null
      email: string | null
      photos: Array<{ key: string }>
    }> | null
  }
  init: { status?: number } | null
}

const onDuty = (cookie: string, fields: Record<string, string>) =>
  settle(() =>
    dutyAction({
      request: formRequest(`/staff/duties/${dutyId}`, fields, { cookie }),
      params: { dutyId: String(dutyId) },
      context: {},
    }),
  )
const onTriage = (cookie: string, fields: Record<string, string>) =>
  settle(() =>
    triageAction({
      request: formRequest(`/staff/triage/${reportId}`, fields, { cookie }),
      params: { reportId: String(reportId) },
      context: {},
    }),
  )

const views = () =>
  database.current.db.selectFrom('contact_views').selectAll().orderBy('id').execute()

beforeAll(async () => {
  resetEnv()
  const { db } = database.current
  await seed(db, { demo: true })
  for (const who of ['coordinator', 'housing', 'huangpu'] as const) {
    const s = await signIn(`${who}@kaimen.local`)
    cookies[who] = s.cookie
    staffIds[who] = s.id
    if (who === 'housing') housingUnit = s.unitId!
  }
  cookies.admin = (await signIn('admin@kaimen.local')).cookie
  ;({ id: reportId, token: followToken } = await fileReport('contact-views-0001'))
  await db
    .insertInto('attachments')
    .values({
      storage_key: '2026-12/contactviewphoto01.jpeg',
      mime: 'image/jpeg',
      bytes: 10,
      width: 4,
      height: 3,
      role: 'photo',
      report_id: reportId,
    })
    .execute()
})

describe('查看联系方式 on the triage page', () => {
  it('shows the coordinator the details and logs the view with its reason', async () => {
    const answer = (await onTriage(cookies.coordinator, {
      intent: 'contact',
      reason: '核实情况',
    })) as unknown as Answer
    expect(answer.init?.status ?? 200).toBe(200)
    expect(answer.data.contacts).toEqual([
      expect.objectContaining({ reportId, name: NAME, mobile: MOBILE, email: EMAIL }),
    ])
    expect(answer.data.contacts![0]!.photos.map((p) => p.key)).toEqual([
      '2026-12/contactviewphoto01.jpeg',
    ])
    expect(await views()).toEqual([
      expect.objectContaining({
        report_id: reportId,
        staff_user_id: staffIds.coordinator,
        unit_id: null,
        reason: '核实情况',
        channel: 'page',
      }),
    ])
  })

  it('refuses unit staff (loader and action) and logs nothing', async () => {
    const before = (await views()).length
    const page = await settle(() =>
      triageLoader({
        request: getRequest(`/staff/triage/${reportId}`, cookies.housing),
        params: { reportId: String(reportId) },
        context: {},
      }),
    )
    expect((page as Response).status).toBe(403)
    const posted = await onTriage(cookies.housing, { intent: 'contact', reason: '回访' })
    expect((posted as Response).status).toBe(403)
    expect(await views()).toHaveLength(before)
  })

  it('requires a reason of 2 to 200 characters: the error is on the field, nothing is logged', async () => {
    const before = (await views()).length
    for (const reason of ['', '回', '   ', '长'.repeat(201)]) {
      const answer = (await onTriage(cookies.coordinator, {
        intent: 'contact',
        reason,
      })) as unknown as Answer
      expect(answer.init?.status).toBe(400)
      expect(answer.data.contacts).toBeNull()
      expect(answer.data.result.error?.reason?.length).toBeGreaterThan(0)
      // What was typed comes back (conform leaves an empty field out).
      expect(answer.data.result.initialValue?.reason).toBe(reason || undefined)
    }
    expect(await views()).toHaveLength(before)
  })
})

describe('查看联系方式 on a duty page', () => {
  beforeAll(async () => {
    const { db } = database.current
    ;({ dutyId } = await acceptIntoNewDuty(
      db,
      {
        reportId,
        unitId: housingUnit,
        coUnitIds: [],
        title: '修复三号楼电梯',
        commitment: '督促物业一周内修复电梯。',
        leaderName: '李明',
        leaderTitle: '副局长',
        mode: 'ongoing',
        deadline: null,
      },
      { publicUrl: BASE, staffId: staffIds.coordinator },
    ))
  })

  it("shows the holding unit's staff each linked reporter and logs the view under their unit", async () => {
    const page = await settle(() =>
      dutyLoader({
        request: getRequest(`/staff/duties/${dutyId}`, cookies.housing),
        params: { dutyId: String(dutyId) },
        context: {},
      }),
    )
    expect(page).not.toBeInstanceOf(Response)
    // The page itself holds no contact detail until the step is taken.
    expect(JSON.stringify(page)).not.toContain(MOBILE)
    const answer = (await onDuty(cookies.housing, {
      intent: 'contact',
      reason: '电话回访',
    })) as unknown as Answer
    expect(answer.data.contacts).toEqual([
      expect.objectContaining({ reportId, name: NAME, mobile: MOBILE, email: EMAIL }),
    ])
    expect((await views()).at(-1)).toEqual(
      expect.objectContaining({
        report_id: reportId,
        staff_user_id: staffIds.housing,
        unit_id: housingUnit,
        reason: '电话回访',
        channel: 'page',
      }),
    )
  })

  it('lets the coordinator take the step on any duty; each view is a new row', async () => {
    const before = (await views()).length
    for (let i = 0; i < 2; i++) {
      const answer = (await onDuty(cookies.coordinator, {
        intent: 'contact',
        reason: '督办核实',
      })) as unknown as Answer
      expect(answer.data.contacts?.[0]?.mobile).toBe(MOBILE)
    }
    expect(await views()).toHaveLength(before + 2)
  })

  it("refuses another unit's staff (404 on loader and action) and logs nothing", async () => {
    const before = (await views()).length
    const page = await settle(() =>
      dutyLoader({
        request: getRequest(`/staff/duties/${dutyId}`, cookies.huangpu),
        params: { dutyId: String(dutyId) },
        context: {},
      }),
    )
    expect((page as Response).status).toBe(404)
    const posted = await onDuty(cookies.huangpu, { intent: 'contact', reason: '回访' })
    expect((posted as Response).status).toBe(404)
    const admin = await onDuty(cookies.admin, { intent: 'contact', reason: '回访' })
    expect((admin as Response).status).toBe(403)
    expect(await views()).toHaveLength(before)
  })

  it('requires the reason on a duty page too', async () => {
    const before = (await views()).length
    const answer = (await onDuty(cookies.housing, {
      intent: 'contact',
      reason: 'x',
    })) as unknown as Answer
    expect(answer.init?.status).toBe(400)
    expect(answer.data.result.error?.reason).toEqual(['validation.tooShort|{"min":2}'])
    expect(await views()).toHaveLength(before)
  })
})

describe('the Excel export with contact details', () => {
  async function sheets(response: Response) {
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await response.arrayBuffer())
    return workbook
  }

  it('carries the details only when asked with a reason, logging each report', async () => {
    const before = (await views()).length
    const plain = (await settle(() =>
      sheetLoader({
        request: getRequest('/staff/duties.xlsx', cookies.housing),
        params: {},
        context: {},
      }),
    )) as Response
    const plainBook = await sheets(plain)
    expect(plainBook.getWorksheet(CONTACT_SHEET_NAME)).toBeUndefined()
    expect(await views()).toHaveLength(before)

    const { db } = database.current
    const linked = await db
      .selectFrom('duty_reports as dr')
      .innerJoin('duties as d', 'd.id', 'dr.duty_id')
      .select('dr.report_id')
      .where('d.unit_id', '=', housingUnit)
      .execute()
    expect(linked.length).toBeGreaterThan(0)

    const withContacts = (await settle(() =>
      sheetAction({
        request: formRequest(
          '/staff/duties.xlsx',
          { reason: '批量回访' },
          { cookie: cookies.housing },
        ),
        params: {},
        context: {},
      }),
    )) as Response
    expect(withContacts.status).toBe(200)
    const book = await sheets(withContacts)
    const contactSheet = book.getWorksheet(CONTACT_SHEET_NAME)!
    const cells: string[] = []
    contactSheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))))
    expect(cells).toContain(MOBILE)
    const logged = (await views()).slice(before)
    expect(logged).toHaveLength(linked.length)
    expect(new Set(logged.map((v) => v.report_id))).toEqual(new Set(linked.map((l) => l.report_id)))
    for (const v of logged)
      expect(v).toEqual(
        expect.objectContaining({ channel: 'export', unit_id: housingUnit, reason: '批量回访' }),
      )
  })

  it('sends a refused reason back to the form, with what was typed, and logs nothing', async () => {
    const before = (await views()).length
    const refused = (await settle(() =>
      sheetAction({
        request: formRequest('/staff/duties.xlsx', { reason: ' ' }, { cookie: cookies.housing }),
        params: {},
        context: {},
      }),
    )) as Response
    expect(refused.status).toBe(302)
    expect(refused.headers.get('location')).toBe('/staff/import?contactReason=+#contact-export')
    expect(await views()).toHaveLength(before)
  })
})

describe('the access log (/admin/contact-views)', () => {
  const read = async (query: string, cookie = cookies.admin) =>
    settle(() =>
      logLoader({
        request: getRequest(`/admin/contact-views${query}`, cookie),
        params: {},
        context: {},
      }),
    )
  type Log = {
    rows: Array<{
      id: number
      reason: string
      staff: string
      unit: string | null
      reportNumber: string
      channel: string
    }>
    next: string | null
  }

  it('is for admins only', async () => {
    expect(((await read('', cookies.coordinator)) as Response).status).toBe(403)
    expect(((await read('', cookies.housing)) as Response).status).toBe(403)
  })

  it('lists views newest first and filters by unit, staff, report and dates', async () => {
    const all = (await read('')) as Log
    const ids = (await views()).map((v) => v.id).reverse()
    expect(all.rows.map((r) => r.id)).toEqual(ids)
    expect(all.rows.every((r) => !JSON.stringify(r).includes(MOBILE))).toBe(true)

    const housing = (await read(`?unit=${housingUnit}`)) as Log
    expect(housing.rows.length).toBeGreaterThan(0)
    expect(housing.rows.every((r) => r.unit === '区住房和城乡建设局')).toBe(true)

    const office = (await read('?unit=office')) as Log
    expect(office.rows.map((r) => r.reason).sort()).toEqual(['核实情况', '督办核实', '督办核实'])

    const byStaff = (await read(`?staff=${staffIds.coordinator}`)) as Log
    expect(byStaff.rows).toHaveLength(3)

    const number = String(reportId).padStart(6, '0')
    const byReport = (await read(`?report=${number}&unit=${housingUnit}`)) as Log
    expect(byReport.rows.map((r) => r.channel).sort()).toEqual(['export', 'page'])
    expect(byReport.rows.every((r) => r.reportNumber === number)).toBe(true)

    expect(((await read('?to=2020-01-01')) as Log).rows).toEqual([])
    // A day that does not exist is no filter, not a database error.
    expect(((await read('?from=2026-02-30&to=9999-99-99')) as Log).rows).toHaveLength(ids.length)
    expect(((await read('?from=2020-01-01')) as Log).rows).toHaveLength(ids.length)
  })

  it('pages with a keyset cursor', async () => {
    const { db } = database.current
    await db
      .insertInto('contact_views')
      .values(
        Array.from({ length: 55 }, (_, i) => ({
          report_id: reportId,
          staff_user_id: staffIds.housing,
          unit_id: housingUnit,
          reason: `分页${i}`,
          channel: 'page' as const,
          viewed_at: new Date(Date.UTC(2025, 0, 1, 0, i)),
        })),
      )
      .execute()
    const first = (await read('?from=2025-01-01&to=2025-01-01')) as Log
    expect(first.rows).toHaveLength(50)
    expect(first.rows[0]!.reason).toBe('分页54')
    expect(first.next).toMatch(/after=\d+/)
    const second = (await read(first.next!)) as Log
    expect(second.rows.map((r) => r.reason)).toEqual(['分页4', '分页3', '分页2', '分页1', '分页0'])
    expect(second.next).toBeNull()
    await db.deleteFrom('contact_views').where('reason', 'like', '分页%').execute()
  })
})

describe("the reporter's follow page", () => {
  it('lists each view by unit and day, never the officer or the reason', async () => {
    const page = (await followLoader({
      request: getRequest(`/follow/${followToken}`),
      params: { token: followToken },
      context: {},
    })) as { contactViews: Array<{ unit: string | null; date: string }> }
    const units = page.contactViews.map((v) => v.unit)
    expect(units).toContain('区住房和城乡建设局')
    expect(units).toContain(null) // shown as 协调办公室
    expect(page.contactViews).toHaveLength((await views()).length)
    const text = JSON.stringify(page.contactViews)
    for (const hidden of ['李住建', '陈协调', '电话回访', '核实情况'])
      expect(text).not.toContain(hidden)
  })
})

describe('retention', () => {
  it('keeps the access log after the contact details are erased, and it holds none of them', async () => {
    const { db } = database.current
    const before = await views()
    await db
      .updateTable('duties')
      .set({
        status: 'closed',
        resolution_summary: '电梯已修复',
        resolution_summary_public: '电梯已修复',
        resolved_at: new Date(Date.now() - 4 * 86_400_000),
        closed_at: new Date(Date.now() - 3 * 86_400_000),
      })
      .where('id', '=', dutyId)
      .execute()
    expect(await anonymizeFinishedReports(db, 1)).toBeGreaterThan(0)
    const report = await db
      .selectFrom('reports')
      .select(['contact_name', 'contact_mobile', 'contact_email'])
      .where('id', '=', reportId)
      .executeTakeFirstOrThrow()
    expect(report).toEqual({ contact_name: null, contact_mobile: null, contact_email: null })
    const after = await views()
    expect(after).toEqual(before)
    const text = JSON.stringify(after)
    for (const detail of [NAME, MOBILE, EMAIL]) expect(text).not.toContain(detail)

    // A view after erasure is still logged, and shows that nothing is left.
    const answer = (await onDuty(cookies.coordinator, {
      intent: 'contact',
      reason: '复查',
    })) as unknown as Answer
    expect(answer.data.contacts?.[0]).toEqual(
      expect.objectContaining({ erased: true, name: null, mobile: null, email: null }),
    )
    expect(await views()).toHaveLength(after.length + 1)
  })
})
