import { HASH_SIZE } from './merkle'
import { openNote, signNote, type Signer, type Verifier } from './note'

/**
 * C2SP tlog-checkpoint bodies (https://c2sp.org/tlog-checkpoint):
 *
 *   <origin>
 *   <tree size in decimal>
 *   <base64 root hash>
 *   [extension lines]
 *
 * each line ending in a newline, signed as a note whose key name is the origin.
 */

export type Checkpoint = {
  origin: string
  size: number
  rootHash: Buffer
  extensions: string[]
}

export class CheckpointError extends Error {
  override name = 'CheckpointError'
}

export function formatCheckpoint(checkpoint: Checkpoint): string {
  const { origin, size, rootHash, extensions } = checkpoint
  if (origin === '' || origin.includes('\n')) throw new CheckpointError('invalid origin')
  if (!Number.isSafeInteger(size) || size < 0) throw new CheckpointError(`invalid size ${size}`)
  if (rootHash.length !== HASH_SIZE) throw new CheckpointError('the root hash must be 32 bytes')
  if (extensions.some((line) => line === '' || line.includes('\n'))) {
    throw new CheckpointError('extension lines must be non-empty single lines')
  }
  const lines = [origin, String(size), rootHash.toString('base64'), ...extensions]
  return lines.map((line) => `${line}\n`).join('')
}

/** Parses a checkpoint body, refusing anything formatCheckpoint would not have written. */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw new CheckpointError('a checkpoint ends with a newline')
  const [origin = '', sizeText = '', rootText = '', ...extensions] = text.slice(0, -1).split('\n')
  if (origin === '') throw new CheckpointError('the origin line is empty')
  if (!/^(0|[1-9][0-9]*)$/.test(sizeText) || !Number.isSafeInteger(Number(sizeText))) {
    throw new CheckpointError(`invalid tree size ${JSON.stringify(sizeText)}`)
  }
  const rootHash = Buffer.from(rootText, 'base64')
  if (rootHash.length !== HASH_SIZE || rootHash.toString('base64') !== rootText) {
    throw new CheckpointError(`invalid root hash ${JSON.stringify(rootText)}`)
  }
  if (extensions.some((line) => line === '')) {
    throw new CheckpointError('extension lines must not be empty')
  }
  return { origin, size: Number(sizeText), rootHash, extensions }
}

/** The checkpoint as a signed note, signed by the log's key (whose name is the origin). */
export function signCheckpoint(checkpoint: Checkpoint, signer: Signer): string {
  if (signer.name !== checkpoint.origin) {
    throw new CheckpointError(`the key ${signer.name} is not the key of ${checkpoint.origin}`)
  }
  return signNote(formatCheckpoint(checkpoint), [signer])
}

/**
 * The checkpoint in a signed note, once the log's own signature has verified: the
 * verifier's name must be the origin. Throws NoteError or CheckpointError otherwise.
 */
export function openCheckpoint(signed: string | Uint8Array, log: Verifier): Checkpoint {
  const { text } = openNote(signed, [log])
  const checkpoint = parseCheckpoint(text)
  if (checkpoint.origin !== log.name) {
    throw new CheckpointError(`the checkpoint is for ${checkpoint.origin}, not ${log.name}`)
  }
  return checkpoint
}
