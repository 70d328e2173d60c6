import { describe, expect, it } from 'vitest'
import { rootFromLeafHashes } from '../../app/transparency/frontier'
import { arrayHashReader, leafHash, storedHashesForBatch } from '../../app/transparency/merkle'
import {
  formatEntryBundle,
  MAX_ENTRY_BYTES,
  newTiles,
  parseEntryBundle,
  parseTileData,
  parseTilePath,
  readTileData,
  tileHashIndexes,
  tileInTree,
  tileLeaves,
  tilePath,
  type Tile,
} from '../../app/transparency/tiles'

describe('tile paths', () => {
  it('writes the paths of the C2SP spec and of Go tlog, and reads them back', () => {
    const cases: Array<[Tile, string]> = [
      [{ level: 0, index: 1234067, width: 256 }, 'tile/0/x001/x234/067'],
      [{ level: 0, index: 1234, width: 5 }, 'tile/0/x001/234.p/5'],
      [{ level: 4, index: 1234067, width: 1 }, 'tile/4/x001/x234/067.p/1'],
      [{ level: 2, index: 0, width: 256 }, 'tile/2/000'],
      [{ level: 63, index: 999, width: 255 }, 'tile/63/999.p/255'],
      [{ level: 1, index: 1000, width: 256 }, 'tile/1/x001/000'],
      [{ level: 'entries', index: 123456789, width: 256 }, 'tile/entries/x123/x456/789'],
      [{ level: 'entries', index: 3, width: 17 }, 'tile/entries/003.p/17'],
    ]
    for (const [tile, path] of cases) {
      expect(tilePath(tile)).toBe(path)
      expect(parseTilePath(path)).toEqual(tile)
    }
  })

  it('refuses every path tilePath would not have written', () => {
    for (const path of [
      'tile/0/1234',
      'tile/0/01',
      'tile/0/x001/x234',
      'tile/0/x000/001',
      'tile/0/001/234',
      'tile/0/000.p/256',
      'tile/0/000.p/0',
      'tile/0/000.p/05',
      'tile/0/000.p/',
      'tile/64/000',
      'tile/01/000',
      'tile/-1/000',
      'tile/data/000',
      'tile/8/0/000',
      '/tile/0/000',
      'tile/0/000/',
      'tile/entries/000.p/300',
    ]) {
      expect(parseTilePath(path), path).toBeNull()
    }
    expect(() => tilePath({ level: 64, index: 0, width: 1 })).toThrow()
    expect(() => tilePath({ level: 0, index: 0, width: 257 })).toThrow()
  })
})

describe('which tiles a tree has', () => {
  it('lists the tiles of the spec’s 70,000-leaf example', () => {
    const tiles = newTiles(0, 70_000)
    const hashes = tiles.filter((t) => t.level !== 'entries')
    const full = (level: number) => hashes.filter((t) => t.level === level && t.width === 256)
    const partial = (level: number) => hashes.filter((t) => t.level === level && t.width < 256)
    expect(full(0)).toHaveLength(273)
    expect(partial(0)).toEqual([{ level: 0, index: 273, width: 112 }])
    expect(full(1)).toHaveLength(1)
    expect(partial(1)).toEqual([{ level: 1, index: 1, width: 17 }])
    expect(full(2)).toHaveLength(0)
    expect(partial(2)).toEqual([{ level: 2, index: 0, width: 1 }])
    expect(hashes.some((t) => (t.level as number) > 2)).toBe(false)
    // One entry bundle per level-0 tile.
    expect(tiles.filter((t) => t.level === 'entries')).toHaveLength(274)
    for (const tile of tiles) expect(tileInTree(tile, 70_000)).toBe(true)
  })

  it('makes a tree of 256 one full level-0 tile and a level-1 tile of width 1', () => {
    expect(newTiles(0, 256)).toEqual([
      { level: 0, index: 0, width: 256 },
      { level: 'entries', index: 0, width: 256 },
      { level: 1, index: 0, width: 1 },
    ])
  })

  it('lists only what a batch changed', () => {
    expect(newTiles(300, 300)).toEqual([])
    expect(newTiles(300, 301)).toEqual([
      { level: 0, index: 1, width: 45 },
      { level: 'entries', index: 1, width: 45 },
    ])
    expect(newTiles(500, 520)).toEqual([
      { level: 0, index: 1, width: 256 },
      { level: 0, index: 2, width: 8 },
      { level: 'entries', index: 1, width: 256 },
      { level: 'entries', index: 2, width: 8 },
      { level: 1, index: 0, width: 2 },
    ])
  })

  it('knows whether a tile is inside a tree of a given size', () => {
    expect(tileInTree({ level: 0, index: 0, width: 10 }, 10)).toBe(true)
    expect(tileInTree({ level: 0, index: 0, width: 11 }, 10)).toBe(false)
    expect(tileInTree({ level: 0, index: 1, width: 256 }, 511)).toBe(false)
    expect(tileInTree({ level: 1, index: 0, width: 1 }, 255)).toBe(false)
    expect(tileInTree({ level: 1, index: 0, width: 2 }, 512)).toBe(true)
    expect(tileInTree({ level: 'entries', index: 1, width: 3 }, 259)).toBe(true)
    expect(tileLeaves({ level: 'entries', index: 2, width: 7 })).toEqual({ start: 512, count: 7 })
    expect(() => tileLeaves({ level: 1, index: 0, width: 1 })).toThrow()
  })
})

describe('tile contents', async () => {
  const entries = Array.from({ length: 600 }, (_, i) => Buffer.from(`entry ${i}`))
  const leaves = entries.map(leafHash)
  const { hashes } = await storedHashesForBatch(0, leaves, arrayHashReader([]))
  const reader = arrayHashReader(hashes)

  it('holds the leaf hashes at level 0 and the roots of full level-0 tiles at level 1', async () => {
    const level0 = parseTileData(
      await readTileData({ level: 0, index: 1, width: 256 }, reader),
      256,
    )
    expect(level0.map((h) => h.toString('hex'))).toEqual(
      leaves.slice(256, 512).map((h) => h.toString('hex')),
    )
    const level1 = parseTileData(await readTileData({ level: 1, index: 0, width: 2 }, reader))
    expect(level1).toHaveLength(2)
    expect(level1[0]).toEqual(rootFromLeafHashes(leaves.slice(0, 256)))
    expect(level1[1]).toEqual(rootFromLeafHashes(leaves.slice(256, 512)))
    expect(tileHashIndexes({ level: 1, index: 0, width: 2 })).toEqual([510, 1021])
  })

  it('never changes a tile as it grows: a partial tile is a prefix of the wider one', async () => {
    const partial = await readTileData({ level: 0, index: 2, width: 40 }, reader)
    const wider = await readTileData({ level: 0, index: 2, width: 88 }, reader)
    expect(partial).toHaveLength(40 * 32)
    expect(wider.subarray(0, partial.length)).toEqual(partial)
  })

  it('refuses tile bytes that are not whole hashes, or not the width asked for', () => {
    expect(() => parseTileData(Buffer.alloc(33))).toThrow()
    expect(() => parseTileData(Buffer.alloc(0))).toThrow()
    expect(() => parseTileData(Buffer.alloc(257 * 32))).toThrow()
    expect(() => parseTileData(Buffer.alloc(64), 3)).toThrow()
    expect(() => tileHashIndexes({ level: 'entries', index: 0, width: 1 })).toThrow()
  })

  it('bundles entries with uint16 lengths, each hashing to its level-0 tile hash', async () => {
    const bundle = formatEntryBundle(entries.slice(0, 256))
    expect(bundle.subarray(0, 9)).toEqual(Buffer.from([0, 7, ...Buffer.from('entry 0')]))
    const parsed = parseEntryBundle(bundle, 256)
    const tile = parseTileData(await readTileData({ level: 0, index: 0, width: 256 }, reader))
    expect(parsed.map(leafHash)).toEqual(tile)
  })

  it('carries empty and maximum-size entries, and refuses bundles that do not parse exactly', () => {
    const big = Buffer.alloc(MAX_ENTRY_BYTES, 7)
    const bundle = formatEntryBundle([Buffer.alloc(0), big, Buffer.from('x')])
    expect(parseEntryBundle(bundle, 3)).toEqual([Buffer.alloc(0), big, Buffer.from('x')])
    expect(() => formatEntryBundle([Buffer.alloc(MAX_ENTRY_BYTES + 1)])).toThrow()
    expect(() => formatEntryBundle([])).toThrow()
    expect(() => parseEntryBundle(bundle.subarray(0, bundle.length - 1))).toThrow()
    expect(() => parseEntryBundle(Buffer.concat([bundle, Buffer.from([0])]))).toThrow()
    expect(() => parseEntryBundle(bundle, 2)).toThrow()
    expect(() => parseEntryBundle(Buffer.alloc(0))).toThrow()
  })
})
