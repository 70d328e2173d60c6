import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema'
import { DomainError } from '../../platform/errors'
import type { MessageKey } from '../../locales/types'
import { createReport } from '../../reporting/report.server'
import {
  isMainlandMobile,
  normalizeEmail,
  normalizeMobile,
} from '../../reporting/report-validation'
import { verifyApiKey } from '../api-key.server'
import { reportNumber } from '../../privacy/report-number'

function field(form: FormData, name: string): string | null {
  const value = form.get(name)
  return typeof value === 'string' ? value.trim() || null : null
}

const refuse = (key: MessageKey) => new DomainError(400, key)

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
    throw new DomainError(403, 'accountability.open311.badApiKey')
  const code = field(form, 'service_code')
  if (!code) throw refuse('accountability.open311.serviceRequired')
  const category = await db
    .selectFrom('categories')
    .select(['id', 'kind'])
    .where('slug', '=', code.slice(0, 60))
    .executeTakeFirst()
  if (!category) throw refuse('accountability.open311.serviceNotFound')
  if (category.kind !== 'concern') throw refuse('accountability.open311.demandOnWebsite')
  const areaCode = field(form, 'attribute[area]') ?? field(form, 'address_id')
  if (!areaCode) throw refuse('accountability.open311.locationRequired')
  const area = await db
    .selectFrom('areas')
    .select(['id', 'level'])
    .where('code', '=', areaCode.slice(0, 40))
    .executeTakeFirst()
  if (!area || area.level === 'district') throw refuse('accountability.open311.badArea')
  const description = field(form, 'description')
  const length = description ? Array.from(description).length : 0
  if (!description || length < 10 || length > 2000)
    throw refuse('accountability.open311.badDescription')
  const email = field(form, 'email')
  const phone = field(form, 'phone')
  if (email && (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)))
    throw refuse('accountability.open311.badEmail')
  if (phone && !isMainlandMobile(phone)) throw refuse('accountability.open311.badPhone')
  if (!email && !phone) throw refuse('accountability.open311.contactRequired')
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
      // A machine filing carries no consent to show a name.
      display: 'anonymous',
    },
    [],
    { locale: 'zh-CN', publicUrl: options.publicUrl },
  )
  return [
    {
      service_request_id: reportNumber(report.id),
      service_notice: '已收到，学习教育办公室将按时限受理。',
      account_id: null,
    },
  ]
}
