import { EMPTY_TREE_HASH, nodeHash } from './merkle'

/**
 * A tree built one leaf hash at a time in O(log n) memory, keeping only the roots of its
 * perfect subtrees: how a verifier recomputes the root of a log it reads as a stream.
 */
export class MerkleFrontier {
  private readonly peaks: Array<{ hash: Buffer; leaves: number }> = []
  private count = 0

  get size(): number {
    return this.count
  }

  push(leaf: Uint8Array): void {
    let hash: Buffer = Buffer.from(leaf)
    let leaves = 1
    for (let top = this.peaks.at(-1); top?.leaves === leaves; top = this.peaks.at(-1)) {
      this.peaks.pop()
      hash = nodeHash(top.hash, hash)
      leaves *= 2
    }
    this.peaks.push({ hash, leaves })
    this.count++
  }

  root(): Buffer {
    const last = this.peaks.at(-1)
    if (!last) return EMPTY_TREE_HASH
    let hash = last.hash
    for (let i = this.peaks.length - 2; i >= 0; i--) {
      hash = nodeHash((this.peaks[i] as { hash: Buffer }).hash, hash)
    }
    return hash
  }
}

/** The root of the tree with these leaf hashes, in order. */
export function rootFromLeafHashes(leaves: Iterable<Uint8Array>): Buffer {
  const frontier = new MerkleFrontier()
  for (const leaf of leaves) frontier.push(leaf)
  return frontier.root()
}
