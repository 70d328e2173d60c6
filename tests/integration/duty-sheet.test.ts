import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../db/seed'
import { createStaffSession } from '../../app/staff/staff.server'
import { MAX_SHEET_ROWS } from '../../app/admin/admin-options'
import { SHEET_COLUMNS } from '../../app/duties/sheet/sheet-layout'
import { MAX_UNZIPPED_BYTES, unzippedSize } from '../../app/duties/sheet/sheet-read.server'
import { loader as exportLoader } from '../../app/routes/staff.duties[.]xlsx'
import { action as importAction, loader as importLoader } from '../../app/routes/staff.import'
import { STAFF_COOKIE } from '../../app/staff/auth.server'
import { createTestDatabase, setupTestDatabase } from '../support/database'
import { BASE, getRequest, settle } from '../support/requests'
import type { OpenDatabase } from '../../db/index'

const database = setupTestDatabase()
const HEADERS = [
  '序号',
  '问题描述',
  '整改措施',
  '责任单位',
  '责任领导',
  '完成时限',
  '进展情况',
  '状态',
]

async function cookieFor(db: OpenDatabase['db'], email: string) {
  const user = await db
    .selectFrom('staff_users')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirstOrThrow()
  return `${STAFF_COOKIE}=${encodeURIComponent(await createStaffSession(db, user.id))}`
}

async function download(cookie: string | undefined, query = '') {
  return settle(() =>
    exportLoader({
      request: getRequest(`/staff/duties.xlsx${query}`, cookie),
      params: {},
      context: {},
    }),
  )
}

/** Every row of the first sheet as plain cell values. */
async function sheetValues(buffer: ArrayBuffer | Buffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(buffer as ArrayBuffer)
  const rows: unknown[][] = []
  workbook.worksheets[0]!.eachRow((row) => {
    rows.push(HEADERS.map((_, i) => row.getCell(i + 1).value))
  })
  return rows
}

async function workbookFile(rows: unknown[][], header = HEADERS): Promise<File> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('履职清单')
  sheet.addRow(header)
  for (const row of rows) sheet.addRow(row)
  const buffer = await workbook.xlsx.writeBuffer()
  return new File([buffer], '履职清单.xlsx')
}

interface ImportAnswer {
  status: number
  issues?: Array<{ row: number | null; column?: string; key: string; values?: object }>
  imported?: number
  error?: Record<string, string[] | null>
}

async function upload(cookie: string | undefined, file: File, categoryId: number) {
  const body = new FormData()
  body.append('categoryId', String(categoryId))
  body.append('file', file)
  const request = new Request(`${BASE}/staff/import`, {
    method: 'POST',
    body,
    headers: { origin: BASE, ...(cookie ? { cookie } : {}) },
  })
  const outcome = await settle(() => importAction({ request, params: {}, context: {} }))
  if (outcome instanceof Response) return { status: outcome.status } as ImportAnswer
  const wrapped = outcome as { type?: string; data?: unknown; init?: ResponseInit | null }
  const payload = (wrapped.type === 'DataWithResponseInit' ? wrapped.data : outcome) as {
    issues?: ImportAnswer['issues']
    imported?: number
    result?: { error?: ImportAnswer['error'] }
  }
  return {
    status: wrapped.type === 'DataWithResponseInit' ? (wrapped.init?.status ?? 200) : 200,
    issues: payload.issues,
    imported: payload.imported,
    error: payload.result?.error,
  } as ImportAnswer
}

async function counts(db: OpenDatabase['db']) {
  const [duties, events, updates] = await Promise.all([
    db
      .selectFrom('duties')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('progress_updates')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ])
  return { duties: Number(duties.n), events: Number(events.n), updates: Number(updates.n) }
}

const cookies: Record<'coordinator' | 'huangpu' | 'admin', string> = {
  coordinator: '',
  huangpu: '',
  admin: '',
}
let categoryId: number

beforeAll(async () => {
  const db = database.current.db
  await seed(db, { demo: true })
  cookies.coordinator = await cookieFor(db, 'coordinator@kaimen.local')
  cookies.huangpu = await cookieFor(db, 'huangpu@kaimen.local')
  cookies.admin = await cookieFor(db, 'admin@kaimen.local')
  categoryId = (
    await db.selectFrom('categories').select('id').orderBy('id').executeTakeFirstOrThrow()
  ).id
})

describe('duty list export', () => {
  it('reads the unpacked size of an export from its zip directory', async () => {
    const response = (await download(cookies.coordinator)) as Response
    const size = unzippedSize(new Uint8Array(await response.arrayBuffer()))
    expect(size).toBeGreaterThan(1000)
    expect(size).toBeLessThan(MAX_UNZIPPED_BYTES)
  })

  it('keeps one layout for export and import', () => {
    expect(SHEET_COLUMNS.map((c) => c.header)).toEqual(HEADERS)
  })

  it('gives the coordinator the full list, optionally one unit', async () => {
    const db = database.current.db
    const response = (await download(cookies.coordinator)) as Response
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('spreadsheetml')
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="duties-all-/)
    const rows = await sheetValues(await response.arrayBuffer())
    expect(rows[0]).toEqual(HEADERS)
    const all = await db.selectFrom('duties').select('id').execute()
    expect(rows.length - 1).toBe(all.length)
    expect(rows.slice(1).map((r) => r[0])).toEqual(all.map((_, i) => i + 1))

    const filtered = await sheetValues(
      await (
        (await download(cookies.coordinator, '?unit=huangpu-street')) as Response
      ).arrayBuffer(),
    )
    expect(filtered.length).toBeGreaterThan(1)
    expect(new Set(filtered.slice(1).map((r) => r[3]))).toEqual(new Set(['黄埔街道办事处']))
    expect(((await download(cookies.coordinator, '?unit=nowhere')) as Response).status).toBe(404)
  })

  it('gives unit staff their own unit only, whatever they ask for', async () => {
    const rows = await sheetValues(
      await ((await download(cookies.huangpu, '?unit=housing-bureau')) as Response).arrayBuffer(),
    )
    const own = await database.current.db
      .selectFrom('duties as d')
      .innerJoin('units as u', 'u.id', 'd.unit_id')
      .select('d.id')
      .where('u.slug', '=', 'huangpu-street')
      .execute()
    expect(rows.length - 1).toBe(own.length)
    expect(new Set(rows.slice(1).map((r) => r[3]))).toEqual(new Set(['黄埔街道办事处']))
  })

  it('refuses the admin (403) and sends anonymous visitors to sign in', async () => {
    expect(((await download(cookies.admin)) as Response).status).toBe(403)
    const anonymous = (await download(undefined)) as Response
    expect(anonymous.status).toBe(302)
    expect(anonymous.headers.get('location')).toMatch(/^\/sign-in/)
  })
})

describe('duty list round trip', () => {
  let fresh: OpenDatabase
  const original = () => database.current

  beforeAll(async () => {
    fresh = await createTestDatabase()
    await seed(fresh.db, { demo: false })
  })
  afterAll(async () => {
    globalThis.__kaimen = Promise.resolve(original())
    await fresh?.close()
  })

  it('exports, imports into a fresh database and exports the identical rows', async () => {
    const exported = (await download(cookies.coordinator)) as Response
    const buffer = await exported.arrayBuffer()
    const before = await sheetValues(buffer)
    expect(before.length).toBeGreaterThan(5)
    // Every kind of deadline and status travels: dates, 长期坚持, finished duties' summaries.
    expect(before.slice(1).some((r) => r[5] instanceof Date)).toBe(true)
    expect(new Set(before.slice(1).map((r) => r[7]))).toEqual(
      new Set(['已交办', '整改中', '已整改', '已办结']),
    )

    globalThis.__kaimen = Promise.resolve(fresh)
    const coordinator = await cookieFor(fresh.db, 'coordinator@kaimen.local')
    const category = await fresh.db
      .selectFrom('categories')
      .select('id')
      .orderBy('id')
      .executeTakeFirstOrThrow()
    // 已办结 is refused by the import (the public's verdict closes a duty), naming each row.
    const refused = await upload(coordinator, new File([buffer], 'export.xlsx'), category.id)
    const closedRows = before.filter((r) => r[7] === '已办结').length
    expect(closedRows).toBeGreaterThan(0)
    expect(refused.issues?.map((i) => i.key)).toEqual(
      Array(closedRows).fill('admin.sheet.issues.closedByVerdict'),
    )
    // Written as 已整改, as the refusal asks, the sheet travels whole.
    const asResolved = before.map((r) => (r[7] === '已办结' ? [...r.slice(0, 7), '已整改'] : r))
    const answer = await upload(
      coordinator,
      await workbookFile(asResolved.slice(1), asResolved[0] as string[]),
      category.id,
    )
    expect(answer.issues).toBeUndefined()
    expect(answer.imported).toBe(before.length - 1)
    const after = await sheetValues(await ((await download(coordinator)) as Response).arrayBuffer())
    expect(after).toEqual(asResolved)

    // Each imported duty went through the lifecycle: started and resolved ones have the same
    // events as the web form's, and none is closed.
    const events = await fresh.db
      .selectFrom('events')
      .select(['type'])
      .where('duty_id', 'is not', null)
      .execute()
    const count = (type: string) => events.filter((e) => e.type === type).length
    expect(count('duty.started')).toBe(before.filter((r) => r[7] === '整改中').length)
    expect(count('duty.resolved')).toBe(asResolved.filter((r) => r[7] === '已整改').length)
    expect(count('duty.closed')).toBe(0)

    // Each imported duty has its events, in the same transaction as the duty.
    const assigned = await fresh.db
      .selectFrom('events')
      .select('duty_id')
      .where('type', '=', 'duty.assigned')
      .execute()
    expect(assigned).toHaveLength(before.length - 1)
  })
})

describe('duty list import', () => {
  it('names every bad row and cell, and writes nothing', async () => {
    const db = database.current.db
    const before = await counts(db)
    const file = await workbookFile([
      [
        1,
        '路灯不亮',
        '更换灯具',
        '不存在的单位',
        '张三（主任）',
        new Date(Date.UTC(2026, 11, 31)),
        '',
        '已交办',
      ],
      [2, '井盖松动', '加固井盖', '黄埔街道办事处', '张三', '下个月', '', '已交办'],
      [3, '道路积水', '疏通排水', '黄埔街道办事处', '张三', '2026-12-31', '', '差不多了'],
      [4, '垃圾清运', '', '黄埔街道办事处', '张三', '2026-12-31', '', '整改中'],
      [5, '噪音扰民', '夜间巡查', '黄埔街道办事处', '张三', '2026-12-31', '', '已办结'],
      [6, '一切正常的行', '按时整改', '黄埔街道办事处', '张三', '2026-12-31', '', '已交办'],
    ])
    const answer = await upload(cookies.coordinator, file, categoryId)
    expect(answer.status).toBe(400)
    const where = answer.issues!.map((i) => `${i.row}${i.column}:${i.key.split('.').pop()}`)
    expect(where).toEqual([
      '2D:unitUnknown',
      '3F:deadline',
      '4H:status',
      '5C:required',
      '6H:closedByVerdict',
    ])
    expect(answer.issues![0]!.values).toEqual({ value: '不存在的单位' })
    expect(await counts(db)).toEqual(before)
  })

  it('refuses what is not an xlsx, a wrong header, and too many rows', async () => {
    const db = database.current.db
    const before = await counts(db)
    const text = await upload(
      cookies.coordinator,
      new File(['序号,问题描述\n1,路灯'], 'list.xlsx'),
      categoryId,
    )
    expect(text.issues).toEqual([{ row: null, key: 'admin.sheet.issues.notXlsx' }])
    const fakeZip = await upload(
      cookies.coordinator,
      new File([new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3, 4, 5])], 'broken.xlsx'),
      categoryId,
    )
    expect(fakeZip.issues?.[0]?.key).toBe('admin.sheet.issues.notXlsx')

    // A zip whose directory claims a huge unpacked size is refused before it is unpacked.
    const bomb = Buffer.from(await (await workbookFile([])).arrayBuffer())
    const directory = bomb.lastIndexOf(Buffer.from([0x50, 0x4b, 1, 2]))
    bomb.writeUInt32LE(MAX_UNZIPPED_BYTES + 1, directory + 24)
    const inflated = await upload(cookies.coordinator, new File([bomb], 'bomb.xlsx'), categoryId)
    expect(inflated.issues?.[0]?.key).toBe('admin.sheet.issues.tooLarge')

    const header = await upload(
      cookies.coordinator,
      await workbookFile([], ['序号', '问题', ...HEADERS.slice(2)]),
      categoryId,
    )
    expect(header.issues).toEqual([
      {
        row: 1,
        column: 'B',
        header: '问题描述',
        key: 'admin.sheet.issues.header',
        values: { expected: '问题描述', actual: '问题' },
      },
    ])
    const many = Array.from({ length: MAX_SHEET_ROWS + 1 }, (_, i) => [
      i + 1,
      `事项${i}`,
      '措施',
      '黄埔街道办事处',
      '张三',
      '2026-12-31',
      '',
      '已交办',
    ])
    const tooMany = await upload(cookies.coordinator, await workbookFile(many), categoryId)
    expect(tooMany.issues?.[0]?.key).toBe('admin.sheet.issues.tooManyRows')
    const empty = await upload(cookies.coordinator, await workbookFile([]), categoryId)
    expect(empty.issues?.[0]?.key).toBe('admin.sheet.issues.noRows')
    const missing = await upload(cookies.coordinator, new File([], 'empty.xlsx'), categoryId)
    expect(missing.error?.file).toEqual(['validation.required'])
    expect(await counts(db)).toEqual(before)
  })

  it('lets unit staff import only their own unit’s duties', async () => {
    const db = database.current.db
    const before = await counts(db)
    const other = await upload(
      cookies.huangpu,
      await workbookFile([
        [1, '本单位事项', '整改', '黄埔街道办事处', '王街道', '2026-12-31', '', '已交办'],
        [2, '别的单位事项', '整改', '区住房和城乡建设局', '李住建', '2026-12-31', '', '已交办'],
      ]),
      categoryId,
    )
    expect(other.status).toBe(400)
    expect(other.issues?.map((i) => `${i.row}${i.column}:${i.key}`)).toEqual([
      '3D:admin.sheet.issues.unitNotOwn',
    ])
    expect(await counts(db)).toEqual(before)

    const own = await upload(
      cookies.huangpu,
      await workbookFile([
        [
          1,
          '本单位事项',
          '整改',
          '黄埔街道办事处',
          '王街道（副主任）',
          '立行立改（2026-12-31）',
          '已现场查看',
          '整改中',
        ],
        [2, '长期事项', '常态巡查', 'huangpu-street', '王街道', '长期坚持', '', '已交办'],
      ]),
      categoryId,
    )
    expect(own.imported).toBe(2)
    const duties = await db
      .selectFrom('duties')
      .selectAll()
      .where('title', 'in', ['本单位事项', '长期事项'])
      .orderBy('id')
      .execute()
    expect(duties.map((d) => [d.mode, d.deadline, d.status, d.leader_title])).toEqual([
      ['immediate', '2026-12-31', 'in_progress', '副主任'],
      ['ongoing', null, 'assigned', ''],
    ])
    const after = await counts(db)
    expect(after.duties).toBe(before.duties + 2)
    expect(after.updates).toBe(before.updates + 1)
    // assigned ×2, then started and one progress step, as the web form would record them
    expect(after.events).toBe(before.events + 4)
  })

  it('is for unit staff and the coordinator only', async () => {
    const file = await workbookFile([])
    expect((await upload(cookies.admin, file, categoryId)).status).toBe(403)
    expect((await upload(undefined, file, categoryId)).status).toBe(302)
    const page = await importLoader({
      request: getRequest('/staff/import', cookies.huangpu),
      params: {},
      context: {},
    })
    expect(page.units).toEqual([])
  })
})
