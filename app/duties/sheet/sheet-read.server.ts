import ExcelJS from 'exceljs'
import type { DutyMode, DutyStatus } from '../../../db/schema'
import type { MessageKey } from '../../locales/types'
import { MAX_SHEET_BYTES, MAX_SHEET_ROWS } from '../../admin/admin-options'
import {
  IMMEDIATE_WORD,
  ONGOING_WORD,
  SHEET_COLUMNS,
  STATUS_WORDS,
  type SheetColumnKey,
  type SheetRow,
} from './sheet-layout'

/** Words offices also write for a status; read on import, never written. */
const STATUS_ALIASES: Record<string, DutyStatus> = {
  '已整改，待评价': 'resolved',
  '已整改,待评价': 'resolved',
  已完成: 'resolved',
  办结: 'closed',
  已交办未开始: 'assigned',
}
/** Unpacked, an .xlsx of 500 rows is a few megabytes; far more means a crafted archive. */
export const MAX_UNZIPPED_BYTES = 40 * 1024 * 1024

export interface SheetIssue {
  /** 1-based row in the sheet; null for the whole file. */
  row: number | null
  /** Column letter and header, when the issue is about one cell. */
  column?: string
  header?: string
  key: MessageKey
  values?: Record<string, string | number>
}

export type ParsedSheet =
  | { ok: true; rows: Array<SheetRow & { rowNumber: number; unitId: number }> }
  | { ok: false; issues: SheetIssue[] }

export interface ImportUnit {
  id: number
  slug: string
  name: string
  nameEn: string
}

/** The text a cell shows, whatever ExcelJS made of it (rich text, formula result, link…). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value.trim()
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (typeof value === 'object') {
    if ('richText' in value)
      return value.richText
        .map((r) => r.text)
        .join('')
        .trim()
    if ('text' in value && typeof value.text === 'string') return value.text.trim()
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue)
    if ('error' in value) return ''
  }
  return ''
}

function isRealDay(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return null
  if (y < 2000 || y > 2100) return null
  return date.toISOString().slice(0, 10)
}

/** A day from a date cell, an Excel serial number or text like 2026-12-31 / 2026年12月31日. */
function dayOf(value: ExcelJS.CellValue, text: string): string | null {
  if (value instanceof Date)
    return isRealDay(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate())
  if (typeof value === 'number' && value > 36_000 && value < 73_000) {
    const date = new Date(Date.UTC(1899, 11, 30) + Math.round(value) * 86_400_000)
    return date.toISOString().slice(0, 10)
  }
  const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text)
  return match ? isRealDay(Number(match[1]), Number(match[2]), Number(match[3])) : null
}

function deadlineOf(
  value: ExcelJS.CellValue,
  text: string,
): { mode: DutyMode; deadline: string | null } | null {
  if (text === ONGOING_WORD) return { mode: 'ongoing', deadline: null }
  const immediate = new RegExp(`^${IMMEDIATE_WORD}\\s*[（(]?\\s*(.+?)\\s*[）)]?$`).exec(text)
  if (immediate) {
    const day = dayOf(immediate[1]!, immediate[1]!)
    return day ? { mode: 'immediate', deadline: day } : null
  }
  const day = dayOf(value, text)
  return day ? { mode: 'deadline', deadline: day } : null
}

function statusOf(text: string): DutyStatus | null {
  const compact = text.replace(/\s+/g, '')
  for (const [status, word] of Object.entries(STATUS_WORDS) as Array<[DutyStatus, string]>)
    if (compact === word || compact === status) return status
  return STATUS_ALIASES[compact] ?? null
}

function leaderOf(text: string): { name: string; title: string } {
  const match = /^(.+?)\s*[（(]\s*(.+?)\s*[）)]$/.exec(text)
  return match ? { name: match[1]!, title: match[2]! } : { name: text, title: '' }
}

/** What the archive's entries add up to once unpacked, from its central directory; null if unreadable. */
export function unzippedSize(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let end = -1
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i
      break
    }
  }
  if (end < 0) return null
  const entries = view.getUint16(end + 10, true)
  let at = view.getUint32(end + 16, true)
  let total = 0
  for (let n = 0; n < entries; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return null
    const size = view.getUint32(at + 24, true)
    // 0xFFFFFFFF: the real size is in a ZIP64 record; no spreadsheet we accept needs one.
    if (size === 0xffffffff) return null
    total += size
    at +=
      46 +
      view.getUint16(at + 28, true) +
      view.getUint16(at + 30, true) +
      view.getUint16(at + 32, true)
  }
  return total
}

function looksLikeXlsx(bytes: Uint8Array): boolean {
  // An .xlsx file is a zip archive: it starts with "PK\x03\x04".
  return (
    bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4
  )
}

/**
 * Reads an uploaded file and checks every row against the layout and the units. Unit staff
 * (`ownUnitId`) may only import their own unit's duties. Either every row is good, or the
 * answer lists each problem by row and cell.
 */
export async function readDutySheet(
  bytes: Uint8Array,
  units: ImportUnit[],
  ownUnitId: number | null,
): Promise<ParsedSheet> {
  const whole = (key: MessageKey, values?: SheetIssue['values']): ParsedSheet => ({
    ok: false,
    issues: [{ row: null, key, values }],
  })
  if (bytes.byteLength > MAX_SHEET_BYTES)
    return whole('admin.sheet.issues.tooLarge', { mb: MAX_SHEET_BYTES / 1024 / 1024 })
  if (!looksLikeXlsx(bytes)) return whole('admin.sheet.issues.notXlsx')
  // A small file may unpack to gigabytes (a zip bomb): refuse before ExcelJS unpacks it.
  const unpacked = unzippedSize(bytes)
  if (unpacked === null) return whole('admin.sheet.issues.notXlsx')
  if (unpacked > MAX_UNZIPPED_BYTES)
    return whole('admin.sheet.issues.tooLarge', { mb: MAX_SHEET_BYTES / 1024 / 1024 })
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer)
  } catch {
    return whole('admin.sheet.issues.notXlsx')
  }
  const sheet = workbook.worksheets[0]
  if (!sheet) return whole('admin.sheet.issues.noRows')

  const issues: SheetIssue[] = []
  const header = sheet.getRow(1)
  SHEET_COLUMNS.forEach((column, i) => {
    const actual = cellText(header.getCell(i + 1).value)
    if (actual !== column.header)
      issues.push({
        row: 1,
        column: letter(i),
        header: column.header,
        key: 'admin.sheet.issues.header',
        values: { expected: column.header, actual },
      })
  })
  if (issues.length) return { ok: false, issues }

  const dataRows: ExcelJS.Row[] = []
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return
    const cells = SHEET_COLUMNS.map((_, i) => cellText(row.getCell(i + 1).value))
    if (cells.some((c) => c !== '')) dataRows.push(row)
  })
  if (dataRows.length === 0) return whole('admin.sheet.issues.noRows')
  if (dataRows.length > MAX_SHEET_ROWS)
    return whole('admin.sheet.issues.tooManyRows', { max: MAX_SHEET_ROWS, count: dataRows.length })

  const unitByName = new Map<string, ImportUnit>()
  for (const u of units) for (const n of [u.slug, u.nameEn, u.name]) unitByName.set(n, u)
  const own = units.find((u) => u.id === ownUnitId)

  const rows: Array<SheetRow & { rowNumber: number; unitId: number }> = []
  for (const row of dataRows) {
    const rowIssues: SheetIssue[] = []
    const problem = (i: number, key: MessageKey, values?: SheetIssue['values']) =>
      rowIssues.push({
        row: row.number,
        column: letter(i),
        header: SHEET_COLUMNS[i]!.header,
        key,
        values,
      })
    const text = SHEET_COLUMNS.map((column, i) => {
      const value = cellText(row.getCell(i + 1).value)
      if (column.required && value === '') problem(i, 'admin.sheet.issues.required')
      else if (value.length > column.max)
        problem(i, 'admin.sheet.issues.tooLong', { max: column.max, length: value.length })
      return value
    })
    const at = (key: SheetColumnKey) => SHEET_COLUMNS.findIndex((c) => c.key === key)
    const cell = (key: SheetColumnKey) => text[at(key)]!
    const failed = (key: SheetColumnKey) => rowIssues.some((r) => r.column === letter(at(key)))

    const unit = unitByName.get(cell('unit'))
    if (!failed('unit')) {
      if (!unit) problem(at('unit'), 'admin.sheet.issues.unitUnknown', { value: cell('unit') })
      else if (ownUnitId !== null && unit.id !== ownUnitId)
        problem(at('unit'), 'admin.sheet.issues.unitNotOwn', {
          unit: own?.name ?? '',
          value: cell('unit'),
        })
    }
    const deadline = failed('deadline')
      ? null
      : deadlineOf(row.getCell(at('deadline') + 1).value, cell('deadline'))
    if (!failed('deadline') && !deadline)
      problem(at('deadline'), 'admin.sheet.issues.deadline', { value: cell('deadline') })
    const status = failed('status') ? null : statusOf(cell('status'))
    if (!failed('status') && !status)
      problem(at('status'), 'admin.sheet.issues.status', { value: cell('status') })
    // 已办结 is the public's verdict at the end of the rating window: no sheet may skip it.
    if (status === 'closed') problem(at('status'), 'admin.sheet.issues.closedByVerdict')
    if (status === 'resolved' && !failed('progress') && !cell('progress'))
      problem(at('progress'), 'admin.sheet.issues.summaryRequired')

    if (rowIssues.length || !unit || !deadline || !status) {
      issues.push(...rowIssues)
      continue
    }
    const leader = leaderOf(cell('leader'))
    rows.push({
      rowNumber: row.number,
      unitId: unit.id,
      title: cell('title'),
      commitment: cell('commitment'),
      unit: unit.name,
      leaderName: leader.name,
      leaderTitle: leader.title,
      mode: deadline.mode,
      deadline: deadline.deadline,
      progress: cell('progress'),
      status,
    })
  }
  return issues.length ? { ok: false, issues } : { ok: true, rows }
}

function letter(index: number): string {
  return String.fromCharCode(65 + index)
}
