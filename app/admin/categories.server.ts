import type { Kysely } from 'kysely'
import type { Database, ReportKind } from '../../db/schema'
import { change, FieldRefusal, record, vanished } from './admin-change.server'
import { listUnits, type UnitRow } from './units.server'

/** Categories: what a report is about, with its response and resolution limits and default unit. */

export interface CategoryInput {
  id?: number
  slug: string
  kind: ReportKind
  name: string
  nameEn: string
  responseDays: number
  resolutionDays: number
  defaultUnitId: number
}

export async function listCategories(db: Kysely<Database>) {
  return db
    .selectFrom('categories as c')
    .innerJoin('units as u', 'u.id', 'c.default_unit_id')
    .select([
      'c.id',
      'c.slug',
      'c.kind',
      'c.name',
      'c.name_en as nameEn',
      'c.response_days as responseDays',
      'c.resolution_days as resolutionDays',
      'c.default_unit_id as defaultUnitId',
      'u.name as unitName',
      'u.name_en as unitNameEn',
    ])
    .orderBy('c.kind')
    .orderBy('c.sort_order')
    .orderBy('c.id')
    .execute()
}

export type CategoryRow = Awaited<ReturnType<typeof listCategories>>[number]

/** The categories page: the categories, and the units one may be given by default. */
export async function categoriesWithUnits(
  db: Kysely<Database>,
): Promise<{ categories: CategoryRow[]; units: UnitRow[] }> {
  const [categories, units] = await Promise.all([listCategories(db), listUnits(db)])
  return { categories, units }
}

/** Creates a category, or changes the one named by `id`. */
export function saveCategory(
  db: Kysely<Database>,
  staffId: number,
  input: CategoryInput,
): Promise<{ id: number }> {
  return change(db, async (trx) => {
    const unit = await trx
      .selectFrom('units')
      .select('id')
      .where('id', '=', input.defaultUnitId)
      .executeTakeFirst()
    if (!unit) throw new FieldRefusal({ defaultUnitId: 'admin.errors.notFound' })
    const values = {
      slug: input.slug,
      kind: input.kind,
      name: input.name,
      name_en: input.nameEn,
      response_days: input.responseDays,
      resolution_days: input.resolutionDays,
      default_unit_id: input.defaultUnitId,
    }
    const row = input.id
      ? await trx
          .updateTable('categories')
          .set(values)
          .where('id', '=', input.id)
          .returning('id')
          .executeTakeFirst()
      : await trx.insertInto('categories').values(values).returning('id').executeTakeFirstOrThrow()
    if (!row) throw vanished()
    await record(trx, staffId, input.id ? 'admin.category.updated' : 'admin.category.created', {
      categoryId: row.id,
      ...values,
    })
    return { id: row.id }
  })
}
