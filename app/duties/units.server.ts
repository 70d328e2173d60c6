import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import type { Locale } from '../platform/i18n'

/** A unit, category or area by the name its reader reads (every row keeps both). */
export function localName(locale: Locale, row: { name: string; name_en: string }): string {
  return locale === 'en' ? row.name_en : row.name
}

export interface UnitOption {
  id: number
  name: string
}

/** Every unit, in the order the admin gave them: the choices of the staff forms and filters. */
export async function unitOptions(db: Kysely<Database>, locale: Locale): Promise<UnitOption[]> {
  const units = await db
    .selectFrom('units')
    .select(['id', 'name', 'name_en'])
    .orderBy('sort_order')
    .orderBy('id')
    .execute()
  return units.map((u) => ({ id: u.id, name: localName(locale, u) }))
}
