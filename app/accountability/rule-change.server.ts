import type { Kysely } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import type { Database, RuleChangeTable } from '../../db/schema'
import { appendEvent } from '../platform/event.server'

/** Rule changes (建章立制): a unit's regulation established, revised or abolished, with its duties. */
export type RuleAction = RuleChangeTable['action']
export const RULE_ACTIONS: RuleAction[] = ['established', 'revised', 'abolished']

export async function listRuleChanges(
  db: Kysely<Database>,
  options: { unitId?: number; limit?: number } = {},
) {
  return db
    .selectFrom('rule_changes as rc')
    .innerJoin('units as u', 'u.id', 'rc.unit_id')
    .select((eb) => [
      'rc.id',
      'rc.title',
      'rc.action',
      'rc.summary',
      'rc.document_url',
      'rc.effective_on',
      'u.slug as unit_slug',
      'u.name as unit_name',
      'u.name_en as unit_name_en',
      jsonArrayFrom(
        eb
          .selectFrom('rule_change_duties as rcd')
          .innerJoin('duties as d', 'd.id', 'rcd.duty_id')
          .select(['d.id', 'd.title'])
          .whereRef('rcd.rule_change_id', '=', 'rc.id')
          .orderBy('d.id'),
      ).as('duties'),
    ])
    .$if(options.unitId !== undefined, (q) => q.where('rc.unit_id', '=', options.unitId!))
    .orderBy('rc.effective_on', 'desc')
    .orderBy('rc.id', 'desc')
    .limit(options.limit ?? 200)
    .execute()
}

/** The unit's duties a rule change may be linked to, newest first. */
export function unitDutyChoices(db: Kysely<Database>, unitId: number) {
  return db
    .selectFrom('duties')
    .select(['id', 'title'])
    .where('unit_id', '=', unitId)
    .orderBy('id', 'desc')
    .limit(300)
    .execute()
}

export class ForeignDutyError extends Error {}

export async function recordRuleChange(
  db: Kysely<Database>,
  unitId: number,
  input: {
    title: string
    action: RuleAction
    summary: string
    documentUrl?: string
    effectiveOn: string
    dutyIds: number[]
  },
  actor: string,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const dutyIds = [...new Set(input.dutyIds)]
    const own = await trx
      .selectFrom('duties')
      .select('id')
      .where('id', 'in', dutyIds)
      .where('unit_id', '=', unitId)
      .execute()
    if (own.length !== dutyIds.length) throw new ForeignDutyError()
    const row = await trx
      .insertInto('rule_changes')
      .values({
        unit_id: unitId,
        title: input.title,
        action: input.action,
        summary: input.summary,
        document_url: input.documentUrl ?? null,
        effective_on: input.effectiveOn,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('rule_change_duties')
      .values(dutyIds.map((duty_id) => ({ rule_change_id: row.id, duty_id })))
      .execute()
    await appendEvent(trx, {
      type: 'rule_change.recorded',
      actor,
      public: true,
      data: { ruleChangeId: row.id, unitId, action: input.action, dutyIds },
    })
    return row.id
  })
}
