import { describe, expect, it } from 'vitest'
import { formatCheckpoint, signCheckpoint } from '../../app/transparency/checkpoint'
import { eventLeaf, newLeafSalt, type LogEvent } from '../../app/transparency/leaf'
import {
  arrayHashReader,
  leafHash,
  proveTree,
  storedHashesForBatch,
  treeHash,
  type HashReader,
} from '../../app/transparency/merkle'
import { createSigner, generateNoteKeys, signNote } from '../../app/transparency/note'
import { verifyLog, type LeafRecord, type VerifyInput } from '../../app/transparency/verify'

const origin = 'kaimen.example/log'
const keys = generateNoteKeys(origin)
const signer = createSigner(keys.signerKey)

/** An events row as the database holds it: the event and, if private, its salt. */
type Row = { event: LogEvent; salt: Buffer | null }

function makeRows(count: number): Row[] {
  return Array.from({ length: count }, (_, i) => {
    const isPublic = i % 3 !== 1
    return {
      event: {
        // Sequence numbers with a gap, as a rolled-back insert leaves one.
        seq: 100 + i + (i >= 10 ? 1 : 0),
        id: `event-${i}`,
        type: isPublic ? 'report.submitted' : 'report.contact_seen',
        reportId: i,
        dutyId: i % 2 === 0 ? null : i * 10,
        actor: isPublic ? 'reporter' : `staff:${i}`,
        public: isPublic,
        data: { n: i, note: `第${i}条` },
        occurredAt: new Date(Date.UTC(2025, 0, 1, 0, 0, i)),
      },
      salt: isPublic ? null : newLeafSalt(),
    }
  })
}

/** What the database returns to the auditor: every row in seq order, as leaves. */
function leavesOf(rows: Row[]): LeafRecord[] {
  return [...rows]
    .sort((a, b) => a.event.seq - b.event.seq)
    .map(({ event, salt }) => ({ seq: event.seq, leaf: eventLeaf(event, salt) }))
}

/** The worker's job: integrate leaves in batches, signing a checkpoint after each. */
async function integrate(rows: Row[], batchEnds: number[]) {
  const stored: Buffer[] = []
  const checkpoints = new Map<number, string>()
  const leaves = leavesOf(rows).map(({ leaf }) => leafHash(leaf))
  let size = 0
  for (const end of batchEnds) {
    const { hashes } = await storedHashesForBatch(
      size,
      leaves.slice(size, end),
      arrayHashReader(stored),
    )
    stored.push(...hashes)
    size = end
    const rootHash = await treeHash(size, arrayHashReader(stored))
    checkpoints.set(size, signCheckpoint({ origin, size, rootHash, extensions: [] }, signer))
  }
  return { stored, tree: arrayHashReader(stored), checkpoints }
}

const EARLIER = 12
const CURRENT = 25
const rows = makeRows(30) // the last 5 are not integrated yet
const log = await integrate(rows, [5, EARLIER, 20, CURRENT])
const earlier = log.checkpoints.get(EARLIER)!
const current = log.checkpoints.get(CURRENT)!
const proof = await proveTree(CURRENT, EARLIER, log.tree)

function input(overrides: Partial<VerifyInput> = {}): VerifyInput {
  return {
    verifierKey: keys.verifierKey,
    earlier,
    current,
    consistencyProof: proof,
    events: leavesOf(rows),
    ...overrides,
  }
}

const withRow = (source: Row[], i: number, change: Partial<LogEvent>): Row[] =>
  source.map((row, j) => (j === i ? { ...row, event: { ...row.event, ...change } } : row))
const seqAt = (i: number) => rows[i]!.event.seq

describe('the audit of an honest log', () => {
  it('passes, counting the events not yet in the tree', async () => {
    expect(await verifyLog(input())).toEqual({ ok: true, treeSize: CURRENT, pending: 5 })
    expect(await verifyLog(input({ tree: log.tree }))).toEqual({
      ok: true,
      treeSize: CURRENT,
      pending: 5,
    })
  })

  it('reads the events as an async stream, as a database cursor gives them', async () => {
    async function* stream() {
      for (const record of leavesOf(rows)) yield record
    }
    expect(await verifyLog(input({ events: stream(), tree: log.tree }))).toMatchObject({ ok: true })
  })

  it('passes from the empty tree, and from a checkpoint equal to the current one', async () => {
    const empty = await integrate([], [0])
    expect(
      await verifyLog(input({ earlier: empty.checkpoints.get(0)!, consistencyProof: [] })),
    ).toMatchObject({
      ok: true,
    })
    expect(await verifyLog(input({ earlier: current, consistencyProof: [] }))).toMatchObject({
      ok: true,
    })
  })
})

describe('the audit catches', () => {
  it('an event rewritten in place, before or after the earlier checkpoint', async () => {
    const early = leavesOf(withRow(rows, 4, { data: { n: 4, note: 'rewritten' } }))
    expect(await verifyLog(input({ events: early }))).toMatchObject({
      ok: false,
      code: 'earlier-events-changed',
    })
    expect(await verifyLog(input({ events: early, tree: log.tree }))).toMatchObject({
      ok: false,
      code: 'event-changed',
      seq: seqAt(4),
      index: 4,
    })

    const late = leavesOf(withRow(rows, 18, { actor: 'system' }))
    expect(await verifyLog(input({ events: late }))).toMatchObject({
      ok: false,
      code: 'later-events-changed',
    })
    expect(await verifyLog(input({ events: late, tree: log.tree }))).toMatchObject({
      code: 'event-changed',
      seq: seqAt(18),
    })
  })

  it('a private event whose hidden content was changed', async () => {
    expect(rows[7]!.event.public).toBe(false)
    const events = leavesOf(withRow(rows, 7, { data: { n: 7, note: 'quietly changed' } }))
    expect(await verifyLog(input({ events, tree: log.tree }))).toMatchObject({
      code: 'event-changed',
      seq: seqAt(7),
    })
  })

  it('a rewrite re-chained into a new tree and re-signed with the log’s own key', async () => {
    const rewritten = withRow(rows, 4, { data: { n: 4, note: 'rewritten' } })
    const forged = await integrate(rewritten, [CURRENT])
    const forgedProof = await proveTree(CURRENT, EARLIER, forged.tree)
    const forgedInput = input({
      current: forged.checkpoints.get(CURRENT)!,
      consistencyProof: forgedProof,
      events: leavesOf(rewritten),
      tree: forged.tree,
    })
    expect(await verifyLog(forgedInput)).toMatchObject({ ok: false, code: 'inconsistent' })
    expect(await verifyLog({ ...forgedInput, consistencyProof: proof })).toMatchObject({
      code: 'inconsistent',
    })
  })

  it('a deleted tail, whether or not the checkpoint is re-signed', async () => {
    const events = leavesOf(rows)
    expect(await verifyLog(input({ events: events.slice(0, 20) }))).toMatchObject({
      ok: false,
      code: 'missing-events',
      index: 20,
    })
    expect(await verifyLog(input({ events: events.slice(0, 8), tree: log.tree }))).toMatchObject({
      code: 'missing-events',
      index: 8,
    })

    const shrunk = await integrate(rows.slice(0, 8), [8])
    expect(
      await verifyLog(
        input({
          current: shrunk.checkpoints.get(8)!,
          consistencyProof: [],
          events: events.slice(0, 8),
        }),
      ),
    ).toMatchObject({ ok: false, code: 'tree-shrank' })
  })

  it('two events reordered by swapping their sequence numbers', async () => {
    const swapped = withRow(withRow(rows, 3, { seq: seqAt(9) }), 9, { seq: seqAt(3) })
    expect(await verifyLog(input({ events: leavesOf(swapped) }))).toMatchObject({
      ok: false,
      code: 'earlier-events-changed',
    })
    expect(await verifyLog(input({ events: leavesOf(swapped), tree: log.tree }))).toMatchObject({
      code: 'event-changed',
      seq: seqAt(3),
      index: 3,
    })
  })

  it('an event deleted from the middle, or one slipped in', async () => {
    const events = leavesOf(rows)
    const deleted = [...events.slice(0, 6), ...events.slice(7)]
    expect(await verifyLog(input({ events: deleted, tree: log.tree }))).toMatchObject({
      code: 'event-changed',
      seq: seqAt(7),
      index: 6,
    })
    const extra = { seq: seqAt(15) + 0.5, leaf: Buffer.from('{"slipped":"in"}') }
    const inserted = [...events.slice(0, 16), extra, ...events.slice(16)]
    expect(await verifyLog(input({ events: inserted }))).toMatchObject({
      code: 'later-events-changed',
    })
  })

  it('checkpoints that do not verify, a bad key, and a forged proof', async () => {
    const stranger = createSigner(generateNoteKeys(origin).signerKey)
    const body = formatCheckpoint({
      origin,
      size: CURRENT,
      rootHash: Buffer.alloc(32),
      extensions: [],
    })
    expect(await verifyLog(input({ current: signNote(body, [stranger]) }))).toMatchObject({
      code: 'current-checkpoint',
    })
    expect(
      await verifyLog(input({ earlier: earlier.replace(`\n${EARLIER}\n`, '\n11\n') })),
    ).toMatchObject({
      code: 'earlier-checkpoint',
    })
    expect(await verifyLog(input({ verifierKey: 'not a key' }))).toMatchObject({
      code: 'bad-verifier-key',
    })
    const bent = proof.map((hash, i) => (i === 0 ? Buffer.from(hash).fill(7, 0, 1) : hash))
    expect(await verifyLog(input({ consistencyProof: bent }))).toMatchObject({
      code: 'inconsistent',
    })
  })

  it('events not in sequence order', async () => {
    const events = leavesOf(rows)
    const shuffled = [events[0]!, events[2]!, events[1]!, ...events.slice(3)]
    expect(await verifyLog(input({ events: shuffled }))).toMatchObject({
      code: 'out-of-order',
      seq: events[1]!.seq,
      index: 2,
    })
  })

  it('the first changed event in a log of several tiles', async () => {
    const many = makeRows(700)
    const big = await integrate(many, [300, 650])
    const changed = withRow(many, 600, { type: 'report.withdrawn' })
    const bigInput = input({
      earlier: big.checkpoints.get(300)!,
      current: big.checkpoints.get(650)!,
      consistencyProof: await proveTree(650, 300, big.tree),
      events: leavesOf(changed),
      tree: big.tree,
    })
    expect(await verifyLog(bigInput)).toMatchObject({
      code: 'event-changed',
      seq: many[600]!.event.seq,
      index: 600,
    })
    expect(await verifyLog({ ...bigInput, events: leavesOf(many) })).toEqual({
      ok: true,
      treeSize: 650,
      pending: 50,
    })
  })

  it('stored hashes that no longer match the checkpoint, while the events still do', async () => {
    const damaged = [...log.stored]
    damaged[0] = leafHash(Buffer.from('not the first event'))
    expect(await verifyLog(input({ tree: arrayHashReader(damaged) }))).toMatchObject({
      code: 'stored-hashes',
    })
    const failing: HashReader = {
      readHashes: () => {
        throw new Error('connection lost')
      },
    }
    expect(await verifyLog(input({ tree: failing }))).toMatchObject({
      code: 'stored-hashes',
      problem: expect.stringContaining('connection lost') as unknown,
    })
  })
})
