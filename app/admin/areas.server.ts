import type { Kysely } from 'kysely'
import type { AreaLevel, Database } from '../../db/schema'
import { change, FieldRefusal, record, vanished } from './admin-change.server'
import { asTree } from './tree'

/** Areas: district → street → community, each level below the one before it. */

const parentLevel: Record<AreaLevel, AreaLevel | null> = {
  district: null,
  street: 'district',
  community: 'street',
}

export interface AreaInput {
  id?: number
  code: string
  name: string
  nameEn: string
  level: AreaLevel
  parentId?: number
}

export async function listAreas(db: Kysely<Database>) {
  const rows = await db
    .selectFrom('areas')
    .select(['id', 'code', 'name', 'name_en as nameEn', 'level', 'parent_id as parentId'])
    .orderBy('sort_order')
    .orderBy('id')
    .execute()
  return asTree(rows)
}

export type AreaRow = Awaited<ReturnType<typeof listAreas>>[number]

/** Creates an area, or changes the one named by `id`; one with children keeps its level. */
export function saveArea(
  db: Kysely<Database>,
  staffId: number,
  input: AreaInput,
): Promise<{ id: number }> {
  return change(db, async (trx) => {
    const wanted = parentLevel[input.level]
    const parentId = input.parentId ?? null
    if (wanted === null && parentId !== null)
      throw new FieldRefusal({ parentId: 'admin.errors.districtNoParent' })
    if (wanted !== null) {
      const parent =
        parentId === null
          ? undefined
          : await trx
              .selectFrom('areas')
              .select('level')
              .where('id', '=', parentId)
              .executeTakeFirst()
      if (!parent || parent.level !== wanted)
        throw new FieldRefusal({
          parentId:
            wanted === 'district' ? 'admin.errors.parentDistrict' : 'admin.errors.parentStreet',
        })
    }
    if (input.id) {
      const child = await trx
        .selectFrom('areas')
        .select('id')
        .where('parent_id', '=', input.id)
        .executeTakeFirst()
      const current = await trx
        .selectFrom('areas')
        .select('level')
        .where('id', '=', input.id)
        .executeTakeFirst()
      if (child && current && current.level !== input.level)
        throw new FieldRefusal({ level: 'admin.errors.levelHasChildren' })
    }
    const values = {
      code: input.code,
      name: input.name,
      name_en: input.nameEn,
      level: input.level,
      parent_id: parentId,
    }
    const row = input.id
      ? await trx
          .updateTable('areas')
          .set(values)
          .where('id', '=', input.id)
          .returning('id')
          .executeTakeFirst()
      : await trx.insertInto('areas').values(values).returning('id').executeTakeFirstOrThrow()
    if (!row) throw vanished()
    await record(trx, staffId, input.id ? 'admin.area.updated' : 'admin.area.created', {
      areaId: row.id,
      ...values,
    })
    return { id: row.id }
  })
}
