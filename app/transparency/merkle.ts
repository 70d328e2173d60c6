import { createHash } from 'node:crypto'

/**
 * The RFC 9162 (§2.1) Merkle tree of the transparency log, with SHA-256, leaf hashes
 * H(0x00 || data) and node hashes H(0x01 || left || right).
 *
 * The log keeps the tree as "stored hashes", numbered the way Go's
 * golang.org/x/mod/sumdb/tlog numbers them (Crosby and Wallach, "Efficient Data
 * Structures for Tamper-Evident Logging", §3.3): appending leaf n writes its leaf hash and
 * the hash of every subtree that leaf completes, at consecutive indexes starting at
 * storedHashIndex(0, n). So a batch of leaves is one contiguous run of new rows, nothing
 * earlier is ever rewritten, and any tree head or proof needs at most O(log n) reads.
 *
 * Indexes are plain numbers: exact up to 2^53, far beyond any log this app will keep.
 * No bitwise operators below, because they would wrap at 2^31.
 */

export const HASH_SIZE = 32

/** The hash of the empty tree: SHA-256 of nothing. */
export const EMPTY_TREE_HASH: Buffer = createHash('sha256').digest()

/** Reads stored hashes by index; a database table, an array or tiles can back it. */
export interface HashReader {
  readHashes(indexes: readonly number[]): readonly Uint8Array[] | Promise<readonly Uint8Array[]>
}

export class MerkleError extends Error {
  override name = 'MerkleError'
}

export function leafHash(data: Uint8Array): Buffer {
  return createHash('sha256').update(Uint8Array.of(0x00)).update(data).digest()
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(Uint8Array.of(0x01)).update(left).update(right).digest()
}

export function hashesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0
}

/** Where the hash of subtree (level, n) — leaves [n·2^level, (n+1)·2^level) — is stored. */
export function storedHashIndex(level: number, n: number): number {
  // Level L's n'th hash is stored right after level L+1's (2n+1)'th hash.
  for (let l = level; l > 0; l--) n = 2 * n + 1
  // Level 0's n'th hash is stored at n + n/2 + n/4 + …
  let index = 0
  for (; n > 0; n = Math.floor(n / 2)) index += n
  return index + level
}

/** The inverse of storedHashIndex. */
export function splitStoredHashIndex(index: number): { level: number; n: number } {
  // storedHashIndex(0, n) < 2n, so the last leaf stored at or before index is in [index/2, …].
  let n = Math.floor(index / 2)
  let indexN = storedHashIndex(0, n)
  for (;;) {
    const next = indexN + 1 + trailingOnes(n)
    if (next > index) break
    n++
    indexN = next
  }
  const level = index - indexN
  return { level, n: Math.floor(n / 2 ** level) }
}

/** How many hashes are stored for a tree of n leaves. */
export function storedHashCount(n: number): number {
  return n === 0 ? 0 : storedHashIndex(0, n - 1) + 1 + trailingOnes(n - 1)
}

/**
 * The hashes to store when appending leaf n (the tree has n leaves before it), to be stored
 * from storedHashIndex(0, n) on: the leaf hash, then one hash per subtree it completes.
 */
export async function storedHashes(
  n: number,
  leaf: Uint8Array,
  reader: HashReader,
): Promise<Buffer[]> {
  assertIndex(n, 'leaf index')
  const completed = trailingOnes(n)
  // The left siblings of the subtrees this leaf completes, lowest level first.
  const indexes: number[] = []
  for (let level = completed - 1; level >= 0; level--) {
    indexes.push(storedHashIndex(level, Math.floor(n / 2 ** level) - 1))
  }
  const siblings = await read(reader, indexes)
  let hash: Buffer = Buffer.from(leaf)
  const hashes = [hash]
  for (let level = 0; level < completed; level++) {
    hash = nodeHash(siblings[completed - 1 - level] as Uint8Array, hash)
    hashes.push(hash)
  }
  return hashes
}

/**
 * The stored hashes for appending a batch of leaf hashes to a tree of `size` leaves: store
 * `hashes[i]` at index `firstIndex + i`. Reads of hashes made earlier in the batch are
 * answered from the batch itself, so the reader need only see what was stored before.
 */
export async function storedHashesForBatch(
  size: number,
  leaves: readonly Uint8Array[],
  reader: HashReader,
): Promise<{ firstIndex: number; hashes: Buffer[] }> {
  const firstIndex = storedHashIndex(0, size)
  const hashes: Buffer[] = []
  const overlay: HashReader = {
    readHashes: async (indexes) => {
      const earlier = indexes.filter((i) => i < firstIndex)
      const fromReader = await read(reader, earlier)
      let next = 0
      return indexes.map((i) => (i < firstIndex ? fromReader[next++] : hashes[i - firstIndex])!)
    },
  }
  for (let i = 0; i < leaves.length; i++) {
    hashes.push(...(await storedHashes(size + i, leaves[i] as Uint8Array, overlay)))
  }
  return { firstIndex, hashes }
}

/** The root hash of the tree of n leaves, in one read of at most 1 + log₂ n stored hashes. */
export async function treeHash(n: number, reader: HashReader): Promise<Buffer> {
  assertIndex(n, 'tree size')
  if (n === 0) return EMPTY_TREE_HASH
  const hashes = await read(reader, subtreeIndexes(0, n, []))
  const [hash, rest] = subtreeHash(0, n, hashes)
  if (rest.length !== 0) throw new MerkleError('bad index math in treeHash')
  return hash
}

/** The inclusion proof (RFC 9162 audit path) of leaf n in the tree of t leaves. */
export async function proveRecord(t: number, n: number, reader: HashReader): Promise<Buffer[]> {
  assertIndex(t, 'tree size')
  assertIndex(n, 'leaf index')
  if (n >= t) throw new MerkleError(`leaf ${n} is not in a tree of ${t} leaves`)
  const hashes = await read(reader, recordProofIndexes(0, t, n, []))
  const [proof, rest] = recordProof(0, t, n, hashes)
  if (rest.length !== 0) throw new MerkleError('bad index math in proveRecord')
  return proof
}

/** Whether `proof` shows that the tree of t leaves with root `root` has leaf hash `leaf` at n. */
export function checkRecord(
  proof: readonly Uint8Array[],
  t: number,
  root: Uint8Array,
  n: number,
  leaf: Uint8Array,
): boolean {
  if (!isIndex(t) || !isIndex(n) || n >= t || !proof.every(isHash)) return false
  const computed = runRecordProof(proof, 0, t, n, leaf)
  return computed !== null && hashesEqual(computed, root)
}

/** The consistency proof (RFC 9162 §2.1.4) that the tree of t leaves extends the tree of n. */
export async function proveTree(t: number, n: number, reader: HashReader): Promise<Buffer[]> {
  assertIndex(t, 'tree size')
  assertIndex(n, 'earlier tree size')
  if (n > t) throw new MerkleError(`a tree of ${t} leaves cannot extend one of ${n}`)
  if (n === 0 || n === t) return []
  const hashes = await read(reader, treeProofIndexes(0, t, n, []))
  const [proof, rest] = treeProof(0, t, n, hashes)
  if (rest.length !== 0) throw new MerkleError('bad index math in proveTree')
  return proof
}

/**
 * Whether `proof` shows that the tree of t leaves with root `root` contains, as its first n
 * leaves, the tree with root `earlierRoot`. Trees of equal size must have equal roots and
 * an empty proof; the empty tree is a prefix of every tree.
 */
export function checkTree(
  proof: readonly Uint8Array[],
  t: number,
  root: Uint8Array,
  n: number,
  earlierRoot: Uint8Array,
): boolean {
  if (!isIndex(t) || !isIndex(n) || n > t || !proof.every(isHash)) return false
  if (n === 0) return proof.length === 0 && hashesEqual(earlierRoot, EMPTY_TREE_HASH)
  if (n === t) return proof.length === 0 && hashesEqual(earlierRoot, root)
  const computed = runTreeProof(proof, 0, t, n, earlierRoot)
  return (
    computed !== null &&
    hashesEqual(computed.earlier, earlierRoot) &&
    hashesEqual(computed.current, root)
  )
}

/** A HashReader over stored hashes held in an array, index for index. */
export function arrayHashReader(stored: readonly Uint8Array[]): HashReader {
  return {
    readHashes: (indexes) =>
      indexes.map((i) => {
        const hash = stored[i]
        if (!hash) throw new MerkleError(`stored hash ${i} is missing`)
        return hash
      }),
  }
}

function isIndex(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0
}

function isHash(hash: Uint8Array): boolean {
  return hash.length === HASH_SIZE
}

function assertIndex(n: number, what: string): void {
  if (!isIndex(n)) throw new MerkleError(`invalid ${what} ${n}`)
}

/** How many times n ends in a 1 bit: the number of subtrees leaf n completes. */
function trailingOnes(n: number): number {
  let count = 0
  for (; n % 2 === 1; n = (n - 1) / 2) count++
  return count
}

/** The largest power of two smaller than n (n > 1), and its exponent. */
function maxPow2(n: number): { k: number; level: number } {
  let k = 1
  let level = 0
  while (k * 2 < n) {
    k *= 2
    level++
  }
  return { k, level }
}

async function read(reader: HashReader, indexes: readonly number[]): Promise<Buffer[]> {
  if (indexes.length === 0) return []
  const hashes = await reader.readHashes(indexes)
  if (hashes.length !== indexes.length) {
    throw new MerkleError(`read ${hashes.length} hashes for ${indexes.length} indexes`)
  }
  return hashes.map((hash, i) => {
    if (!isHash(hash)) throw new MerkleError(`stored hash ${indexes[i]} is not ${HASH_SIZE} bytes`)
    return Buffer.from(hash)
  })
}

// The functions below walk the tree exactly as tlog.go does; each *Indexes function lists,
// in order, the stored hashes its namesake then consumes from the front of `hashes`.

/** Stored hashes of the perfect subtrees that make up leaves [lo, hi), left to right. */
function subtreeIndexes(lo: number, hi: number, need: number[]): number[] {
  while (lo < hi) {
    const { k, level } = maxPow2(hi - lo + 1)
    need.push(storedHashIndex(level, lo / k))
    lo += k
  }
  return need
}

function subtreeHash(lo: number, hi: number, hashes: Buffer[]): [Buffer, Buffer[]] {
  let parts = 0
  while (lo < hi) {
    lo += maxPow2(hi - lo + 1).k
    parts++
  }
  if (hashes.length < parts) throw new MerkleError('bad index math in subtreeHash')
  let hash = hashes[parts - 1] as Buffer
  for (let i = parts - 2; i >= 0; i--) hash = nodeHash(hashes[i] as Buffer, hash)
  return [hash, hashes.slice(parts)]
}

function recordProofIndexes(lo: number, hi: number, n: number, need: number[]): number[] {
  if (lo + 1 === hi) return need
  const { k } = maxPow2(hi - lo)
  if (n < lo + k) {
    recordProofIndexes(lo, lo + k, n, need)
    return subtreeIndexes(lo + k, hi, need)
  }
  subtreeIndexes(lo, lo + k, need)
  return recordProofIndexes(lo + k, hi, n, need)
}

function recordProof(lo: number, hi: number, n: number, hashes: Buffer[]): [Buffer[], Buffer[]] {
  if (lo + 1 === hi) return [[], hashes]
  const { k } = maxPow2(hi - lo)
  let proof: Buffer[]
  let sibling: Buffer
  if (n < lo + k) {
    ;[proof, hashes] = recordProof(lo, lo + k, n, hashes)
    ;[sibling, hashes] = subtreeHash(lo + k, hi, hashes)
  } else {
    ;[sibling, hashes] = subtreeHash(lo, lo + k, hashes)
    ;[proof, hashes] = recordProof(lo + k, hi, n, hashes)
  }
  return [[...proof, sibling], hashes]
}

function runRecordProof(
  proof: readonly Uint8Array[],
  lo: number,
  hi: number,
  n: number,
  leaf: Uint8Array,
): Buffer | null {
  if (lo + 1 === hi) return proof.length === 0 ? Buffer.from(leaf) : null
  const sibling = proof.at(-1)
  if (!sibling) return null
  const { k } = maxPow2(hi - lo)
  const rest = proof.slice(0, -1)
  if (n < lo + k) {
    const left = runRecordProof(rest, lo, lo + k, n, leaf)
    return left && nodeHash(left, sibling)
  }
  const right = runRecordProof(rest, lo + k, hi, n, leaf)
  return right && nodeHash(sibling, right)
}

function treeProofIndexes(lo: number, hi: number, n: number, need: number[]): number[] {
  if (n === hi) return lo === 0 ? need : subtreeIndexes(lo, hi, need)
  const { k } = maxPow2(hi - lo)
  if (n <= lo + k) {
    treeProofIndexes(lo, lo + k, n, need)
    return subtreeIndexes(lo + k, hi, need)
  }
  subtreeIndexes(lo, lo + k, need)
  return treeProofIndexes(lo + k, hi, n, need)
}

function treeProof(lo: number, hi: number, n: number, hashes: Buffer[]): [Buffer[], Buffer[]] {
  if (n === hi) {
    // The verifier knows the earlier root, so the proof leaves it out.
    if (lo === 0) return [[], hashes]
    const [hash, rest] = subtreeHash(lo, hi, hashes)
    return [[hash], rest]
  }
  const { k } = maxPow2(hi - lo)
  let proof: Buffer[]
  let sibling: Buffer
  if (n <= lo + k) {
    ;[proof, hashes] = treeProof(lo, lo + k, n, hashes)
    ;[sibling, hashes] = subtreeHash(lo + k, hi, hashes)
  } else {
    ;[sibling, hashes] = subtreeHash(lo, lo + k, hashes)
    ;[proof, hashes] = treeProof(lo + k, hi, n, hashes)
  }
  return [[...proof, sibling], hashes]
}

/** The hashes the proof implies for the subtree [lo, hi) in the earlier and current tree. */
function runTreeProof(
  proof: readonly Uint8Array[],
  lo: number,
  hi: number,
  n: number,
  earlierRoot: Uint8Array,
): { earlier: Buffer; current: Buffer } | null {
  if (n === hi) {
    if (lo === 0) {
      if (proof.length !== 0) return null
      return { earlier: Buffer.from(earlierRoot), current: Buffer.from(earlierRoot) }
    }
    const only = proof[0]
    if (proof.length !== 1 || !only) return null
    return { earlier: Buffer.from(only), current: Buffer.from(only) }
  }
  const sibling = proof.at(-1)
  if (!sibling) return null
  const { k } = maxPow2(hi - lo)
  const rest = proof.slice(0, -1)
  if (n <= lo + k) {
    const left = runTreeProof(rest, lo, lo + k, n, earlierRoot)
    return left && { earlier: left.earlier, current: nodeHash(left.current, sibling) }
  }
  const right = runTreeProof(rest, lo + k, hi, n, earlierRoot)
  return (
    right && {
      earlier: nodeHash(sibling, right.earlier),
      current: nodeHash(sibling, right.current),
    }
  )
}
