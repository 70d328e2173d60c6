import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import type { MessageKey } from '../locales/types'
import { change, FieldRefusal, record, vanished } from './admin-change.server'
import { listAreas, type AreaRow } from './areas.server'
import { listCategories, type CategoryRow } from './categories.server'
import { listUnits, type UnitRow } from './units.server'

/** Routing rules: category × area → the unit that triage proposes. */

export interface RoutingRuleInput {
  categoryId: number
  areaId: number
  unitId: number
}

async function listRoutingRules(db: Kysely<Database>) {
  return db
    .selectFrom('routing_rules as r')
    .innerJoin('categories as c', 'c.id', 'r.category_id')
    .innerJoin('areas as a', 'a.id', 'r.area_id')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .select([
      'r.id',
      'r.category_id as categoryId',
      'r.area_id as areaId',
      'r.unit_id as unitId',
      'c.name as categoryName',
      'c.name_en as categoryNameEn',
      'a.name as areaName',
      'a.name_en as areaNameEn',
      'u.name as unitName',
      'u.name_en as unitNameEn',
    ])
    .orderBy('c.sort_order')
    .orderBy('a.sort_order')
    .orderBy('r.id')
    .execute()
}

/** The routing page: the rules, and the categories, areas and units a new rule may name. */
export async function routingRulesWithChoices(db: Kysely<Database>): Promise<{
  rules: Awaited<ReturnType<typeof listRoutingRules>>
  categories: CategoryRow[]
  areas: AreaRow[]
  units: UnitRow[]
}> {
  const [rules, categories, areas, units] = await Promise.all([
    listRoutingRules(db),
    listCategories(db),
    listAreas(db),
    listUnits(db),
  ])
  return { rules, categories, areas, units }
}

/** One rule per category and area: saving a pair that has one changes its unit. */
export function saveRoutingRule(
  db: Kysely<Database>,
  staffId: number,
  input: RoutingRuleInput,
): Promise<{ id: number }> {
  return change(db, async (trx) => {
    const [category, area, unit] = await Promise.all([
      trx
        .selectFrom('categories')
        .select('id')
        .where('id', '=', input.categoryId)
        .executeTakeFirst(),
      trx.selectFrom('areas').select('id').where('id', '=', input.areaId).executeTakeFirst(),
      trx.selectFrom('units').select('id').where('id', '=', input.unitId).executeTakeFirst(),
    ])
    const missing: Record<string, MessageKey> = {}
    if (!category) missing.categoryId = 'admin.errors.notFound'
    if (!area) missing.areaId = 'admin.errors.notFound'
    if (!unit) missing.unitId = 'admin.errors.notFound'
    if (Object.keys(missing).length) throw new FieldRefusal(missing)
    const row = await trx
      .insertInto('routing_rules')
      .values({ category_id: input.categoryId, area_id: input.areaId, unit_id: input.unitId })
      .onConflict((oc) =>
        oc.columns(['category_id', 'area_id']).doUpdateSet({ unit_id: input.unitId }),
      )
      .returning('id')
      .executeTakeFirstOrThrow()
    await record(trx, staffId, 'admin.routing.saved', { ruleId: row.id, ...input })
    return { id: row.id }
  })
}

export function deleteRoutingRule(
  db: Kysely<Database>,
  staffId: number,
  ruleId: number,
): Promise<void> {
  return change(db, async (trx) => {
    const row = await trx
      .deleteFrom('routing_rules')
      .where('id', '=', ruleId)
      .returning(['id', 'category_id', 'area_id', 'unit_id'])
      .executeTakeFirst()
    if (!row) throw vanished(404)
    await record(trx, staffId, 'admin.routing.deleted', {
      ruleId: row.id,
      categoryId: row.category_id,
      areaId: row.area_id,
      unitId: row.unit_id,
    })
  })
}
