import { cleanText, isRealDay } from '../platform/text'
import type { DutyStatus, ReportKind, ReportStatus } from '../../db/schema'

/**
 * The public lists' filters live in the URL: a link, a bookmark or a form without JavaScript
 * gives the same list. Anything unknown or malformed is dropped rather than refused.
 */
export const sorts = ['newest', 'updated', 'deadline'] as const
export type Sort = (typeof sorts)[number]
export const periods = ['week', 'month', 'quarter', 'year'] as const
export type Period = (typeof periods)[number]
export const periodDays: Record<Period, number> = { week: 7, month: 30, quarter: 91, year: 365 }
export const reportStatuses: ReportStatus[] = ['pending', 'accepted', 'declined', 'merged']
export const dutyStatusFilters: DutyStatus[] = ['assigned', 'in_progress', 'resolved', 'closed']
export const PAGE_SIZE = 20

export interface BrowseFilters<S extends string = string> {
  q: string
  kind: ReportKind | null
  category: number | null
  area: number | null
  unit: string | null
  status: S | null
  overdue: boolean
  period: Period | null
  sort: Sort
  after: string | null
}

function pick<T extends string>(value: string | null, allowed: readonly T[]): T | null {
  return allowed.find((a) => a === value) ?? null
}

export function parseFilters<S extends string>(
  params: URLSearchParams,
  statuses: readonly S[],
): BrowseFilters<S> {
  // A positive int4 id, written as plain digits (no zod here: the list pages' JavaScript).
  const id = (name: string) => {
    const value = Number(params.get(name)?.trim() || Number.NaN)
    return Number.isInteger(value) && value > 0 && value <= 2_147_483_647 ? value : null
  }
  const unit = params.get('unit')
  return {
    q: cleanText(params.get('q') ?? '')
      .replace(/\s+/g, ' ')
      .slice(0, 60)
      .trim(),
    kind: pick(params.get('kind'), ['concern', 'demand'] as const),
    category: id('category'),
    area: id('area'),
    unit: unit && /^[a-z0-9-]{1,60}$/.test(unit) ? unit : null,
    status: pick(params.get('status'), statuses),
    overdue: params.get('overdue') === '1',
    period: pick(params.get('period'), periods),
    sort: pick(params.get('sort'), sorts) ?? 'newest',
    after: params.get('after'),
  }
}

/** The query string of a filter set (defaults left out), to link to another page or sort. */
export function filterQuery<S extends string>(
  f: BrowseFilters<S>,
  change: Partial<BrowseFilters<S>> = {},
): string {
  const next = { ...f, ...change }
  const params = new URLSearchParams()
  if (next.q) params.set('q', next.q)
  if (next.kind) params.set('kind', next.kind)
  if (next.category) params.set('category', String(next.category))
  if (next.area) params.set('area', String(next.area))
  if (next.unit) params.set('unit', next.unit)
  if (next.status) params.set('status', next.status)
  if (next.overdue) params.set('overdue', '1')
  if (next.period) params.set('period', next.period)
  if (next.sort !== 'newest') params.set('sort', next.sort)
  if (next.after) params.set('after', next.after)
  const text = params.toString()
  return text ? `?${text}` : ''
}

/** Search words: spaces separate them; every word must appear. */
export function searchTerms(q: string): string[] {
  return Array.from(new Set(q.split(' ').filter(Boolean))).slice(0, 5)
}

/** A LIKE pattern that matches the text literally. */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

/**
 * A keyset cursor: the sort value and the id of the last row shown. Opaque to readers,
 * checked strictly on the way back in.
 */
export interface Cursor {
  value: string
  id: number
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.value, cursor.id])).toString('base64url')
}

/** The largest id a PostgreSQL `integer` column holds. */
const MAX_ID = 2_147_483_647

/**
 * A date and time that exists as written: JavaScript rolls 2026-02-30 over to March and reads
 * 24:00 as the next day, where PostgreSQL refuses both (a 500), so the two must agree.
 */
function isRealMoment(value: string): boolean {
  const time = Date.parse(value)
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 19) === value.slice(0, 19)
}

export function decodeCursor(text: string | null, sort: Sort): Cursor | null {
  if (!text || text.length > 200) return null
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'))
    if (!Array.isArray(parsed) || parsed.length !== 2) return null
    const [value, id]: unknown[] = parsed
    // Ids are PostgreSQL integers: a bigger one would be refused by the database (a 500).
    if (
      typeof value !== 'string' ||
      !Number.isInteger(id) ||
      (id as number) < 1 ||
      (id as number) > MAX_ID
    )
      return null
    const valid =
      sort === 'deadline'
        ? isRealDay(value)
        : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/.test(value) && isRealMoment(value)
    return valid ? { value, id: id as number } : null
  } catch {
    return null
  }
}
