import { sql, type Kysely } from 'kysely'

/** Indexes that keep the public pages fast at a city's scale (see docs/PERFORMANCE.md). */
export async function up(db: Kysely<any>): Promise<void> {
  // The home page's newest progress.
  await sql`create index if not exists progress_updates_recent on progress_updates (created_at desc, id desc)`.execute(
    db,
  )
}
