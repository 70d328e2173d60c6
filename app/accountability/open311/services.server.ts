import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema'
import { DomainError } from '../../platform/errors'

/**
 * Open311 discovery and services: services are our categories (service_code = category
 * slug); their one attribute is the area, since Kaimen collects no coordinates.
 */
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
  if (!category) throw new DomainError(404, 'accountability.open311.serviceNotFound')
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
