import type { Kysely } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import type { z } from 'zod'
import type { Database } from '../../db/schema'
import { DomainError } from '../platform/errors'
import { appendEvent } from '../platform/event.server'
import { formatDate, type Locale } from '../platform/i18n'
import type { RuleChangeSchema } from './rule-change-schema'

/** Rule changes (建章立制): a unit's regulation established, revised or abolished, with its duties. */
function listRuleChanges(db: Kysely<Database>, options: { unitId?: number; limit?: number } = {}) {
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

/** The public list, of every unit or of the one named by its slug, with the units to choose. */
export async function publicRuleChanges(
  db: Kysely<Database>,
  unitSlug: string | null,
  locale: Locale,
) {
  const units = await db
    .selectFrom('units')
    .select(['id', 'slug', 'name', 'name_en'])
    .orderBy('sort_order')
    .execute()
  const unit = unitSlug ? units.find((u) => u.slug === unitSlug) : undefined
  const rules = await listRuleChanges(db, { unitId: unit?.id })
  const name = (u: { name: string; name_en: string }) => (locale === 'en' ? u.name_en : u.name)
  return {
    unit: unit ? { slug: unit.slug, name: name(unit) } : null,
    units: units.map((u) => ({ slug: u.slug, name: name(u) })),
    rules: rules.map((r) => ({
      id: r.id,
      title: r.title,
      action: r.action,
      summary: r.summary,
      documentUrl: r.document_url,
      effective: formatDate(r.effective_on, locale),
      unitSlug: r.unit_slug,
      unitName: locale === 'en' ? r.unit_name_en : r.unit_name,
      duties: r.duties,
    })),
  }
}

/** A unit's desk: its duties a rule change may be linked to (newest first), and its latest rule changes. */
export async function unitRuleDesk(db: Kysely<Database>, unitId: number) {
  const [duties, rules] = await Promise.all([
    db
      .selectFrom('duties')
      .select(['id', 'title'])
      .where('unit_id', '=', unitId)
      .orderBy('id', 'desc')
      .limit(300)
      .execute(),
    listRuleChanges(db, { unitId, limit: 20 }),
  ])
  return { duties, rules: rules.map((r) => ({ id: r.id, title: r.title, action: r.action })) }
}

export async function recordRuleChange(
  db: Kysely<Database>,
  unitId: number,
  input: z.infer<typeof RuleChangeSchema>,
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
    if (own.length !== dutyIds.length) throw new DomainError(403, 'accountability.rules.badDuty')
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
