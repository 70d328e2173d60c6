import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { verifyApiKey } from './api-key.server'
import { maskPrivateText } from '../browse/list-query'
import { createReport } from '../reporting/report.server'
import { isMainlandMobile, normalizeEmail, normalizeMobile } from '../reporting/report-validation'

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2): services are our categories
 * (service_code = category slug), service requests are our reports (service_request_id =
 * tracking code). Only public fields ever leave: never a contact, a company's credit code or
 * an address its reporter kept private. Locations are our areas (address_id = area code):
 * Kaimen collects no coordinates.
 */
export type Format = 'json' | 'xml'

export class Open311Error extends Error {
  constructor(
    readonly status: number,
    readonly description: string,
  ) {
    super(description)
  }
}

/** 'requests.json' → ['requests', 'json']; null for another extension. */
export function splitFormat(value: string | undefined): [string, Format] | null {
  const match = /^(.+)\.(json|xml)$/.exec(value ?? '')
  return match ? [match[1]!, match[2] as Format] : null
}

// Which element each list's items take in XML, as the specification's examples have them.
const itemNames: Record<string, string> = {
  endpoints: 'endpoint',
  formats: 'format',
  attributes: 'attribute',
  values: 'value',
  services: 'service',
  service_requests: 'request',
  errors: 'error',
}

/** XML 1.0 allows tab, line breaks and everything from space up, except surrogates and FFFE/FFFF. */
function allowedInXml(char: string): boolean {
  const code = char.codePointAt(0)!
  if (code === 0x9 || code === 0xa || code === 0xd) return true
  if (code < 0x20 || code === 0xfffe || code === 0xffff) return false
  return code < 0xd800 || code > 0xdfff
}

function escapeXml(value: string): string {
  return Array.from(value)
    .filter(allowedInXml)
    .join('')
    .replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

function xmlNode(name: string, value: unknown): string {
  if (value === null || value === undefined) return `<${name}/>`
  if (Array.isArray(value)) {
    const item = itemNames[name] ?? 'item'
    return `<${name}>${value.map((v) => xmlNode(item, v)).join('')}</${name}>`
  }
  if (typeof value === 'object') {
    const inner = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => xmlNode(k, v))
      .join('')
    return `<${name}>${inner}</${name}>`
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`
}

export function respond(format: Format, root: string, body: unknown, status = 200): Response {
  if (format === 'xml') {
    return new Response(`<?xml version="1.0" encoding="utf-8"?>${xmlNode(root, body)}`, {
      status,
      headers: {
        'Content-Type': 'text/xml; charset=utf-8',
        'Access-Control-Allow-Origin': '*',
      },
    })
  }
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Access-Control-Allow-Origin': '*',
    },
  })
}

/** The specification's error answer: a list of { code, description }. */
export function errorResponse(format: Format, status: number, description: string): Response {
  return respond(format, 'errors', [{ code: status, description }], status)
}

/** Runs an endpoint; Open311Error becomes the spec's error list in the asked format. */
export async function handleOpen311(
  format: Format,
  run: () => Promise<Response>,
): Promise<Response> {
  try {
    return await run()
  } catch (error) {
    if (error instanceof Open311Error) return errorResponse(format, error.status, error.description)
    throw error
  }
}

/** W3C datetime in China time: 2026-11-02T10:00:00+08:00. */
export function w3cDate(date: Date): string {
  const china = new Date(date.getTime() + 8 * 3600 * 1000)
  return `${china.toISOString().slice(0, 19)}+08:00`
}

export function discovery(publicUrl: string) {
  const base = `${publicUrl.replace(/\/$/, '')}/open311/v2`
  return {
    changeset: '2026-11-01T00:00:00+08:00',
    contact: '开门 Kaimen 学习教育办公室',
    key_service: `${publicUrl.replace(/\/$/, '')}/exports`,
    endpoints: [
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: base,
        changeset: '2026-11-01T00:00:00+08:00',
        type: 'production',
        formats: ['text/xml', 'application/json'],
      },
    ],
  }
}

export async function listServices(db: Kysely<Database>) {
  const categories = await db
    .selectFrom('categories')
    .select(['slug', 'kind', 'name', 'response_days', 'resolution_days'])
    .orderBy('sort_order')
    .orderBy('id')
    .execute()
  return categories.map((c) => ({
    service_code: c.slug,
    service_name: c.name,
    description: `${c.name}：${c.response_days}个工作日内响应，${c.resolution_days}个工作日内办结。`,
    // Filing needs the area attribute of the service definition.
    metadata: true,
    type: 'realtime',
    keywords: c.kind === 'concern' ? '急难愁盼' : '企业诉求',
    group: c.kind === 'concern' ? '群众急难愁盼' : '企业困难诉求',
  }))
}

/** A service's definition: the one attribute, the area (street or community) of the problem. */
export async function serviceDefinition(db: Kysely<Database>, code: string) {
  const category = await db
    .selectFrom('categories')
    .select(['slug'])
    .where('slug', '=', code)
    .executeTakeFirst()
  if (!category) throw new Open311Error(404, 'service_code not found')
  const areas = await db
    .selectFrom('areas')
    .select(['code', 'name', 'level'])
    .where('level', '!=', 'district')
    .orderBy('sort_order')
    .orderBy('id')
    .execute()
  return {
    service_code: category.slug,
    attributes: [
      {
        variable: true,
        code: 'area',
        datatype: 'singlevaluelist',
        required: true,
        datatype_description: '街道或社区代码（也可作为 address_id 提交）',
        order: 1,
        description: '问题所在街道或社区',
        values: areas.map((a) => ({ key: a.code, name: a.name })),
      },
    ],
  }
}

const DATETIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/

function parseDate(name: string, value: string | null): Date | null {
  if (value === null || value === '') return null
  if (!DATETIME.test(value)) throw new Open311Error(400, `${name} must be a W3C datetime`)
  // A date or time without a zone is China time.
  const withZone = /(?:Z|[+-]\d{2}:?\d{2})$/.test(value)
    ? value
    : value.length === 10
      ? `${value}T00:00:00+08:00`
      : `${value}+08:00`
  const date = new Date(withZone)
  if (Number.isNaN(date.getTime())) throw new Open311Error(400, `${name} is not a valid date`)
  return date
}

const MAX_REQUESTS = 1000
const DEFAULT_DAYS = 90

/** Is the report's matter still open: pending, or accepted with its duty not yet resolved. */
const openSql = sql<boolean>`(r.status = 'pending' or (r.status = 'accepted' and d.status in ('assigned', 'in_progress')))`

export interface RequestQuery {
  serviceRequestIds?: string[]
  serviceCode?: string | null
  startDate?: Date | null
  endDate?: Date | null
  status?: Array<'open' | 'closed'>
}

/** GET requests' parameters, validated as the specification has them. */
export function parseRequestQuery(params: URLSearchParams): RequestQuery {
  const ids = params.get('service_request_id')
  if (ids !== null) {
    const list = ids
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
    if (!list.length || list.length > 100 || list.some((id) => !/^[A-Za-z0-9-]{4,40}$/.test(id)))
      throw new Open311Error(400, 'service_request_id must be a comma-separated list of ids')
    return { serviceRequestIds: list }
  }
  const code = params.get('service_code')
  if (code !== null && !/^[a-z0-9-]{1,60}$/.test(code))
    throw new Open311Error(400, 'service_code is not a valid code')
  const status = params.get('status')
  const statuses = status === null || status === '' ? [] : status.split(',').map((s) => s.trim())
  if (statuses.some((s) => s !== 'open' && s !== 'closed'))
    throw new Open311Error(400, 'status must be open or closed')
  const startDate = parseDate('start_date', params.get('start_date'))
  const endDate = parseDate('end_date', params.get('end_date'))
  if (startDate && endDate && startDate > endDate)
    throw new Open311Error(400, 'start_date must not be after end_date')
  return {
    serviceCode: code,
    startDate,
    endDate,
    status: statuses as Array<'open' | 'closed'>,
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
      'r.tracking_code',
      'r.title',
      'r.body',
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
      'd.resolution_summary',
      'd.updated_at as duty_updated_at',
      'u.name as unit_name',
      'm.tracking_code as merged_into',
      openSql.as('is_open'),
    ])
  if (query.serviceRequestIds) {
    q = q.where('r.tracking_code', 'in', query.serviceRequestIds)
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
    service_request_id: r.tracking_code,
    status: r.is_open ? 'open' : 'closed',
    status_notes:
      r.report_status === 'declined'
        ? r.decline_reason
        : r.report_status === 'merged'
          ? `已与 ${r.merged_into ?? ''} 合并办理`
          : (r.resolution_summary ?? null),
    service_name: r.service_name,
    service_code: r.service_code,
    description: maskPrivateText(`${r.title}\n${r.body}`, r.address_public ? [] : [r.address]),
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
  if (!/^[A-Za-z0-9-]{4,40}$/.test(id)) throw new Open311Error(404, 'service_request_id not found')
  const rows = await listRequests(db, { serviceRequestIds: [id] })
  if (!rows.length) throw new Open311Error(404, 'service_request_id not found')
  return rows
}

function field(form: FormData, name: string): string | null {
  const value = form.get(name)
  return typeof value === 'string' ? value.trim() || null : null
}

/**
 * POST requests: files a report through createReport, as the report form would. The api_key
 * must be live; a location (address_id or attribute[area], an area code), a description and a
 * way to reach the reporter (email or mainland mobile) are required.
 */
export async function createRequest(
  db: Kysely<Database>,
  form: FormData,
  options: { publicUrl: string },
) {
  if (!(await verifyApiKey(db, field(form, 'api_key'))))
    throw new Open311Error(403, 'api_key is missing or invalid')
  const code = field(form, 'service_code')
  if (!code) throw new Open311Error(400, 'service_code is required')
  const category = await db
    .selectFrom('categories')
    .select(['id', 'kind'])
    .where('slug', '=', code.slice(0, 60))
    .executeTakeFirst()
  if (!category) throw new Open311Error(400, 'service_code not found')
  if (category.kind !== 'concern')
    throw new Open311Error(
      400,
      'enterprise demands need a company and its credit code: file them on the website',
    )
  const areaCode = field(form, 'attribute[area]') ?? field(form, 'address_id')
  if (!areaCode)
    throw new Open311Error(
      400,
      'a location is required: address_id or attribute[area], an area code from the service definition',
    )
  const area = await db
    .selectFrom('areas')
    .select(['id', 'level'])
    .where('code', '=', areaCode.slice(0, 40))
    .executeTakeFirst()
  if (!area || area.level === 'district')
    throw new Open311Error(400, 'address_id is not a street or community code')
  const description = field(form, 'description')
  const length = description ? Array.from(description).length : 0
  if (!description || length < 10 || length > 2000)
    throw new Open311Error(400, 'description is required, 10 to 2000 characters')
  const email = field(form, 'email')
  const phone = field(form, 'phone')
  if (email && (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)))
    throw new Open311Error(400, 'email is not a valid address')
  if (phone && !isMainlandMobile(phone))
    throw new Open311Error(400, 'phone must be a mainland mobile number')
  if (!email && !phone) throw new Open311Error(400, 'email or phone is required')
  const name = [field(form, 'last_name'), field(form, 'first_name')]
    .filter(Boolean)
    .join('')
    .slice(0, 40)
  const address = field(form, 'address_string')?.slice(0, 200) ?? null
  const firstLine = description.split(/\n/)[0]!.trim()
  const title = Array.from(firstLine.length >= 4 ? firstLine : description)
    .slice(0, 40)
    .join('')
  const report = await createReport(
    db,
    {
      kind: 'concern',
      categoryId: category.id,
      areaId: area.id,
      title,
      body: description,
      address,
      addressPublic: false,
      contactName: name || '匿名',
      contactMobile: phone ? normalizeMobile(phone) : null,
      contactEmail: email ? normalizeEmail(email) : null,
      display: name ? 'masked' : 'anonymous',
    },
    [],
    { locale: 'zh-CN', publicUrl: options.publicUrl },
  )
  return [
    {
      service_request_id: report.trackingCode,
      service_notice: '已收到，学习教育办公室将按时限受理。',
      account_id: null,
    },
  ]
}
