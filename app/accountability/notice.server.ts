import type { Kysely } from 'kysely'
import type { Database, NoticeTable } from '../../db/schema'
import { appendEvent } from '../platform/event.server'

/** Campaign notices: documents, meeting decisions, calls for opinions, newest first. */
export type NoticeKind = NoticeTable['kind']
export const NOTICE_KINDS: NoticeKind[] = ['document', 'decision', 'consultation']

export function listNotices(db: Kysely<Database>, limit = 100) {
  return db
    .selectFrom('notices')
    .select(['id', 'kind', 'title', 'body', 'published_at'])
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
}

export function getNotice(db: Kysely<Database>, id: number) {
  return db
    .selectFrom('notices')
    .select(['id', 'kind', 'title', 'body', 'published_at'])
    .where('id', '=', id)
    .executeTakeFirst()
}

export async function publishNotice(
  db: Kysely<Database>,
  input: { kind: NoticeKind; title: string; body: string },
  actor: string,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('notices')
      .values(input)
      .returning('id')
      .executeTakeFirstOrThrow()
    await appendEvent(trx, {
      type: 'notice.published',
      actor,
      public: true,
      data: { noticeId: row.id, kind: input.kind },
    })
    return row.id
  })
}
