import ExcelJS from 'exceljs'
import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema'
import { notFound } from '../../platform/errors'
import { openContacts } from '../../privacy/contact-view.server'
import type { ReporterContact } from '../../privacy/contact-view-schema'
import type { Staff } from '../../staff/staff.server'
import { ownUnitId } from '../staff-duty-list.server'
import { chinaToday } from '../working-days'
import {
  IMMEDIATE_WORD,
  ONGOING_WORD,
  SHEET_COLUMNS,
  SHEET_NAME,
  STATUS_WORDS,
  type SheetRow,
} from './sheet-layout'

interface ExportScope {
  /** Only this unit's duties (unit staff: always their own; the coordinator: when filtered). */
  unitId?: number
}

/** The duties of the scope, oldest first, as sheet rows. */
async function dutySheetRows(db: Kysely<Database>, scope: ExportScope): Promise<SheetRow[]> {
  let query = db
    .selectFrom('duties as d')
    .innerJoin('units as u', 'u.id', 'd.unit_id')
    .select((eb) => [
      'd.id',
      'd.title',
      'd.commitment',
      'u.name as unitName',
      'd.leader_name',
      'd.leader_title',
      'd.mode',
      'd.deadline',
      'd.status',
      'd.resolution_summary',
      eb
        .selectFrom('progress_updates as p')
        .select('p.body')
        .whereRef('p.duty_id', '=', 'd.id')
        .orderBy('p.created_at', 'desc')
        .orderBy('p.id', 'desc')
        .limit(1)
        .as('latestProgress'),
    ])
    .orderBy('d.created_at')
    .orderBy('d.id')
  if (scope.unitId !== undefined) query = query.where('d.unit_id', '=', scope.unitId)
  const rows = await query.execute()
  return rows.map((r) => ({
    title: r.title,
    commitment: r.commitment,
    unit: r.unitName,
    leaderName: r.leader_name,
    leaderTitle: r.leader_title,
    mode: r.mode,
    deadline: r.deadline,
    // A finished duty reports what was done; an open one its latest public step.
    progress:
      r.status === 'resolved' || r.status === 'closed'
        ? (r.resolution_summary ?? '')
        : (r.latestProgress ?? ''),
    status: r.status,
  }))
}

function leaderText(row: SheetRow): string {
  return row.leaderTitle ? `${row.leaderName}（${row.leaderTitle}）` : row.leaderName
}

/** A 'YYYY-MM-DD' day as the midnight-UTC date Excel shows as that day. */
function excelDate(day: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d))
}

/** The reports linked to the duties of the scope, oldest duty first. */
async function reportIdsInScope(db: Kysely<Database>, scope: ExportScope): Promise<number[]> {
  let query = db
    .selectFrom('duty_reports as dr')
    .innerJoin('duties as d', 'd.id', 'dr.duty_id')
    .select('dr.report_id')
    .orderBy('d.created_at')
    .orderBy('d.id')
    .orderBy('dr.report_id')
  if (scope.unitId !== undefined) query = query.where('d.unit_id', '=', scope.unitId)
  return (await query.execute()).map((r) => r.report_id)
}

/**
 * The reporters' details on a sheet of their own after the duty list, so the list keeps the
 * layout that imports back (its reader takes the first sheet only).
 */
function addContactSheet(workbook: ExcelJS.Workbook, contacts: ReporterContact[]): void {
  const sheet = workbook.addWorksheet(CONTACT_SHEET_NAME, {
    views: [{ state: 'frozen', ySplit: 1 }],
  })
  sheet.columns = [
    { header: '编号', key: 'number', width: 10 },
    { header: '问题', key: 'title', width: 40 },
    { header: '姓名', key: 'name', width: 14 },
    { header: '手机号', key: 'mobile', width: 16 },
    { header: '邮箱', key: 'email', width: 28 },
    { header: '企业名称', key: 'company', width: 28 },
    { header: '统一社会信用代码', key: 'creditCode', width: 22 },
  ]
  sheet.getRow(1).font = { bold: true }
  for (const c of contacts)
    sheet.addRow({
      number: c.number,
      title: c.title,
      name: c.erased ? '（已删除）' : (c.name ?? ''),
      mobile: c.mobile ?? '',
      email: c.email ?? '',
      company: c.companyName ?? '',
      creditCode: c.creditCode ?? '',
    })
}

export const CONTACT_SHEET_NAME = '联系方式'

async function writeDutySheet(
  rows: SheetRow[],
  contacts: ReporterContact[] | null,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '开门 Kaimen'
  const sheet = workbook.addWorksheet(SHEET_NAME, {
    views: [{ state: 'frozen', ySplit: 1 }],
  })
  sheet.columns = SHEET_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }))
  sheet.getRow(1).font = { bold: true }
  rows.forEach((row, i) => {
    const added = sheet.addRow({
      index: i + 1,
      title: row.title,
      commitment: row.commitment,
      unit: row.unit,
      leader: leaderText(row),
      deadline:
        row.mode === 'ongoing' || row.deadline === null
          ? ONGOING_WORD
          : row.mode === 'immediate'
            ? `${IMMEDIATE_WORD}（${row.deadline}）`
            : excelDate(row.deadline),
      progress: row.progress,
      status: STATUS_WORDS[row.status],
    })
    added.getCell('deadline').numFmt = 'yyyy-mm-dd'
    added.alignment = { wrapText: true, vertical: 'top' }
  })
  if (contacts) addContactSheet(workbook, contacts)
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

export interface DutySheetFile {
  bytes: Buffer
  /** Names the file: the unit's slug, or `all`. */
  slug: string
  day: string
}

/**
 * The duty list an officer may download: unit staff their own unit's, the coordinator every
 * unit's or the one named by `unitSlug`. With a `contactReason`, the file also carries the
 * reporters' contact details, and one view per report is logged (channel 'export').
 */
export async function dutySheetFile(
  db: Kysely<Database>,
  staff: Staff,
  unitSlug: string | null,
  contactReason: string | null = null,
): Promise<DutySheetFile> {
  const scope = await sheetScope(db, staff, unitSlug)
  const contacts =
    contactReason === null
      ? null
      : await openContacts(
          db,
          staff,
          await reportIdsInScope(db, { unitId: scope.unitId }),
          contactReason,
          'export',
        )
  const bytes = await writeDutySheet(await dutySheetRows(db, { unitId: scope.unitId }), contacts)
  return { bytes, slug: scope.slug, day: chinaToday() }
}

async function sheetScope(
  db: Kysely<Database>,
  staff: Staff,
  unitSlug: string | null,
): Promise<{ unitId?: number; slug: string }> {
  if (staff.role === 'unit_staff') {
    const unitId = ownUnitId(staff)
    return { unitId, slug: staff.unitSlug ?? String(unitId) }
  }
  if (!unitSlug) return { slug: 'all' }
  const unit = await db
    .selectFrom('units')
    .select(['id', 'slug'])
    .where('slug', '=', unitSlug)
    .executeTakeFirst()
  if (!unit) throw notFound()
  return { unitId: unit.id, slug: unit.slug }
}
