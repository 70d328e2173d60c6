import ExcelJS from 'exceljs'
import { beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../db/seed'
import { setupTestDatabase } from '../support/database'
import { getRequest } from '../support/requests'

const database = setupTestDatabase()

async function download(file: string): Promise<Response> {
  const { loader } = await import('../../app/routes/exports.$file')
  return loader({ request: getRequest(`/exports/${file}`), params: { file }, context: {} })
}

async function xlsxText(response: Response): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(await response.arrayBuffer())
  const rows: string[][] = []
  workbook.worksheets[0]!.eachRow((row) => {
    rows.push(
      (row.values as unknown[])
        .slice(1)
        .map((v) => (v === null || v === undefined ? '' : String(v))),
    )
  })
  return rows
}

let secrets: string[]
let reportCount: number
let dutyCount: number

beforeAll(async () => {
  const { db } = database.current
  await seed(db, { demo: true })
  const reports = await db
    .selectFrom('reports')
    .select([
      'contact_mobile',
      'contact_email',
      'credit_code',
      'company_name',
      'address',
      'address_public',
      'tracking_code',
    ])
    .execute()
  reportCount = reports.length
  dutyCount = (await db.selectFrom('duties').select('id').execute()).length
  secrets = reports.flatMap((r) =>
    [
      r.contact_mobile,
      r.contact_email,
      r.credit_code,
      r.company_name,
      r.address_public ? null : r.address,
      r.tracking_code,
    ].filter((v): v is string => Boolean(v)),
  )
  expect(secrets.length).toBeGreaterThan(20)
})

describe('public exports', () => {
  it('give every report as CSV, with a header, and no private field', async () => {
    const response = await download('reports.csv')
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('content-disposition')).toMatch(
      /attachment; filename="kaimen-reports-.*\.csv"/,
    )
    const bytes = Buffer.from(await response.arrayBuffer())
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]) // Excel reads it as UTF-8
    const text = bytes.subarray(3).toString('utf8')
    expect(text.startsWith('编号,类型,类别,区域,标题,内容')).toBe(true)
    // Header plus one line per report (bodies hold no line breaks in the demo).
    expect(text.trim().split('\r\n')).toHaveLength(reportCount + 1)
    for (const secret of secrets) expect(text, secret).not.toContain(secret)
    expect(text).toContain('＊＊＊')
  })

  it('give every duty as Excel, and no private field', async () => {
    const response = await download('duties.xlsx')
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    )
    const rows = await xlsxText(response)
    expect(rows[0]!.slice(0, 3)).toEqual(['编号', '责任单位', '类别'])
    expect(rows).toHaveLength(dutyCount + 1)
    expect(rows.some((r) => r.includes('是'))).toBe(true) // some duty is overdue
    const text = rows.flat().join('\n')
    for (const secret of secrets) expect(text, secret).not.toContain(secret)
  })

  it('give the reports as Excel and the duties as CSV too', async () => {
    const reports = await xlsxText(await download('reports.xlsx'))
    expect(reports).toHaveLength(reportCount + 1)
    for (const secret of secrets) expect(reports.flat().join('\n')).not.toContain(secret)
    const duties = await (await download('duties.csv')).text()
    expect(duties.trim().split('\r\n')).toHaveLength(dutyCount + 1)
  })

  it('know no other file', async () => {
    for (const file of ['reports.pdf', 'contacts.csv', '../x.csv']) {
      const result = await download(file).catch((e: unknown) => e)
      expect((result as Response).status).toBe(404)
    }
  })
})
