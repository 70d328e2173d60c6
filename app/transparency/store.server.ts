import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { databaseHashReader, leafColumns, rowLeaf, type LeafRow } from './log.server'
import { leafHash, proveRecord } from './merkle'
import { formatEntryBundle, parseTilePath, readTileData, tileInTree, tileLeaves } from './tiles'

/** What the public reads of the log: checkpoints, tiles and inclusion proofs. */

export type StoredCheckpoint = { size: number; note: string; createdAt: Date }

export async function latestCheckpoint(db: Kysely<Database>): Promise<StoredCheckpoint | null> {
  const row = await db
    .selectFrom('transparency_checkpoints')
    .select(['size', 'note', 'created_at'])
    .orderBy('size', 'desc')
    .executeTakeFirst()
  return row ? { size: Number(row.size), note: row.note, createdAt: row.created_at } : null
}

export async function checkpointOfSize(
  db: Kysely<Database>,
  size: number,
): Promise<StoredCheckpoint | null> {
  const row = await db
    .selectFrom('transparency_checkpoints')
    .select(['size', 'note', 'created_at'])
    .where('size', '=', size)
    .executeTakeFirst()
  return row ? { size: Number(row.size), note: row.note, createdAt: row.created_at } : null
}

/** The latest checkpoints, newest first (the progress feed carries them). */
export async function recentCheckpoints(
  db: Kysely<Database>,
  limit: number,
): Promise<StoredCheckpoint[]> {
  const rows = await db
    .selectFrom('transparency_checkpoints')
    .select(['size', 'note', 'created_at'])
    .orderBy('size', 'desc')
    .limit(limit)
    .execute()
  return rows.map((r) => ({ size: Number(r.size), note: r.note, createdAt: r.created_at }))
}

/**
 * A C2SP tlog-tiles resource (`tile/<L>/<N>[.p/<W>]` or `tile/entries/<N>[.p/<W>]`), or null
 * when the path names no tile of the latest tree. Tiles never change once they exist.
 */
export async function tileBytes(db: Kysely<Database>, path: string): Promise<Buffer | null> {
  const tile = parseTilePath(path)
  const latest = await latestCheckpoint(db)
  if (!tile || !latest || !tileInTree(tile, latest.size)) return null
  if (tile.level !== 'entries') return readTileData(tile, databaseHashReader(db))
  const { start, count } = tileLeaves(tile)
  const rows = await db
    .selectFrom('events')
    .select([...leafColumns])
    .where('log_index', '>=', start)
    .where('log_index', '<', start + count)
    .orderBy('log_index')
    .execute()
  if (rows.length !== count) return null
  return formatEntryBundle(rows.map((r) => rowLeaf(r as LeafRow)))
}

export type InclusionProof = {
  index: number
  treeSize: number
  /** The leaf: the public event's canonical JSON, or a private event's commitment. */
  leaf: string
  leafHash: string
  /** The audit path, base64, lowest level first (RFC 9162 §2.1.3). */
  proof: string[]
  /** The signed checkpoint the proof is against. */
  checkpoint: string
}

/** The proof that the event at `index` is in the latest signed tree, or null if it is not yet. */
export async function inclusionProof(
  db: Kysely<Database>,
  index: number,
): Promise<InclusionProof | null> {
  const latest = await latestCheckpoint(db)
  if (!latest || index >= latest.size) return null
  const row = await db
    .selectFrom('events')
    .select([...leafColumns])
    .where('log_index', '=', index)
    .executeTakeFirst()
  if (!row) return null
  const leaf = rowLeaf(row as LeafRow)
  const size = latest.size
  const proof = await proveRecord(size, index, databaseHashReader(db))
  return {
    index,
    treeSize: size,
    leaf: leaf.toString('utf8'),
    leafHash: leafHash(leaf).toString('base64'),
    proof: proof.map((h) => h.toString('base64')),
    checkpoint: latest.note,
  }
}
