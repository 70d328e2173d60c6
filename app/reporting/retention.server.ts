import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/schema'

/**
 * PIPL minimisation: once a report's matter is over (its duty closed, or the report declined
 * or merged) for `days`, its reporter's contact details and private address are erased. The
 * public record (title, body, timeline, ratings) stays. Emails already sent are erased too.
 */
export async function anonymizeFinishedReports(
  db: Kysely<Database>,
  days: number,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const cutoff = sql<Date>`now() - make_interval(days => ${days})`
    const finished = await trx
      .selectFrom('reports as r')
      .leftJoin('duty_reports as dr', 'dr.report_id', 'r.id')
      .leftJoin('duties as d', 'd.id', 'dr.duty_id')
      .select(['r.id', 'r.contact_email', 'r.contact_mobile'])
      .where('r.anonymized_at', 'is', null)
      .where((eb) =>
        eb.or([
          eb.and([eb('r.status', 'in', ['declined', 'merged']), eb('r.updated_at', '<', cutoff)]),
          eb.and([eb('d.status', '=', 'closed'), eb('d.closed_at', '<', cutoff)]),
        ]),
      )
      .limit(1000)
      .forUpdate('r')
      .skipLocked()
      .execute()
    if (finished.length === 0) return 0
    const ids = finished.map((r) => r.id)
    await trx
      .updateTable('reports')
      .set((eb) => ({
        contact_name: null,
        contact_mobile: null,
        contact_email: null,
        address: eb
          .case()
          .when('address_public', '=', true)
          .then(eb.ref('address'))
          .else(null)
          .end(),
        anonymized_at: new Date(),
      }))
      .where('id', 'in', ids)
      .execute()
    const emails = finished.map((r) => r.contact_email).filter((e): e is string => !!e)
    if (emails.length) {
      await trx
        .deleteFrom('email_outbox')
        .where('to_address', 'in', emails)
        .where('status', 'in', ['sent', 'kept', 'failed'])
        .execute()
    }
    return ids.length
  })
}
