import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { MerkleFrontier, rootFromLeafHashes } from '../../app/transparency/frontier'
import {
  arrayHashReader,
  checkRecord,
  checkTree,
  EMPTY_TREE_HASH,
  leafHash,
  nodeHash,
  proveRecord,
  proveTree,
  splitStoredHashIndex,
  storedHashCount,
  storedHashes,
  storedHashesForBatch,
  storedHashIndex,
  treeHash,
  type HashReader,
} from '../../app/transparency/merkle'

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')
const unhex = (text: string) => Buffer.from(text, 'hex')

// RFC 6962 test data published by transparency-dev/merkle (testonly/constants.go) and used
// by Certificate Transparency's own tests: the leaves, and the tree head of each size 0…8.
const CT_LEAVES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map(unhex)
const CT_ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
]
// Every complete subtree of the 8-leaf tree, by level and index (same source).
const CT_NODES = [
  [
    '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
    '0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7',
    '07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7',
    'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    '4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658',
    'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
    '46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1',
  ],
  [
    'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
    '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
    '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
    'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
  ],
  [
    'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
  ],
  ['5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328'],
]
// Proof vectors from transparency-dev/merkle proof/verify_test.go (leaf indexes 0-based here).
const CT_INCLUSION = [
  { index: 0, size: 8, proof: ['96a296d2', '5f083f0a', '6b47aaf2'] },
  { index: 5, size: 8, proof: ['bc1a0643', 'ca854ea1', 'd37ee418'] },
  { index: 2, size: 3, proof: ['fac54203'] },
  { index: 1, size: 5, proof: ['6e340b9c', '5f083f0a', 'bc1a0643'] },
]
const CT_CONSISTENCY = [
  { from: 1, to: 8, proof: ['96a296d2', '5f083f0a', '6b47aaf2'] },
  { from: 6, to: 8, proof: ['0ebc5d34', 'ca854ea1', 'd37ee418'] },
  { from: 2, to: 5, proof: ['5f083f0a', 'bc1a0643'] },
  { from: 6, to: 7, proof: ['0ebc5d34', 'b08693ec', 'd37ee418'] },
]

// RFC 9162 §2.1.1–2.1.4 written as the definitions read, to check the stored-hash code by.
const largestPowerBelow = (n: number) => 2 ** Math.ceil(Math.log2(n) - 1)
function mth(leaves: Buffer[]): Buffer {
  if (leaves.length === 0) return createHash('sha256').digest()
  if (leaves.length === 1) return leaves[0] as Buffer
  const k = largestPowerBelow(leaves.length)
  return nodeHash(mth(leaves.slice(0, k)), mth(leaves.slice(k)))
}
function path(m: number, leaves: Buffer[]): Buffer[] {
  if (leaves.length <= 1) return []
  const k = largestPowerBelow(leaves.length)
  return m < k
    ? [...path(m, leaves.slice(0, k)), mth(leaves.slice(k))]
    : [...path(m - k, leaves.slice(k)), mth(leaves.slice(0, k))]
}
function subproof(m: number, leaves: Buffer[], whole: boolean): Buffer[] {
  if (m === leaves.length) return whole ? [] : [mth(leaves)]
  const k = largestPowerBelow(leaves.length)
  return m <= k
    ? [...subproof(m, leaves.slice(0, k), whole), mth(leaves.slice(k))]
    : [...subproof(m - k, leaves.slice(k), false), mth(leaves.slice(0, k))]
}
const consistency = (m: number, leaves: Buffer[]) => subproof(m, leaves, true)

/** A reader that, like Go's test storage, insists on indexes in increasing order. */
function strictReader(stored: Buffer[]): HashReader {
  return {
    readHashes: async (indexes) => {
      for (let i = 1; i < indexes.length; i++) {
        expect(indexes[i]).toBeGreaterThan(indexes[i - 1] as number)
      }
      return arrayHashReader(stored).readHashes(indexes)
    },
  }
}

async function grow(leaves: Buffer[]): Promise<Buffer[]> {
  const stored: Buffer[] = []
  for (const [n, leaf] of leaves.entries()) {
    stored.push(...(await storedHashes(n, leaf, strictReader(stored))))
  }
  return stored
}

const flip = (hash: Uint8Array, bit = 0) => {
  const copy = Buffer.from(hash)
  copy[bit >> 3] = (copy[bit >> 3] as number) ^ (1 << (bit & 7))
  return copy
}
const some = leafHash(Buffer.from('some other hash'))

describe('RFC 9162 hashing', () => {
  const leaves = CT_LEAVES.map(leafHash)

  it('hashes the empty tree to SHA-256 of nothing, and matches the published tree heads', () => {
    expect(hex(EMPTY_TREE_HASH)).toBe(CT_ROOTS[0])
    for (let n = 0; n <= 8; n++) {
      expect(hex(rootFromLeafHashes(leaves.slice(0, n))), `size ${n}`).toBe(CT_ROOTS[n])
      expect(hex(mth(leaves.slice(0, n)))).toBe(CT_ROOTS[n])
    }
  })

  it('stores each complete subtree where storedHashIndex says, with the published hash', async () => {
    const stored = await grow(leaves)
    expect(stored).toHaveLength(storedHashCount(8))
    CT_NODES.forEach((level, l) =>
      level.forEach((node, n) => expect(hex(stored[storedHashIndex(l, n)]!)).toBe(node)),
    )
    for (let n = 0; n <= 8; n++)
      expect(hex(await treeHash(n, arrayHashReader(stored)))).toBe(CT_ROOTS[n])
  })

  it('produces and accepts the published inclusion and consistency proofs', async () => {
    const stored = arrayHashReader(await grow(leaves))
    const root = (size: number) => unhex(CT_ROOTS[size] as string)
    for (const { index, size, proof } of CT_INCLUSION) {
      const made = await proveRecord(size, index, stored)
      expect(made.map((h) => hex(h).slice(0, 8))).toEqual(proof)
      expect(checkRecord(made, size, root(size), index, leaves[index]!)).toBe(true)
    }
    for (const { from, to, proof } of CT_CONSISTENCY) {
      const made = await proveTree(to, from, stored)
      expect(made.map((h) => hex(h).slice(0, 8))).toEqual(proof)
      expect(checkTree(made, to, root(to), from, root(from))).toBe(true)
    }
  })
})

describe('stored hashes', () => {
  const leaves = Array.from({ length: 40 }, (_, i) => leafHash(Buffer.from(`leaf ${i}`)))

  it('numbers stored hashes densely, and splitStoredHashIndex undoes storedHashIndex', () => {
    for (let index = 0; index < 3000; index++) {
      const { level, n } = splitStoredHashIndex(index)
      expect(storedHashIndex(level, n)).toBe(index)
    }
    // Past 2^32, where 32-bit bitwise arithmetic would have wrapped.
    for (const index of [2 ** 33 + 5, 2 ** 40 + 12345, 2 ** 50 - 3]) {
      const { level, n } = splitStoredHashIndex(index)
      expect(storedHashIndex(level, n)).toBe(index)
    }
    expect(storedHashIndex(0, 2 ** 40)).toBe(2 ** 41 - 1)
  })

  it('grows leaf by leaf to the one-shot tree hash at every size, storing what storedHashCount says', async () => {
    const stored: Buffer[] = []
    for (const [n, leaf] of leaves.entries()) {
      expect(storedHashIndex(0, n)).toBe(stored.length)
      stored.push(...(await storedHashes(n, leaf, strictReader(stored))))
      expect(stored).toHaveLength(storedHashCount(n + 1))
      const root = await treeHash(n + 1, strictReader(stored))
      expect(hex(root)).toBe(hex(mth(leaves.slice(0, n + 1))))
    }
  })

  it('extends the tree by batches to the same stored hashes as one leaf at a time', async () => {
    const oneByOne = await grow(leaves)
    const stored: Buffer[] = []
    let size = 0
    for (const batch of [1, 2, 5, 8, 3, 16, 5]) {
      const reader: HashReader = {
        readHashes: async (indexes) => strictReader(stored).readHashes(indexes),
      }
      const { firstIndex, hashes } = await storedHashesForBatch(
        size,
        leaves.slice(size, size + batch),
        reader,
      )
      expect(firstIndex).toBe(stored.length)
      stored.push(...hashes)
      size += batch
      expect(hex(await treeHash(size, arrayHashReader(stored)))).toBe(
        hex(mth(leaves.slice(0, size))),
      )
    }
    expect(stored.map(hex)).toEqual(oneByOne.map(hex))
  })

  it('refuses a reader that returns the wrong number of hashes, or hashes of the wrong size', async () => {
    const stored = await grow(leaves.slice(0, 8))
    const short: HashReader = { readHashes: (indexes) => indexes.slice(1).map(() => some) }
    const stubby: HashReader = { readHashes: (indexes) => indexes.map(() => Buffer.alloc(31)) }
    await expect(treeHash(7, short)).rejects.toThrow(/read/)
    await expect(treeHash(7, stubby)).rejects.toThrow(/32 bytes/)
    await expect(proveRecord(8, 8, arrayHashReader(stored))).rejects.toThrow(/not in a tree/)
    await expect(proveTree(4, 5, arrayHashReader(stored))).rejects.toThrow(/cannot extend/)
  })

  it('keeps a frontier whose root is the tree head at every size', () => {
    const frontier = new MerkleFrontier()
    expect(hex(frontier.root())).toBe(CT_ROOTS[0])
    for (const [n, leaf] of leaves.entries()) {
      frontier.push(leaf)
      expect(frontier.size).toBe(n + 1)
      expect(hex(frontier.root())).toBe(hex(mth(leaves.slice(0, n + 1))))
    }
  })
})

describe('proofs for every tree of 1…40 leaves', async () => {
  const leaves = Array.from({ length: 40 }, (_, i) => leafHash(Buffer.from([i, i * 7])))
  const reader = strictReader(await grow(leaves))
  const roots = [EMPTY_TREE_HASH, ...leaves.map((_, n) => mth(leaves.slice(0, n + 1)))]

  it('proves every leaf as RFC 9162 defines, and no tampered proof verifies', async () => {
    for (let t = 1; t <= 40; t++) {
      const root = roots[t] as Buffer
      for (let n = 0; n < t; n++) {
        const proof = await proveRecord(t, n, reader)
        const leaf = leaves[n] as Buffer
        expect(proof.map(hex)).toEqual(path(n, leaves.slice(0, t)).map(hex))
        expect(checkRecord(proof, t, root, n, leaf)).toBe(true)

        const wrong: Array<[string, boolean]> = [
          ['other leaf', checkRecord(proof, t, root, n, some)],
          ['other root', checkRecord(proof, t, some, n, leaf)],
          ['index past the end', checkRecord(proof, t, root, t, leaf)],
          ['extra hash at the end', checkRecord([...proof, some], t, root, n, leaf)],
          ['extra hash in front', checkRecord([some, ...proof], t, root, n, leaf)],
          ['short hash', checkRecord([...proof.slice(1), Buffer.alloc(3)], t, root, n, leaf)],
        ]
        if (n > 0) wrong.push(['index − 1', checkRecord(proof, t, root, n - 1, leaf)])
        if (n + 1 < t) wrong.push(['index + 1', checkRecord(proof, t, root, n + 1, leaf)])
        if (proof.length > 0)
          wrong.push(['last hash dropped', checkRecord(proof.slice(0, -1), t, root, n, leaf)])
        proof.forEach((_, i) => {
          const tampered = proof.map((h, j) => (i === j ? flip(h, 11) : h))
          wrong.push([`bit flipped in hash ${i}`, checkRecord(tampered, t, root, n, leaf)])
        })
        expect(
          wrong.filter(([, accepted]) => accepted),
          `t=${t} n=${n}`,
        ).toEqual([])
      }
    }
  })

  it('proves every earlier tree consistent as RFC 9162 defines, and no tampered proof verifies', async () => {
    for (let t = 1; t <= 40; t++) {
      const root = roots[t] as Buffer
      for (let n = 1; n <= t; n++) {
        const earlier = roots[n] as Buffer
        const proof = await proveTree(t, n, reader)
        expect(proof.map(hex)).toEqual(n === t ? [] : consistency(n, leaves.slice(0, t)).map(hex))
        expect(checkTree(proof, t, root, n, earlier)).toBe(true)
        if (n === t) {
          expect(checkTree([some], t, root, n, earlier)).toBe(false)
          if (t > 1) expect(checkTree(proof, t, root, n, roots[n - 1] as Buffer)).toBe(false)
          continue
        }
        const wrong: Array<[string, boolean]> = [
          ['other earlier root', checkTree(proof, t, root, n, some)],
          ['other root', checkTree(proof, t, some, n, earlier)],
          ['roots swapped', checkTree(proof, t, earlier, n, root)],
          ['empty proof', checkTree([], t, root, n, earlier)],
          ['earlier size − 1', n > 1 && checkTree(proof, t, root, n - 1, earlier)],
          ['earlier size + 1', checkTree(proof, t, root, n + 1, earlier)],
          ['extra hash at the end', checkTree([...proof, some], t, root, n, earlier)],
          ['extra hash in front', checkTree([some, ...proof], t, root, n, earlier)],
          ['first hash repeated', checkTree([proof[0]!, ...proof], t, root, n, earlier)],
          ['last hash dropped', checkTree(proof.slice(0, -1), t, root, n, earlier)],
          ['shrinking', checkTree(proof, n, earlier, t, root)],
        ]
        proof.forEach((_, i) => {
          const tampered = proof.map((h, j) => (i === j ? flip(h, 4) : h))
          wrong.push([`bit flipped in hash ${i}`, checkTree(tampered, t, root, n, earlier)])
        })
        expect(
          wrong.filter(([, accepted]) => accepted),
          `t=${t} n=${n}`,
        ).toEqual([])
      }
    }
  })

  it('treats the empty tree as a prefix of every tree, and only the empty tree', async () => {
    expect(await proveTree(5, 0, reader)).toEqual([])
    expect(checkTree([], 5, roots[5] as Buffer, 0, EMPTY_TREE_HASH)).toBe(true)
    expect(checkTree([], 5, roots[5] as Buffer, 0, some)).toBe(false)
    expect(checkTree([some], 5, roots[5] as Buffer, 0, EMPTY_TREE_HASH)).toBe(false)
    expect(checkRecord([], 0, EMPTY_TREE_HASH, 0, some)).toBe(false)
  })
})
