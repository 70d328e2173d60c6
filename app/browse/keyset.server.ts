import { sql, type RawBuilder } from 'kysely'
import { cached } from '../platform/cache.server'
import { decodeCursor, encodeCursor, PAGE_SIZE, periodDays, type BrowseFilters } from './list-query'

/** One page of a public list: its rows, the count for the whole filter, the next cursor. */
export interface Page<T> {
  items: T[]
  total: number
  /** The cursor of the next page, or null on the last one. */
  next: string | null
}

const UTC_STAMP = 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'

/** The start of the chosen period, or null for all time. */
export function periodStart(f: BrowseFilters): Date | null {
  return f.period ? new Date(Date.now() - periodDays[f.period] * 24 * 3600 * 1000) : null
}

/** The columns a public list sorts by, named as in its query. */
export interface SortColumns {
  id: string
  created: string
  updated: string
  deadline: string
}

export interface Keyset {
  /** The sort expression, then the id: together they order every row uniquely. */
  key: RawBuilder<unknown>
  id: RawBuilder<unknown>
  direction: 'asc' | 'desc'
  /** The sort value as text, selected as `sort_key`, for the next page's cursor. */
  sortKey: RawBuilder<string>
  /** The rows after the cursor, or null on the first page. */
  after: RawBuilder<boolean> | null
}

/**
 * A keyset page for the filter's sort: the next page seeks past the last row shown, so a deep
 * page costs what the first does. Deadlines ascend (none last); times descend.
 */
export function keyset(f: BrowseFilters, columns: SortColumns): Keyset {
  const id = sql.ref(columns.id)
  const cursor = decodeCursor(f.after, f.sort)
  if (f.sort === 'deadline') {
    const key = sql`coalesce(${sql.ref(columns.deadline)}, '9999-12-31'::date)`
    return {
      key,
      id,
      direction: 'asc',
      sortKey: sql<string>`to_char(${key}, 'YYYY-MM-DD')`,
      after: cursor ? sql<boolean>`(${key}, ${id}) > (${cursor.value}::date, ${cursor.id})` : null,
    }
  }
  const key = sql.ref(f.sort === 'updated' ? columns.updated : columns.created)
  return {
    key,
    id,
    direction: 'desc',
    sortKey: sql<string>`to_char(${key} at time zone 'UTC', ${UTC_STAMP})`,
    after: cursor
      ? sql<boolean>`(${key}, ${id}) < (${cursor.value}::timestamptz, ${cursor.id})`
      : null,
  }
}

/** The rows to show of the PAGE_SIZE + 1 fetched, and the cursor past them if more follow. */
export function pageRows<R extends { id: number; sort_key: string }>(
  rows: R[],
): { shown: R[]; next: string | null } {
  const shown = rows.slice(0, PAGE_SIZE)
  const last = shown.at(-1)
  return {
    shown,
    next:
      rows.length > PAGE_SIZE && last ? encodeCursor({ value: last.sort_key, id: last.id }) : null,
  }
}

/**
 * The count for a filter, the same on every page of it (so without cursor or sort): counting
 * a million rows is the dearest part of a list, so a total is kept briefly and shared.
 */
export async function filterTotal(
  list: 'duties' | 'reports',
  f: BrowseFilters,
  count: () => Promise<{ n: string | number }>,
): Promise<number> {
  const { after: _after, sort: _sort, ...filter } = f
  const { n } = await cached(`public:${list}-total:${JSON.stringify(filter)}`, count)
  return Number(n)
}
