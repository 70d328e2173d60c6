import { HASH_SIZE, storedHashIndex, type HashReader } from './merkle'

/**
 * The log's tree and entries as C2SP tlog-tiles (https://c2sp.org/tlog-tiles): immutable
 * files a CDN may cache forever, from which anyone computes any proof.
 *
 * A hash tile at level L holds up to 256 consecutive hashes of stored level 8·L, each the
 * root of a full tile on the level below; an entry bundle holds the leaf data of the
 * corresponding level-0 tile. Only the rightmost tiles of each level are partial.
 */

export const TILE_HEIGHT = 8
export const TILE_WIDTH = 2 ** TILE_HEIGHT
/** An entry in a bundle is prefixed by its length as a big-endian uint16. */
export const MAX_ENTRY_BYTES = 0xffff

const MAX_LEVEL = 63
const PATH_BASE = 1000
const TILE_PATH =
  /^tile\/(entries|0|[1-9][0-9]?)\/((?:x[0-9]{3}\/)*)([0-9]{3})(?:\.p\/([1-9][0-9]{0,2}))?$/

/** A hash tile (level 0…63) or an entry bundle, `index` within its level, 1…256 wide. */
export type Tile = { level: number | 'entries'; index: number; width: number }

export class TileError extends Error {
  override name = 'TileError'
}

/** `tile/<L>/<N>[.p/<W>]` or `tile/entries/<N>[.p/<W>]`, N in x-prefixed 3-digit elements. */
export function tilePath(tile: Tile): string {
  assertTile(tile)
  let n = tile.index
  let elements = String(n % PATH_BASE).padStart(3, '0')
  while (n >= PATH_BASE) {
    n = Math.floor(n / PATH_BASE)
    elements = `x${String(n % PATH_BASE).padStart(3, '0')}/${elements}`
  }
  const partial = tile.width === TILE_WIDTH ? '' : `.p/${tile.width}`
  return `tile/${tile.level}/${elements}${partial}`
}

/** The tile a path names, or null when the path is not exactly one tilePath would write. */
export function parseTilePath(path: string): Tile | null {
  const match = TILE_PATH.exec(path)
  if (!match) return null
  const [, levelText = '', prefixes = '', last = '', widthText] = match
  const level: Tile['level'] = levelText === 'entries' ? 'entries' : Number(levelText)
  let index = 0
  for (const element of [...prefixes.split('/').filter(Boolean), `x${last}`]) {
    index = index * PATH_BASE + Number(element.slice(1))
  }
  const width = widthText === undefined ? TILE_WIDTH : Number(widthText)
  const tile: Tile = { level, index, width }
  if (!isTile(tile) || tilePath(tile) !== path) return null
  return tile
}

/** Whether every hash (or entry) of the tile is in a tree of `treeSize` leaves. */
export function tileInTree(tile: Tile, treeSize: number): boolean {
  return isTile(tile) && tile.index * TILE_WIDTH + tile.width <= hashesAtLevel(tile, treeSize)
}

/**
 * The tiles and entry bundles that appear or grow when the tree grows from `oldSize` to
 * `newSize` leaves: full tiles completed by the growth, then the new partial tile, per level.
 */
export function newTiles(oldSize: number, newSize: number): Tile[] {
  const tiles: Tile[] = []
  for (let level = 0; Math.floor(newSize / TILE_WIDTH ** level) > 0; level++) {
    const oldCount = Math.floor(oldSize / TILE_WIDTH ** level)
    const newCount = Math.floor(newSize / TILE_WIDTH ** level)
    if (oldCount === newCount) continue
    const levels: Tile['level'][] = level === 0 ? [0, 'entries'] : [level]
    const lastFull = Math.floor(newCount / TILE_WIDTH)
    for (const l of levels) {
      for (let index = Math.floor(oldCount / TILE_WIDTH); index < lastFull; index++) {
        tiles.push({ level: l, index, width: TILE_WIDTH })
      }
      const width = newCount - lastFull * TILE_WIDTH
      if (width > 0) tiles.push({ level: l, index: lastFull, width })
    }
  }
  return tiles
}

/** The leaves an entry bundle (or level-0 tile) covers: [start, start + count). */
export function tileLeaves(tile: Tile): { start: number; count: number } {
  assertTile(tile)
  if (tile.level !== 'entries' && tile.level !== 0) {
    throw new TileError(`tile ${tilePath(tile)} holds hashes of subtrees, not leaves`)
  }
  return { start: tile.index * TILE_WIDTH, count: tile.width }
}

/** The stored-hash indexes of a hash tile's hashes, in order. */
export function tileHashIndexes(tile: Tile): number[] {
  assertTile(tile)
  if (tile.level === 'entries') throw new TileError('an entry bundle holds entries, not hashes')
  const storedLevel = tile.level * TILE_HEIGHT
  return Array.from({ length: tile.width }, (_, i) =>
    storedHashIndex(storedLevel, tile.index * TILE_WIDTH + i),
  )
}

/** A hash tile's bytes: its hashes concatenated. */
export async function readTileData(tile: Tile, reader: HashReader): Promise<Buffer> {
  const indexes = tileHashIndexes(tile)
  const hashes = await reader.readHashes(indexes)
  if (hashes.length !== indexes.length || hashes.some((h) => h.length !== HASH_SIZE)) {
    throw new TileError(`could not read the hashes of ${tilePath(tile)}`)
  }
  return Buffer.concat(hashes)
}

/** The hashes in a hash tile's bytes; the width, when given, must match. */
export function parseTileData(data: Uint8Array, width?: number): Buffer[] {
  const count = data.length / HASH_SIZE
  if (!Number.isInteger(count) || count < 1 || count > TILE_WIDTH) {
    throw new TileError(`a tile of ${data.length} bytes is not 1…256 hashes`)
  }
  if (width !== undefined && count !== width) {
    throw new TileError(`the tile holds ${count} hashes, not ${width}`)
  }
  return Array.from({ length: count }, (_, i) =>
    Buffer.from(data.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE)),
  )
}

/** An entry bundle: each entry as a big-endian uint16 length and its bytes. */
export function formatEntryBundle(entries: readonly Uint8Array[]): Buffer {
  if (entries.length < 1 || entries.length > TILE_WIDTH) {
    throw new TileError(`an entry bundle holds 1…256 entries, not ${entries.length}`)
  }
  const parts: Buffer[] = []
  for (const entry of entries) {
    if (entry.length > MAX_ENTRY_BYTES) {
      throw new TileError(`an entry of ${entry.length} bytes is over ${MAX_ENTRY_BYTES}`)
    }
    const length = Buffer.alloc(2)
    length.writeUInt16BE(entry.length)
    parts.push(length, Buffer.from(entry))
  }
  return Buffer.concat(parts)
}

/** The entries of an entry bundle; the width, when given, must match. */
export function parseEntryBundle(data: Uint8Array, width?: number): Buffer[] {
  const bytes = Buffer.from(data)
  const entries: Buffer[] = []
  let at = 0
  while (at < bytes.length) {
    if (at + 2 > bytes.length) throw new TileError('the bundle ends inside a length prefix')
    const length = bytes.readUInt16BE(at)
    if (at + 2 + length > bytes.length) throw new TileError('the bundle ends inside an entry')
    entries.push(bytes.subarray(at + 2, at + 2 + length))
    at += 2 + length
  }
  if (entries.length < 1 || entries.length > TILE_WIDTH) {
    throw new TileError(`an entry bundle holds 1…256 entries, not ${entries.length}`)
  }
  if (width !== undefined && entries.length !== width) {
    throw new TileError(`the bundle holds ${entries.length} entries, not ${width}`)
  }
  return entries
}

function hashesAtLevel(tile: Tile, treeSize: number): number {
  const level = tile.level === 'entries' ? 0 : tile.level
  return Math.floor(treeSize / TILE_WIDTH ** level)
}

function isTile(tile: Tile): boolean {
  const levelOk =
    tile.level === 'entries' ||
    (Number.isInteger(tile.level) && tile.level >= 0 && tile.level <= MAX_LEVEL)
  return (
    levelOk &&
    Number.isSafeInteger(tile.index) &&
    tile.index >= 0 &&
    Number.isInteger(tile.width) &&
    tile.width >= 1 &&
    tile.width <= TILE_WIDTH
  )
}

function assertTile(tile: Tile): void {
  if (!isTile(tile)) throw new TileError(`not a tile: ${JSON.stringify(tile)}`)
}
