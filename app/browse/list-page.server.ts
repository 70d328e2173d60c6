import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { getDb } from '../platform/db.server'
import { localeFromRequest, type Locale } from '../platform/i18n'
import { filterOptions } from './filter-options.server'
import type { Page } from './keyset.server'
import { dutyStatusFilters, parseFilters, reportStatuses, type BrowseFilters } from './list-query'
import { listDuties } from './public-duties.server'
import { listReports } from './report-list.server'

/**
 * What a public list page shows: the filters read from the URL, one page of rows and the
 * choices of the filter form.
 */
async function listPage<S extends string, T>(
  request: Request,
  statuses: readonly S[],
  list: (db: Kysely<Database>, f: BrowseFilters<S>, locale: Locale) => Promise<Page<T>>,
) {
  const filters = parseFilters(new URL(request.url).searchParams, statuses)
  const locale = localeFromRequest(request)
  const db = await getDb()
  const [page, options] = await Promise.all([list(db, filters, locale), filterOptions(db, locale)])
  return { filters, page, options }
}

/** The problem list (问题清单) page. */
export function reportListPage(request: Request) {
  return listPage(request, reportStatuses, listReports)
}

/** The duty list (履职清单) page. */
export function dutyListPage(request: Request) {
  return listPage(request, dutyStatusFilters, listDuties)
}
