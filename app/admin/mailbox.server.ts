import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'

/** The development mailbox: the emails in the outbox, for reading without a provider. */

/** The latest hundred, or those to one address. */
export async function listMailbox(db: Kysely<Database>, to: string) {
  let query = db
    .selectFrom('email_outbox')
    .select(['id', 'to_address', 'subject', 'status', 'created_at'])
    .orderBy('id', 'desc')
    .limit(100)
  if (to) query = query.where('to_address', '=', to)
  return query.execute()
}

export async function mailboxEmail(db: Kysely<Database>, id: number) {
  return db
    .selectFrom('email_outbox')
    .select(['id', 'to_address', 'subject', 'text', 'status'])
    .where('id', '=', String(id))
    .executeTakeFirst()
}
