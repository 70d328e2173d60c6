import { sql, type Kysely } from 'kysely'
import { publicText } from '../../app/privacy/public-text'

/**
 * Safe to report (issue 13, docs/decisions/022-safe-to-report.md):
 * - every public free text gets its public (masked) twin, written when the text is written;
 *   rows already there are masked here, with the masker of the day;
 * - search reads the public twin only (its trigram index replaces the one over the original);
 * - a reporter's name is shown only with their explicit consent: the old default is withdrawn;
 * - the access log of staff views of contact details, and the callbacks (回访) staff record.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('reports')
    .addColumn('title_public', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body_public', 'text', (c) => c.notNull().defaultTo(''))
    .execute()
  await db.schema
    .alterTable('comments')
    .addColumn('body_public', 'text', (c) => c.notNull().defaultTo(''))
    .execute()
  await db.schema
    .alterTable('progress_updates')
    .addColumn('body_public', 'text', (c) => c.notNull().defaultTo(''))
    .execute()
  await db.schema.alterTable('ratings').addColumn('reason_public', 'text').execute()
  await db.schema.alterTable('duties').addColumn('resolution_summary_public', 'text').execute()

  await backfill(db)

  // From now on every writer gives the public twin itself.
  for (const [table, column] of [
    ['reports', 'title_public'],
    ['reports', 'body_public'],
    ['comments', 'body_public'],
    ['progress_updates', 'body_public'],
  ] as const)
    await db.schema
      .alterTable(table)
      .alterColumn(column, (c) => c.dropDefault())
      .execute()

  await sql`drop index reports_text_trgm`.execute(db)
  await sql`create index reports_public_text_trgm on reports using gin ((title_public || ' ' || body_public) public.gin_trgm_ops)`.execute(
    db,
  )

  // A radio button preselected on "masked name" was no consent: everyone is 市民 until they say so.
  await db.updateTable('reports').set({ display: 'anonymous' }).execute()

  await db.schema
    .createTable('contact_views')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('report_id', 'integer', (c) => c.notNull().references('reports.id'))
    .addColumn('staff_user_id', 'integer', (c) => c.notNull().references('staff_users.id'))
    .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('reason', 'text', (c) =>
      c.notNull().check(sql`char_length(reason) between 2 and 200`),
    )
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('page', 'export')`))
    .addColumn('viewed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await sql`create index contact_views_report on contact_views (report_id, viewed_at)`.execute(db)
  await sql`create index contact_views_recent on contact_views (viewed_at desc, id desc)`.execute(
    db,
  )

  await db.schema
    .createTable('callbacks')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('report_id', 'integer', (c) => c.notNull().references('reports.id'))
    .addColumn('duty_id', 'integer', (c) => c.references('duties.id'))
    .addColumn('staff_user_id', 'integer', (c) => c.notNull().references('staff_users.id'))
    .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('reached', 'boolean', (c) => c.notNull())
    .addColumn('resident_view', 'text', (c) =>
      c.check(sql`resident_view in ('satisfied', 'neutral', 'unsatisfied')`),
    )
    .addColumn('note', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('callbacks_view_when_reached', sql`reached or resident_view is null`)
    .execute()
  await sql`create index callbacks_report on callbacks (report_id, created_at)`.execute(db)
  await sql`create index callbacks_unit on callbacks (unit_id, created_at)`.execute(db)
}

const BATCH = 500

async function backfill(db: Kysely<any>): Promise<void> {
  // The reporter's own contact name is masked in their text like their private address.
  const privateAddress = (r: {
    address: string | null
    address_public: boolean
    contact_name: string | null
  }) => [r.contact_name, ...(r.address_public ? [] : [r.address])]
  for (let after = 0; ;) {
    const rows = await db
      .selectFrom('reports')
      .select(['id', 'title', 'body', 'address', 'address_public', 'contact_name'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute()
    for (const r of rows)
      await db
        .updateTable('reports')
        .set({
          title_public: publicText(r.title, privateAddress(r)),
          body_public: publicText(r.body, privateAddress(r)),
        })
        .where('id', '=', r.id)
        .execute()
    if (rows.length < BATCH) break
    after = rows[rows.length - 1]!.id
  }

  // A text about a duty hides the private addresses of every report linked to it.
  const dutyAddresses = new Map<number, string[]>()
  for (const r of await db
    .selectFrom('duty_reports as dr')
    .innerJoin('reports as r', 'r.id', 'dr.report_id')
    .select(['dr.duty_id', 'r.address'])
    .where('r.address_public', '=', false)
    .where('r.address', 'is not', null)
    .execute()) {
    dutyAddresses.set(r.duty_id, [...(dutyAddresses.get(r.duty_id) ?? []), r.address])
  }
  const ofDuty = (id: number | null) => (id === null ? [] : (dutyAddresses.get(id) ?? []))

  for (const c of await db
    .selectFrom('comments as c')
    .leftJoin('reports as r', 'r.id', 'c.report_id')
    .select(['c.id', 'c.body', 'c.duty_id', 'r.address', 'r.address_public'])
    .execute())
    await db
      .updateTable('comments')
      .set({
        body_public: publicText(c.body, [
          ...ofDuty(c.duty_id),
          ...(c.address_public ? [] : [c.address]),
        ]),
      })
      .where('id', '=', c.id)
      .execute()
  for (const p of await db
    .selectFrom('progress_updates')
    .select(['id', 'body', 'duty_id'])
    .execute())
    await db
      .updateTable('progress_updates')
      .set({ body_public: publicText(p.body, ofDuty(p.duty_id)) })
      .where('id', '=', p.id)
      .execute()
  for (const r of await db
    .selectFrom('ratings')
    .select(['id', 'reason', 'duty_id'])
    .where('reason', 'is not', null)
    .execute())
    await db
      .updateTable('ratings')
      .set({ reason_public: publicText(r.reason, ofDuty(r.duty_id)) })
      .where('id', '=', r.id)
      .execute()
  for (const d of await db
    .selectFrom('duties')
    .select(['id', 'resolution_summary'])
    .where('resolution_summary', 'is not', null)
    .execute())
    await db
      .updateTable('duties')
      .set({ resolution_summary_public: publicText(d.resolution_summary, ofDuty(d.id)) })
      .where('id', '=', d.id)
      .execute()
}
