import crypto from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'

/** Open311 API keys: the plain key is shown once; the database keeps only its SHA-256. */
function hashKey(key: string): string {
  return crypto.createHash('sha256').update(key).digest('hex')
}

export async function issueApiKey(
  db: Kysely<Database>,
  name: string,
): Promise<{ id: number; key: string }> {
  const key = `k311_${crypto.randomBytes(24).toString('base64url')}`
  const row = await db
    .insertInto('api_keys')
    .values({ name, key_hash: hashKey(key) })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { id: row.id, key }
}

export async function revokeApiKey(db: Kysely<Database>, id: number): Promise<boolean> {
  const result = await db
    .updateTable('api_keys')
    .set({ revoked_at: new Date() })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

export function listApiKeys(db: Kysely<Database>) {
  return db
    .selectFrom('api_keys')
    .select(['id', 'name', 'created_at', 'revoked_at'])
    .orderBy('id', 'desc')
    .execute()
}

/** The key's id when it is a live key, else null. */
export async function verifyApiKey(
  db: Kysely<Database>,
  key: string | null | undefined,
): Promise<number | null> {
  if (!key || key.length > 200) return null
  const row = await db
    .selectFrom('api_keys')
    .select('id')
    .where('key_hash', '=', hashKey(key))
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return row?.id ?? null
}
