import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { parseCheckpoint } from './checkpoint'
import { leafColumns, databaseHashReader, rowLeaf, type LeafRow } from './log.server'
import { proveTree } from './merkle'
import { verifyLog, type LeafRecord, type VerifyResult } from './verify'

/**
 * `npm run audit:verify`: checks this database against a checkpoint kept from earlier. The
 * earlier checkpoint and the verifier key are the only things trusted; the current
 * checkpoint, the stored hashes and the events all come from the database under audit.
 */
export type AuditResult = VerifyResult & {
  /** The event at the tree position where the first difference was found, if any. */
  event?: { seq: number; id: string }
}

const PAGE = 1000

export async function auditLog(
  db: Kysely<Database>,
  input: { earlier: string; verifierKey: string },
): Promise<AuditResult> {
  const latest = await db
    .selectFrom('transparency_checkpoints')
    .select(['size', 'note'])
    .orderBy('size', 'desc')
    .executeTakeFirst()
  const current = latest?.note ?? ''
  const reader = databaseHashReader(db)
  const earlierSize = sizeOf(input.earlier)
  const currentSize = latest ? Number(latest.size) : 0
  let consistencyProof: Buffer[] = []
  if (earlierSize !== null && earlierSize <= currentSize) {
    try {
      consistencyProof = await proveTree(currentSize, earlierSize, reader)
    } catch {
      // Stored hashes gone missing: the proof is empty and cannot verify.
    }
  }
  const result = await verifyLog({
    verifierKey: input.verifierKey,
    earlier: input.earlier,
    current,
    consistencyProof,
    events: eventsInTreeOrder(db),
    tree: reader,
  })
  if (result.ok || result.index === undefined) return result
  const event = await db
    .selectFrom('events')
    .select(['seq', 'id'])
    .where('log_index', '=', result.index)
    .executeTakeFirst()
  return event ? { ...result, event: { seq: Number(event.seq), id: String(event.id) } } : result
}

function sizeOf(signed: string): number | null {
  try {
    return parseCheckpoint(signed.slice(0, signed.indexOf('\n\n') + 1)).size
  } catch {
    return null
  }
}

/**
 * Every event as its leaf, in the tree's order (log_index), then those not yet in the tree
 * (seq order). Each record's `seq` is its position in that order, which verifyLog requires
 * to increase; the caller maps a reported position back to the event.
 */
async function* eventsInTreeOrder(db: Kysely<Database>): AsyncGenerator<LeafRecord> {
  let position = -1
  for (let after = -1; ;) {
    const rows = await db
      .selectFrom('events')
      .select([...leafColumns, 'log_index'])
      .where('log_index', '>', after)
      .orderBy('log_index')
      .limit(PAGE)
      .execute()
    for (const row of rows) yield { seq: ++position, leaf: rowLeaf(row as LeafRow) }
    if (rows.length < PAGE) break
    after = Number(rows.at(-1)!.log_index)
  }
  for (let after = -1; ;) {
    const rows = await db
      .selectFrom('events')
      .select([...leafColumns])
      .where('log_index', 'is', null)
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(PAGE)
      .execute()
    for (const row of rows) yield { seq: ++position, leaf: rowLeaf(row as LeafRow) }
    if (rows.length < PAGE) break
    after = Number(rows.at(-1)!.seq)
  }
}
