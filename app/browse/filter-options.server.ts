import type { Kysely } from 'kysely'
import type { Database, ReportKind } from '../../db/schema'
import type { Locale } from '../platform/i18n'
import { cached } from '../platform/cache.server'

export interface FilterOptions {
  categories: Array<{ id: number; name: string; kind: ReportKind }>
  areas: Array<{ id: number; name: string; level: string }>
  units: Array<{ slug: string; name: string }>
}

/** The choices the filter form offers, in the reader's language. */
export async function filterOptions(db: Kysely<Database>, locale: Locale): Promise<FilterOptions> {
  return cached(`reference:browse-filters:${locale}`, async () => {
    const en = locale === 'en'
    const [categories, areas, units] = await Promise.all([
      db
        .selectFrom('categories')
        .select(['id', 'name', 'name_en', 'kind'])
        .orderBy('kind')
        .orderBy('sort_order')
        .orderBy('id')
        .execute(),
      db
        .selectFrom('areas')
        .select(['id', 'name', 'name_en', 'level'])
        .where('level', 'in', ['district', 'street'])
        .orderBy('level')
        .orderBy('sort_order')
        .orderBy('id')
        .execute(),
      db
        .selectFrom('units')
        .select(['slug', 'name', 'name_en'])
        .orderBy('sort_order')
        .orderBy('id')
        .execute(),
    ])
    return {
      categories: categories.map((c) => ({
        id: c.id,
        name: en ? c.name_en : c.name,
        kind: c.kind,
      })),
      areas: areas.map((a) => ({ id: a.id, name: en ? a.name_en : a.name, level: a.level })),
      units: units.map((u) => ({ slug: u.slug, name: en ? u.name_en : u.name })),
    }
  })
}
