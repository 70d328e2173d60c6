import type { Kysely } from 'kysely'
import type { Database, UnitKind } from '../../db/schema'
import { change, FieldRefusal, record, vanished } from './admin-change.server'
import { asTree } from './tree'

/** Units (责任单位): the bodies that hold duty lists, as a tree below the campaign office. */

export interface UnitInput {
  id?: number
  slug: string
  name: string
  nameEn: string
  kind: UnitKind
  parentId?: number
  phone?: string
}

export interface UnitRow {
  id: number
  slug: string
  name: string
  nameEn: string
  kind: UnitKind
  parentId: number | null
  phone: string | null
  depth: number
}

export async function listUnits(db: Kysely<Database>): Promise<UnitRow[]> {
  const rows = await db
    .selectFrom('units')
    .select(['id', 'slug', 'name', 'name_en', 'kind', 'parent_id', 'phone'])
    .orderBy('sort_order')
    .orderBy('id')
    .execute()
  return asTree(
    rows.map((r) => ({
      id: r.id,
      slug: r.slug,
      name: r.name,
      nameEn: r.name_en,
      kind: r.kind,
      parentId: r.parent_id,
      phone: r.phone,
    })),
  )
}

/** Creates a unit, or changes the one named by `id`; a unit may not sit below itself. */
export function saveUnit(
  db: Kysely<Database>,
  staffId: number,
  input: UnitInput,
): Promise<{ id: number }> {
  return change(db, async (trx) => {
    const parentId = input.parentId ?? null
    if (parentId !== null) {
      const parents = await trx.selectFrom('units').select(['id', 'parent_id']).execute()
      const parentOf = new Map(parents.map((p) => [p.id, p.parent_id]))
      if (!parentOf.has(parentId)) throw new FieldRefusal({ parentId: 'admin.errors.notFound' })
      for (
        let at: number | null = parentId, hops = 0;
        at !== null && hops <= parents.length;
        hops++
      ) {
        if (at === input.id) throw new FieldRefusal({ parentId: 'admin.errors.unitCycle' })
        at = parentOf.get(at) ?? null
      }
    }
    const values = {
      slug: input.slug,
      name: input.name,
      name_en: input.nameEn,
      kind: input.kind,
      parent_id: parentId,
      phone: input.phone ?? null,
    }
    const row = input.id
      ? await trx
          .updateTable('units')
          .set(values)
          .where('id', '=', input.id)
          .returning('id')
          .executeTakeFirst()
      : await trx.insertInto('units').values(values).returning('id').executeTakeFirstOrThrow()
    if (!row) throw vanished()
    await record(trx, staffId, input.id ? 'admin.unit.updated' : 'admin.unit.created', {
      unitId: row.id,
      ...values,
    })
    return { id: row.id }
  })
}
