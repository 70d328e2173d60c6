import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database } from '../../db/schema'
import { getEnv } from '../platform/env.server'
import { signCheckpoint } from './checkpoint'
import { eventLeaf, type LogEvent } from './leaf'
import { leafHash, storedHashesForBatch, treeHash, type HashReader } from './merkle'
import { createSigner, generateNoteKeys, type Signer } from './note'

/**
 * The log's worker: events are recorded without waiting for one another (each takes its
 * `seq` at insert), and this integrates those not yet in the tree, in `seq` order, as one
 * batch: it numbers them (`log_index`), stores the tree's new hashes and signs a checkpoint.
 * An event that commits late, after later-numbered ones were integrated, simply joins the
 * next batch, so the tree's order is the order the log integrated them.
 */

/** Leaves integrated per batch, so one batch stays a short transaction. */
export const BATCH_LIMIT = 2000
// Serialises the log's workers across app servers; submissions never take it.
const INTEGRATE_LOCK = 7261435
const KEY_SETTING = 'transparency_signing_key'

type Db = Kysely<Database> | Transaction<Database>

/** The events' columns a leaf is made from. */
export const leafColumns = [
  'seq',
  'id',
  'type',
  'report_id',
  'duty_id',
  'actor',
  'public',
  'data',
  'occurred_at',
  'salt',
] as const

export type LeafRow = {
  seq: number
  id: string
  type: string
  report_id: number | null
  duty_id: number | null
  actor: string
  public: boolean
  data: Record<string, unknown>
  occurred_at: Date
  salt: Uint8Array
}

/** The event's leaf: the event itself when public, a salted commitment when private. */
export function rowLeaf(row: LeafRow): Buffer {
  const event: LogEvent = {
    seq: Number(row.seq),
    id: String(row.id),
    type: row.type,
    reportId: row.report_id,
    dutyId: row.duty_id,
    actor: row.actor,
    public: row.public,
    data: row.data,
    occurredAt: new Date(row.occurred_at),
  }
  return eventLeaf(event, row.public ? null : row.salt)
}

/** The log's stored hashes, read from the database. */
export function databaseHashReader(db: Db): HashReader {
  return {
    readHashes: async (indexes) => {
      if (indexes.length === 0) return []
      const rows = await db
        .selectFrom('transparency_hashes')
        .select(['index', 'hash'])
        .where('index', 'in', [...new Set(indexes)])
        .execute()
      const byIndex = new Map(rows.map((r) => [Number(r.index), Buffer.from(r.hash)]))
      return indexes.map((i) => {
        const hash = byIndex.get(i)
        if (!hash) throw new Error(`stored hash ${i} is missing`)
        return hash
      })
    },
  }
}

/**
 * The log's signing key: TRANSPARENCY_SIGNING_KEY (a signed-note signer key) when set, as it
 * must be in production; otherwise one generated on first use and kept in the database, so a
 * demo's checkpoints stay verifiable across restarts.
 */
export async function logSigner(db: Kysely<Database>): Promise<Signer> {
  const configured = getEnv().TRANSPARENCY_SIGNING_KEY
  if (configured) return createSigner(configured)
  const kept = await keptSignerKey(db)
  if (kept) return createSigner(kept)
  const name = `${new URL(getEnv().PUBLIC_URL).host}/transparency`
  const { signerKey } = generateNoteKeys(name)
  await db
    .insertInto('settings')
    .values({ key: KEY_SETTING, value: JSON.stringify(signerKey) })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute()
  console.warn(
    '[transparency] generated a signing key for this database; set TRANSPARENCY_SIGNING_KEY in production',
  )
  return createSigner((await keptSignerKey(db)) ?? signerKey)
}

async function keptSignerKey(db: Kysely<Database>): Promise<string | null> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', KEY_SETTING)
    .executeTakeFirst()
  return typeof row?.value === 'string' ? row.value : null
}

/** The verifier key of the log's signer, in signed-note form. */
export async function logVerifierKey(db: Kysely<Database>): Promise<string> {
  return (await logSigner(db)).verifierKey
}

/** The tree size of the latest checkpoint (0 before the first). */
export async function logSize(db: Db): Promise<number> {
  const row = await db
    .selectFrom('transparency_checkpoints')
    .select((eb) => eb.fn.max('size').as('size'))
    .executeTakeFirst()
  return Number(row?.size ?? 0)
}

/**
 * Integrates up to `limit` new events into the tree and signs the new checkpoint; signs the
 * empty tree's checkpoint once if there is nothing yet. Another server already integrating
 * makes this a no-op. Returns the tree size after it.
 */
export async function integrateBatch(
  db: Kysely<Database>,
  limit = BATCH_LIMIT,
): Promise<{ size: number; added: number }> {
  const signer = await logSigner(db)
  const inTransaction = (
    run: (trx: Kysely<Database>) => Promise<{ size: number; added: number }>,
  ) => (db.isTransaction ? run(db) : db.transaction().execute(run))
  return inTransaction(async (trx) => {
    const { rows } = await sql<{
      locked: boolean
    }>`select pg_try_advisory_xact_lock(${INTEGRATE_LOCK}) as locked`.execute(trx)
    const size = await logSize(trx)
    if (!rows[0]?.locked) return { size, added: 0 }
    const events = (await trx
      .selectFrom('events')
      .select([...leafColumns])
      .where('log_index', 'is', null)
      .orderBy('seq')
      .limit(limit)
      .execute()) as LeafRow[]
    const signed = await trx
      .selectFrom('transparency_checkpoints')
      .select('size')
      .where('size', '=', size)
      .executeTakeFirst()
    if (events.length === 0 && signed) return { size, added: 0 }

    const reader = databaseHashReader(trx)
    const leaves = events.map((e) => leafHash(rowLeaf(e)))
    const { firstIndex, hashes } = await storedHashesForBatch(size, leaves, reader)
    if (hashes.length) {
      await trx
        .insertInto('transparency_hashes')
        .values(hashes.map((hash, i) => ({ index: firstIndex + i, hash })))
        .execute()
      await sql`
        update events e set log_index = v.log_index
        from unnest(${events.map((e) => e.seq)}::bigint[], ${events.map((_, i) => size + i)}::bigint[])
          as v(seq, log_index)
        where e.seq = v.seq`.execute(trx)
    }
    const newSize = size + events.length
    const rootHash = await treeHash(newSize, reader)
    const note = signCheckpoint(
      { origin: signer.name, size: newSize, rootHash, extensions: [] },
      signer,
    )
    await trx
      .insertInto('transparency_checkpoints')
      .values({ size: newSize, root_hash: rootHash, note })
      .execute()
    return { size: newSize, added: events.length }
  })
}

/** Integrates every event recorded so far (tests, the bench seed, the verifier's own run). */
export async function integrateAll(db: Kysely<Database>): Promise<number> {
  for (;;) {
    const { size, added } = await integrateBatch(db)
    if (added < BATCH_LIMIT) return size
  }
}
