import { openCheckpoint, type Checkpoint } from './checkpoint'
import { checkTree, hashesEqual, leafHash, storedHashIndex, type HashReader } from './merkle'
import { MerkleFrontier } from './frontier'
import { createVerifier, type Verifier } from './note'

/**
 * The audit anyone can run: given a checkpoint they kept from earlier, is today's log an
 * extension of it, and is every event the database holds the leaf the log says it is?
 *
 * The earlier checkpoint is the only thing trusted (with the log's verifier key). The
 * current checkpoint must be signed by the same key and provably extend it; the events,
 * read in sequence order, must hash to both roots. Given the log's stored hashes as well,
 * the verifier first checks them against the current root and then names the first event
 * whose leaf differs; without them it can only say which checkpoint's events changed.
 */

export type LeafRecord = { seq: number; leaf: Uint8Array }

export type VerifyInput = {
  verifierKey: string
  /** The signed checkpoint saved earlier. */
  earlier: string | Uint8Array
  /** The log's signed checkpoint now. */
  current: string | Uint8Array
  /** The consistency proof from the earlier tree size to the current one. */
  consistencyProof: readonly Uint8Array[]
  /** Every event in the database, in sequence order, as its leaf bytes. */
  events: Iterable<LeafRecord> | AsyncIterable<LeafRecord>
  /** The log's stored hashes, to name the first changed event. */
  tree?: HashReader
}

export type Problem =
  | 'bad-verifier-key'
  | 'earlier-checkpoint'
  | 'current-checkpoint'
  | 'tree-shrank'
  | 'inconsistent'
  | 'out-of-order'
  | 'missing-events'
  | 'event-changed'
  | 'earlier-events-changed'
  | 'later-events-changed'
  | 'stored-hashes'

export type VerifyResult =
  | { ok: true; treeSize: number; pending: number }
  | { ok: false; code: Problem; problem: string; seq?: number; index?: number }

/** Leaf hashes are read from the tree this many at a time (one tile's worth). */
const CHUNK = 256

export async function verifyLog(input: VerifyInput): Promise<VerifyResult> {
  let log: Verifier
  try {
    log = createVerifier(input.verifierKey)
  } catch (error) {
    return fail('bad-verifier-key', `the verifier key is unusable: ${message(error)}`)
  }
  const earlier = open(input.earlier, log)
  if (typeof earlier === 'string') {
    return fail('earlier-checkpoint', `the earlier checkpoint does not verify: ${earlier}`)
  }
  const current = open(input.current, log)
  if (typeof current === 'string') {
    return fail('current-checkpoint', `the current checkpoint does not verify: ${current}`)
  }
  if (current.size < earlier.size) {
    return fail(
      'tree-shrank',
      `the log shrank from ${earlier.size} leaves to ${current.size} since the earlier checkpoint`,
    )
  }
  const consistent = checkTree(
    input.consistencyProof,
    current.size,
    current.rootHash,
    earlier.size,
    earlier.rootHash,
  )
  if (!consistent) {
    return fail(
      'inconsistent',
      `the log of ${current.size} leaves does not extend the earlier checkpoint of ${earlier.size}: its history was rewritten`,
    )
  }

  const events = new MerkleFrontier()
  const published = input.tree ? new PublishedLeaves(input.tree) : null
  let earlierRoot: Buffer | null = earlier.size === 0 ? events.root() : null
  let lastSeq = -Infinity
  let pending = 0
  for await (const { seq, leaf } of input.events) {
    if (!(seq > lastSeq)) {
      return fail('out-of-order', `event ${seq} comes after event ${lastSeq}`, seq, events.size)
    }
    lastSeq = seq
    if (events.size === current.size) {
      pending++
      continue
    }
    const hash = leafHash(leaf)
    events.push(hash)
    if (events.size === earlier.size) earlierRoot = events.root()
    await published?.compare(seq, hash)
  }
  const publishedVerified = (await published?.verify(current)) ?? false

  const difference = published?.firstDifference
  if (publishedVerified && difference) {
    return fail(
      'event-changed',
      `event ${difference.seq} is not leaf ${difference.index} of the log: it or an event before it was changed, moved, inserted or deleted`,
      difference.seq,
      difference.index,
    )
  }
  if (events.size < earlier.size) return missing(events.size, earlier, 'earlier')
  if (!earlierRoot || !hashesEqual(earlierRoot, earlier.rootHash)) {
    return fail(
      'earlier-events-changed',
      `the first ${earlier.size} events no longer hash to the earlier checkpoint: one of them was changed, moved, inserted or deleted`,
    )
  }
  if (events.size < current.size) return missing(events.size, current, 'current')
  if (!hashesEqual(events.root(), current.rootHash)) {
    return fail(
      'later-events-changed',
      `the events after the first ${earlier.size} do not hash to the current checkpoint of ${current.size}`,
    )
  }
  if (published && !publishedVerified) {
    return fail(
      'stored-hashes',
      `the log's stored leaf hashes do not match its current checkpoint${published.broken ? `: ${published.broken}` : ''}`,
    )
  }
  return { ok: true, treeSize: current.size, pending }
}

/**
 * The log's own leaf hashes, read a tile's worth at a time beside the events, remembering
 * the first that differs; they count only once they are shown to hash to the current root.
 */
class PublishedLeaves {
  firstDifference: { seq: number; index: number } | null = null
  broken: string | null = null
  private readonly frontier = new MerkleFrontier()
  private batch: Array<{ seq: number; hash: Buffer }> = []

  constructor(private readonly reader: HashReader) {}

  async compare(seq: number, hash: Buffer): Promise<void> {
    this.batch.push({ seq, hash })
    if (this.batch.length === CHUNK) await this.flush()
  }

  /** Reads the rest of the tree's leaf hashes and checks them against the checkpoint. */
  async verify(current: Checkpoint): Promise<boolean> {
    await this.flush()
    while (!this.broken && this.frontier.size < current.size) {
      const count = Math.min(CHUNK, current.size - this.frontier.size)
      for (const hash of await this.read(count)) this.frontier.push(hash)
    }
    return !this.broken && hashesEqual(this.frontier.root(), current.rootHash)
  }

  private async flush(): Promise<void> {
    const start = this.frontier.size
    const hashes = await this.read(this.batch.length)
    hashes.forEach((stored, i) => {
      this.frontier.push(stored)
      const { seq, hash } = this.batch[i] as { seq: number; hash: Buffer }
      if (!this.firstDifference && !hashesEqual(stored, hash)) {
        this.firstDifference = { seq, index: start + i }
      }
    })
    this.batch = []
  }

  private async read(count: number): Promise<readonly Uint8Array[]> {
    if (this.broken || count === 0) return []
    const start = this.frontier.size
    const indexes = Array.from({ length: count }, (_, i) => storedHashIndex(0, start + i))
    try {
      const hashes = await this.reader.readHashes(indexes)
      if (hashes.length !== count) throw new Error(`read ${hashes.length} of ${count} leaf hashes`)
      return hashes
    } catch (error) {
      this.broken = message(error)
      return []
    }
  }
}

function missing(held: number, checkpoint: Checkpoint, which: 'earlier' | 'current'): VerifyResult {
  return fail(
    'missing-events',
    `the database holds ${held} events but the ${which} checkpoint covers ${checkpoint.size}: events were deleted`,
    undefined,
    held,
  )
}

function open(signed: string | Uint8Array, log: Verifier): Checkpoint | string {
  try {
    return openCheckpoint(signed, log)
  } catch (error) {
    return message(error)
  }
}

function fail(
  code: Problem,
  problem: string,
  seq?: number,
  index?: number,
): Extract<VerifyResult, { ok: false }> {
  return {
    ok: false,
    code,
    problem,
    ...(seq === undefined ? {} : { seq }),
    ...(index === undefined ? {} : { index }),
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
