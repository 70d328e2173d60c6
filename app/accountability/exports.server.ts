import { PassThrough, Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { translator, type Locale } from '../platform/i18n'
import { publicText } from '../privacy/public-text'
import { w3cDate } from './open311/format.server'
import { machineHeaders } from '../platform/response/security-headers.server'
import { reportNumber } from '../privacy/report-number'
import { ownPrivateAddress } from '../privacy/private-addresses.server'

/**
 * Public exports of the report list and the duty lists, as CSV or Excel. The columns are
 * named one by one from public fields: no contact, no credit code or company contact, no
 * address the reporter kept private (also hidden where they typed it into their text).
 * Rows are read in batches by id and streamed, so a city's million rows never sit in memory.
 */
export type ExportName = 'reports' | 'duties'
export type ExportFormat = 'csv' | 'xlsx'

const BATCH = 2000

interface Sheet {
  columns: string[]
  rows: () => AsyncGenerator<Array<string | number | null>>
}

function reportSheet(db: Kysely<Database>, locale: Locale): Sheet {
  const t = translator(locale)
  const name = (zh: string, en: string) => (locale === 'en' ? en : zh)
  return {
    columns: (
      [
        'number',
        'kind',
        'category',
        'area',
        'title',
        'body',
        'address',
        'status',
        'declineReason',
        'dutyId',
        'createdAt',
      ] as const
    ).map((c) => t(`accountability.exports.columns.${c}`)),
    rows: async function* () {
      let after = 0
      for (;;) {
        const batch = await db
          .selectFrom('reports as r')
          .innerJoin('categories as c', 'c.id', 'r.category_id')
          .innerJoin('areas as a', 'a.id', 'r.area_id')
          .leftJoin('areas as p', 'p.id', 'a.parent_id')
          .leftJoin('duty_reports as dr', 'dr.report_id', 'r.id')
          .select([
            'r.id',
            'r.kind',
            'r.title_public',
            'r.body_public',
            'r.address',
            'r.address_public',
            'r.status',
            'r.decline_reason',
            'r.created_at',
            'c.name as category',
            'c.name_en as category_en',
            'a.name as area',
            'a.name_en as area_en',
            'a.level as area_level',
            'p.name as parent',
            'p.name_en as parent_en',
            'dr.duty_id',
          ])
          .where('r.id', '>', after)
          .orderBy('r.id')
          .limit(BATCH)
          .execute()
        for (const r of batch) {
          const area = name(r.area, r.area_en)
          yield [
            reportNumber(r.id),
            t(`accountability.exports.kinds.${r.kind}`),
            name(r.category, r.category_en),
            r.area_level === 'community' && r.parent
              ? `${name(r.parent, r.parent_en!)} ${area}`
              : area,
            r.title_public,
            r.body_public,
            r.address_public ? r.address : null,
            t(`accountability.exports.reportStatuses.${r.status}`),
            r.decline_reason && publicText(r.decline_reason, ownPrivateAddress(r)),
            r.duty_id,
            w3cDate(r.created_at),
          ]
        }
        if (batch.length < BATCH) return
        after = batch[batch.length - 1]!.id
      }
    },
  }
}

function dutySheet(db: Kysely<Database>, locale: Locale): Sheet {
  const t = translator(locale)
  const name = (zh: string, en: string) => (locale === 'en' ? en : zh)
  return {
    columns: (
      [
        'id',
        'unit',
        'category',
        'title',
        'commitment',
        'leader',
        'mode',
        'deadline',
        'status',
        'progress',
        'overdue',
        'resolvedAt',
        'reports',
      ] as const
    ).map((c) => t(`accountability.exports.columns.${c}`)),
    rows: async function* () {
      let after = 0
      for (;;) {
        const batch = await db
          .selectFrom('duties as d')
          .innerJoin('units as u', 'u.id', 'd.unit_id')
          .innerJoin('categories as c', 'c.id', 'd.category_id')
          .select([
            'd.id',
            'd.title',
            'd.commitment',
            'd.leader_name',
            'd.leader_title',
            'd.mode',
            'd.deadline',
            'd.status',
            'd.progress',
            'd.resolved_at',
            'u.name as unit',
            'u.name_en as unit_en',
            'c.name as category',
            'c.name_en as category_en',
            sql<boolean>`d.status in ('assigned', 'in_progress') and d.deadline < (now() at time zone 'Asia/Shanghai')::date`.as(
              'overdue',
            ),
            (eb) =>
              eb
                .selectFrom('duty_reports as dr')
                .select((e) => e.fn.countAll<string>().as('n'))
                .whereRef('dr.duty_id', '=', 'd.id')
                .as('reports'),
          ])
          .where('d.id', '>', after)
          .orderBy('d.id')
          .limit(BATCH)
          .execute()
        for (const d of batch) {
          yield [
            d.id,
            name(d.unit, d.unit_en),
            name(d.category, d.category_en),
            d.title,
            d.commitment,
            `${d.leader_name}（${d.leader_title}）`,
            t(`accountability.exports.modes.${d.mode}`),
            d.deadline,
            t(`accountability.supervision.statuses.${d.status}`),
            `${d.progress}%`,
            d.overdue ? t('accountability.exports.yes') : t('accountability.exports.no'),
            d.resolved_at ? w3cDate(d.resolved_at) : null,
            Number(d.reports ?? 0),
          ]
        }
        if (batch.length < BATCH) return
        after = batch[batch.length - 1]!.id
      }
    },
  }
}

function csvCell(value: string | number | null): string {
  if (value === null) return ''
  let text = String(value)
  // A cell starting with = + - @ would run as a formula in a spreadsheet: quote it as text.
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

function csvStream(sheet: Sheet): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  const rows = sheet.rows()
  let started = false
  return new ReadableStream({
    async pull(controller) {
      if (!started) {
        started = true
        // The byte-order mark makes Excel open UTF-8 Chinese text correctly.
        controller.enqueue(encoder.encode(`\uFEFF${sheet.columns.map(csvCell).join(',')}\r\n`))
        return
      }
      let chunk = ''
      for (let i = 0; i < 500; i++) {
        const next = await rows.next()
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk))
          controller.close()
          return
        }
        chunk += `${next.value.map(csvCell).join(',')}\r\n`
      }
      controller.enqueue(encoder.encode(chunk))
    },
    async cancel() {
      await rows.return(undefined)
    },
  })
}

function xlsxStream(sheet: Sheet, title: string): ReadableStream<Uint8Array> {
  const out = new PassThrough()
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false })
  const worksheet = workbook.addWorksheet(title.slice(0, 31))
  worksheet.columns = sheet.columns.map((header) => ({ header, width: 18 }))
  void (async () => {
    try {
      for await (const row of sheet.rows()) worksheet.addRow(row).commit()
      worksheet.commit()
      await workbook.commit()
    } catch (error) {
      out.destroy(error instanceof Error ? error : new Error(String(error)))
    }
  })()
  return Readable.toWeb(out) as ReadableStream<Uint8Array>
}

export function exportResponse(
  db: Kysely<Database>,
  name: ExportName,
  format: ExportFormat,
  locale: Locale,
): Response {
  const t = translator(locale)
  const sheet = name === 'reports' ? reportSheet(db, locale) : dutySheet(db, locale)
  const filename = `kaimen-${name}-${new Date().toISOString().slice(0, 10)}.${format}`
  const body =
    format === 'csv' ? csvStream(sheet) : xlsxStream(sheet, t(`accountability.exports.${name}`))
  return new Response(body, {
    headers: {
      ...machineHeaders,
      'Content-Type':
        format === 'csv'
          ? 'text/csv; charset=utf-8'
          : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'public, max-age=300',
    },
  })
}

export function parseExportFile(file: string | undefined): [ExportName, ExportFormat] | null {
  const match = /^(reports|duties)\.(csv|xlsx)$/.exec(file ?? '')
  if (!match) return null
  return [match[1] === 'reports' ? 'reports' : 'duties', match[2] === 'csv' ? 'csv' : 'xlsx']
}
