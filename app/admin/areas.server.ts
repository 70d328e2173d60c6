import type { Kysely } from 'kysely'
import type { AreaBoundary, AreaLevel, Database } from '../../db/schema'
import { AREA_MAP_CACHE_PREFIX } from '../accountability/area-map/area-map.server'
import { forgetCached } from '../platform/cache.server'
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
    .select((eb) => [
      'id',
      'code',
      'name',
      'name_en as nameEn',
      'level',
      'parent_id as parentId',
      eb('boundary', 'is not', null).as('bounded'),
    ])
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

/**
 * Sets a street's map boundary (null removes it); only a street has one, since the map shows
 * streets. The public map is drawn anew on its next request.
 */
export async function saveBoundary(
  db: Kysely<Database>,
  staffId: number,
  areaId: number,
  boundary: AreaBoundary | null,
): Promise<{ id: number }> {
  const saved = await change(db, async (trx) => {
    const area = await trx
      .selectFrom('areas')
      .select('level')
      .where('id', '=', areaId)
      .executeTakeFirst()
    if (!area) throw vanished()
    if (area.level !== 'street' && boundary !== null)
      throw new FieldRefusal({ boundary: 'admin.boundary.streetOnly' })
    await trx
      .updateTable('areas')
      .set({ boundary: boundary === null ? null : JSON.stringify(boundary) })
      .where('id', '=', areaId)
      .execute()
    // The event names the change, not the shape: a boundary may be 200 KB.
    await record(
      trx,
      staffId,
      boundary ? 'admin.area.boundary_set' : 'admin.area.boundary_removed',
      {
        areaId,
        polygons: boundary?.coordinates.length ?? 0,
      },
    )
    return { id: areaId }
  })
  forgetCached(AREA_MAP_CACHE_PREFIX)
  return saved
}
