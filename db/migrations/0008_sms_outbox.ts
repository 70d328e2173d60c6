import { sql, type Kysely } from 'kysely'

/**
 * SMS beside email (issue 17): the outbox carries both, one row a message, told apart by its
 * channel. `to_address` holds an email address or a mainland mobile (11 digits).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('email_outbox')
    .addColumn('channel', 'text', (c) =>
      c.notNull().defaultTo('email').check(sql`channel in ('email', 'sms')`),
    )
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('email_outbox').dropColumn('channel').execute()
}
