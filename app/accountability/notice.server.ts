import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { Database } from '../../db/schema'
import { appendEvent } from '../platform/event.server'
import { formatDate, type Locale } from '../platform/i18n'
import type { NoticeSchema } from './notice-schema'

/** Campaign notices: documents, meeting decisions, calls for opinions, newest first. */
const EXCERPT_CHARS = 90

export async function listNotices(db: Kysely<Database>, locale: Locale, limit = 100) {
  const rows = await db
    .selectFrom('notices')
    .select(['id', 'kind', 'title', 'body', 'published_at'])
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
  return rows.map((n) => {
    const chars = Array.from(n.body)
    return {
      id: n.id,
      kind: n.kind,
      title: n.title,
      excerpt: chars.length > EXCERPT_CHARS ? `${chars.slice(0, EXCERPT_CHARS).join('')}…` : n.body,
      published: formatDate(n.published_at, locale),
    }
  })
}

export async function getNotice(db: Kysely<Database>, id: number, locale: Locale) {
  const notice = await db
    .selectFrom('notices')
    .select(['id', 'kind', 'title', 'body', 'published_at'])
    .where('id', '=', id)
    .executeTakeFirst()
  return notice && { ...notice, published: formatDate(notice.published_at, locale) }
}

export async function publishNotice(
  db: Kysely<Database>,
  input: z.infer<typeof NoticeSchema>,
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
