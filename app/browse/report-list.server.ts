import { sql, type Kysely } from 'kysely'
import type { Database, DutyStatus, ReportKind, ReportStatus } from '../../db/schema'
import type { Locale } from '../platform/i18n'
import { isOverdue } from '../duties/duty-lifecycle'
import { chinaToday } from '../duties/working-days'
import { publicReporterName } from '../reporting/reporter-name'
import { likePattern, PAGE_SIZE, searchTerms, type BrowseFilters } from './list-query'
import { filterTotal, keyset, pageRows, periodStart, type Page } from './keyset.server'
import { reportNumber } from '../privacy/report-number'

/** One report on the public problem list (问题清单). */
export interface PublicReportRow {
  id: number
  number: string
  kind: ReportKind
  title: string
  excerpt: string
  status: ReportStatus
  reporterName: string | null
  categoryName: string
  areaName: string
  createdAt: Date
  duty: { id: number; status: DutyStatus; overdue: boolean } | null
}

/** The public problem list for a filter, one page after the cursor. */
export async function listReports(
  db: Kysely<Database>,
  f: BrowseFilters<ReportStatus>,
  locale: Locale,
): Promise<Page<PublicReportRow>> {
  const today = chinaToday()
  const since = periodStart(f)
  const terms = searchTerms(f.q)
  const filtered = db
    .selectFrom('reports as r')
    .innerJoin('categories as c', 'c.id', 'r.category_id')
    .innerJoin('areas as a', 'a.id', 'r.area_id')
    .leftJoin('duty_reports as dr', 'dr.report_id', 'r.id')
    .leftJoin('duties as d', 'd.id', 'dr.duty_id')
    .leftJoin('units as u', 'u.id', 'd.unit_id')
    .where((eb) => {
      const all = []
      if (f.kind) all.push(eb('r.kind', '=', f.kind))
      if (f.category) all.push(eb('r.category_id', '=', f.category))
      if (f.area) all.push(eb.or([eb('r.area_id', '=', f.area), eb('a.parent_id', '=', f.area)]))
      if (f.unit) all.push(eb('u.slug', '=', f.unit))
      if (f.status) all.push(eb('r.status', '=', f.status))
      if (f.overdue)
        all.push(
          eb.and([eb('d.status', 'in', ['assigned', 'in_progress']), eb('d.deadline', '<', today)]),
        )
      if (since) all.push(eb('r.created_at', '>=', since))
      for (const term of terms)
        // The public twins only: a private address or a typed mobile finds nothing.
        all.push(eb(sql`r.title_public || ' ' || r.body_public`, 'ilike', likePattern(term)))
      return eb.and(all)
    })

  const order = keyset(f, {
    id: 'r.id',
    created: 'r.created_at',
    updated: 'r.updated_at',
    deadline: 'd.deadline',
  })
  let page = filtered.select([
    'r.id',
    'r.kind',
    'r.title_public',
    'r.body_public',
    'r.status',
    'r.contact_name',
    'r.company_name',
    'r.display',
    'r.created_at',
    'c.name as category_name',
    'c.name_en as category_name_en',
    'a.name as area_name',
    'a.name_en as area_name_en',
    'd.id as duty_id',
    'd.status as duty_status',
    'd.deadline as duty_deadline',
    order.sortKey.as('sort_key'),
  ])
  if (order.after) page = page.where(order.after)
  page = page.orderBy(order.key, order.direction).orderBy(order.id, order.direction)

  const [rows, total] = await Promise.all([
    page.limit(PAGE_SIZE + 1).execute(),
    filterTotal('reports', f, () =>
      filtered.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow(),
    ),
  ])
  const en = locale === 'en'
  const { shown, next } = pageRows(rows)
  return {
    total,
    next,
    items: shown.map((r) => {
      const body = Array.from(r.body_public)
      return {
        id: r.id,
        number: reportNumber(r.id),
        kind: r.kind,
        title: r.title_public,
        excerpt: body.length > 80 ? `${body.slice(0, 80).join('')}…` : body.join(''),
        status: r.status,
        reporterName: publicReporterName(r),
        categoryName: en ? r.category_name_en : r.category_name,
        areaName: en ? r.area_name_en : r.area_name,
        createdAt: r.created_at,
        duty:
          r.duty_id !== null && r.duty_status !== null
            ? {
                id: r.duty_id,
                status: r.duty_status,
                overdue: isOverdue({ status: r.duty_status, deadline: r.duty_deadline }, today),
              }
            : null,
      }
    }),
  }
}
