import { sql, type Kysely } from 'kysely'
import type { Database } from '../../../db/schema'
import { publicText } from '../../privacy/public-text'
import { DomainError } from '../../platform/errors'
import type { MessageKey } from '../../locales/types'
import { w3cDate } from './format.server'
import { parseReportNumber, reportNumber } from '../../privacy/report-number'
import { ownPrivateAddress } from '../../privacy/private-addresses.server'

/**
 * Open311 service requests are our reports (service_request_id = the public number, never the
 * tracking code). Only public
 * fields ever leave: never a contact, a company's credit code or an address its reporter kept
 * private. Locations are our areas (address_id = area code): Kaimen collects no coordinates.
 */

const refuse = (key: MessageKey, values?: Record<string, string>) =>
  new DomainError(400, key, values)

const DATETIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/

function parseDate(name: string, value: string | null): Date | null {
  if (value === null || value === '') return null
  if (!DATETIME.test(value)) throw refuse('accountability.open311.badDate', { name })
  // A date or time without a zone is China time.
  const withZone = /(?:Z|[+-]\d{2}:?\d{2})$/.test(value)
    ? value
    : value.length === 10
      ? `${value}T00:00:00+08:00`
      : `${value}+08:00`
  const date = new Date(withZone)
  if (Number.isNaN(date.getTime())) throw refuse('accountability.open311.invalidDate', { name })
  return date
}

const MAX_REQUESTS = 1000
const DEFAULT_DAYS = 90

/** Is the report's matter still open: pending, or accepted with its duty not yet resolved. */
const openSql = sql<boolean>`(r.status = 'pending' or (r.status = 'accepted' and d.status in ('assigned', 'in_progress')))`

export interface RequestQuery {
  serviceRequestIds?: number[]
  serviceCode?: string | null
  startDate?: Date | null
  endDate?: Date | null
  status?: RequestStatus[]
}

type RequestStatus = 'open' | 'closed'

function isRequestStatus(value: string): value is RequestStatus {
  return value === 'open' || value === 'closed'
}

/** GET requests' parameters, validated as the specification has them. */
export function parseRequestQuery(params: URLSearchParams): RequestQuery {
  const ids = params.get('service_request_id')
  if (ids !== null) {
    const list = ids
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
    const numbers = list.map(parseReportNumber)
    if (!list.length || list.length > 100 || numbers.some((n) => n === null))
      throw refuse('accountability.open311.badRequestIds')
    return { serviceRequestIds: numbers.filter((n) => n !== null) }
  }
  const code = params.get('service_code')
  if (code !== null && !/^[a-z0-9-]{1,60}$/.test(code))
    throw refuse('accountability.open311.badServiceCode')
  const status = params.get('status')
  const statuses = status === null || status === '' ? [] : status.split(',').map((s) => s.trim())
  if (!statuses.every(isRequestStatus)) throw refuse('accountability.open311.badStatus')
  const startDate = parseDate('start_date', params.get('start_date'))
  const endDate = parseDate('end_date', params.get('end_date'))
  if (startDate && endDate && startDate > endDate) throw refuse('accountability.open311.dateOrder')
  return {
    serviceCode: code,
    startDate,
    endDate,
    status: statuses,
  }
}

export async function listRequests(db: Kysely<Database>, query: RequestQuery) {
  let q = db
    .selectFrom('reports as r')
    .innerJoin('categories as c', 'c.id', 'r.category_id')
    .innerJoin('areas as a', 'a.id', 'r.area_id')
    .leftJoin('duty_reports as dr', 'dr.report_id', 'r.id')
    .leftJoin('duties as d', 'd.id', 'dr.duty_id')
    .leftJoin('units as u', (j) =>
      j.on(sql<boolean>`u.id = coalesce(d.unit_id, r.proposed_unit_id)`),
    )
    .leftJoin('reports as m', 'm.id', 'r.merged_into_id')
    // Public columns only, named one by one: nothing private can slip in with a `select *`.
    .select([
      'r.id',
      'r.title_public',
      'r.body_public',
      'r.status as report_status',
      'r.decline_reason',
      'r.address',
      'r.address_public',
      'r.created_at',
      'r.updated_at',
      'c.slug as service_code',
      'c.name as service_name',
      'a.code as area_code',
      'a.name as area_name',
      'd.status as duty_status',
      'd.deadline',
      'd.resolution_summary_public',
      'd.updated_at as duty_updated_at',
      'u.name as unit_name',
      'm.id as merged_into',
      openSql.as('is_open'),
    ])
  if (query.serviceRequestIds) {
    q = q.where('r.id', 'in', query.serviceRequestIds)
  } else {
    if (query.serviceCode) q = q.where('c.slug', '=', query.serviceCode)
    const end = query.endDate ?? null
    const start =
      query.startDate ?? new Date((end ?? new Date()).getTime() - DEFAULT_DAYS * 24 * 3600 * 1000)
    q = q.where('r.created_at', '>=', start)
    if (end) q = q.where('r.created_at', '<=', end)
    if (query.status?.length === 1)
      q = q.where(query.status[0] === 'open' ? openSql : sql<boolean>`not ${openSql}`)
  }
  const rows = await q.orderBy('r.created_at', 'desc').limit(MAX_REQUESTS).execute()
  return rows.map((r) => ({
    service_request_id: reportNumber(r.id),
    status: r.is_open ? 'open' : 'closed',
    status_notes:
      r.report_status === 'declined'
        ? publicText(r.decline_reason ?? '', ownPrivateAddress(r))
        : r.report_status === 'merged'
          ? `已与 ${r.merged_into === null ? '' : reportNumber(r.merged_into)} 合并办理`
          : (r.resolution_summary_public ?? null),
    service_name: r.service_name,
    service_code: r.service_code,
    description: `${r.title_public}\n${r.body_public}`,
    agency_responsible: r.unit_name ?? null,
    service_notice: null,
    requested_datetime: w3cDate(r.created_at),
    updated_datetime: w3cDate(
      r.duty_updated_at && r.duty_updated_at > r.updated_at ? r.duty_updated_at : r.updated_at,
    ),
    expected_datetime: r.deadline && r.is_open ? `${r.deadline}T23:59:59+08:00` : null,
    address: r.address_public && r.address ? r.address : r.area_name,
    address_id: r.area_code,
    zipcode: null,
    lat: null,
    long: null,
    media_url: null,
  }))
}

export async function getRequest(db: Kysely<Database>, id: string) {
  const notFound = new DomainError(404, 'accountability.open311.requestNotFound')
  const number = parseReportNumber(id)
  if (number === null) throw notFound
  const rows = await listRequests(db, { serviceRequestIds: [number] })
  if (!rows.length) throw notFound
  return rows
}
