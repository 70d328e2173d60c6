import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema'
import { DomainError } from '../../platform/errors'
import { appendEvent } from '../../platform/event.server'
import { transitionDuty } from '../duty.server'
import type { Staff } from '../../staff/staff.server'
import type { SheetRow } from './sheet-layout'
import { readDutySheet, type ImportUnit, type SheetIssue } from './sheet-read.server'
import { publicText } from '../../privacy/public-text'

/** What the import page offers: every category, and for the coordinator every unit. */
export async function importChoices(db: Kysely<Database>, staff: Staff) {
  const [categories, units] = await Promise.all([
    db
      .selectFrom('categories')
      .select(['id', 'name', 'name_en as nameEn'])
      .orderBy('kind')
      .orderBy('sort_order')
      .execute(),
    staff.role === 'coordinator'
      ? db
          .selectFrom('units')
          .select(['slug', 'name', 'name_en as nameEn'])
          .orderBy('sort_order')
          .execute()
      : Promise.resolve([]),
  ])
  return { categories, units }
}

export type SheetImport = { ok: true; imported: number } | { ok: false; issues: SheetIssue[] }

/**
 * Imports an uploaded duty list into a category: every row is checked first, and either all
 * are created or none (the answer then lists each problem). Unit staff import only their own
 * unit's duties.
 */
export async function importDutySheet(
  db: Kysely<Database>,
  staff: Staff,
  input: { categoryId: number; file: File },
): Promise<SheetImport> {
  const category = await db
    .selectFrom('categories')
    .select('id')
    .where('id', '=', input.categoryId)
    .executeTakeFirst()
  if (!category) throw new DomainError(400, 'admin.errors.notFound')
  const bytes = new Uint8Array(await input.file.arrayBuffer())
  const ownUnit = staff.role === 'unit_staff' ? staff.unitId : null
  const parsed = await readDutySheet(bytes, await importUnits(db), ownUnit)
  if (!parsed.ok) return parsed
  const ids = await importDuties(db, {
    rows: parsed.rows,
    categoryId: category.id,
    staffId: staff.id,
  })
  return { ok: true, imported: ids.length }
}

/**
 * Creates the duties of a checked sheet in one transaction. Each is created 已交办 and then moved
 * through the lifecycle the way the web form moves it (transitionDuty: the same rules, the same
 * events): 整改中 is started, with its progress step; 已整改 is resolved with its summary, so
 * its rating window starts now. 已办结 never gets here (the reader refuses it).
 */
async function importDuties(
  db: Kysely<Database>,
  input: {
    rows: Array<SheetRow & { unitId: number }>
    categoryId: number
    staffId: number
  },
): Promise<number[]> {
  const actor = `staff:${input.staffId}`
  return db.transaction().execute(async (trx) => {
    const ids: number[] = []
    for (const row of input.rows) {
      const duty = await trx
        .insertInto('duties')
        .values({
          unit_id: row.unitId,
          category_id: input.categoryId,
          title: row.title,
          commitment: row.commitment,
          leader_name: row.leaderName,
          leader_title: row.leaderTitle,
          mode: row.mode,
          deadline: row.deadline,
          status: 'assigned',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      ids.push(duty.id)
      await appendEvent(trx, {
        type: 'duty.assigned',
        dutyId: duty.id,
        actor,
        public: true,
        data: { unitId: row.unitId, deadline: row.deadline, source: 'import' },
      })
      if (row.status === 'in_progress') {
        await transitionDuty(trx, { dutyId: duty.id, action: 'start', actor })
        if (row.progress) {
          const update = await trx
            .insertInto('progress_updates')
            .values({
              duty_id: duty.id,
              staff_user_id: input.staffId,
              body: row.progress,
              body_public: publicText(row.progress),
              progress: 0,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
          await appendEvent(trx, {
            type: 'duty.progress',
            dutyId: duty.id,
            actor,
            public: true,
            data: { progressUpdateId: update.id, progress: 0 },
          })
          await trx
            .updateTable('duties')
            .set({ first_progress_at: new Date() })
            .where('id', '=', duty.id)
            .execute()
        }
      }
      if (row.status === 'resolved')
        await transitionDuty(trx, {
          dutyId: duty.id,
          action: 'resolve',
          actor,
          patch: {
            resolution_summary: row.progress,
            resolution_summary_public: publicText(row.progress),
            first_progress_at: new Date(),
          },
          eventData: { summary: publicText(row.progress) },
        })
    }
    return ids
  })
}

async function importUnits(db: Kysely<Database>): Promise<ImportUnit[]> {
  return db.selectFrom('units').select(['id', 'slug', 'name', 'name_en as nameEn']).execute()
}
