import { createHash, randomBytes } from 'node:crypto'
import { MAX_ENTRY_BYTES } from './tiles'

/**
 * How an event becomes a leaf of the log.
 *
 * An event's canonical encoding is the UTF-8 of one line of JSON with no whitespace, keys
 * sorted (recursively, by UTF-16 code units, as RFC 8785 sorts them), and the timestamp as
 * an ISO 8601 string in UTC with milliseconds:
 *
 *   {"actor":"system","data":{"a":1},"dutyId":null,"id":"…","occurredAt":"2025-…Z",
 *    "public":true,"reportId":7,"seq":42,"type":"report.created"}
 *
 * A public event's leaf is that encoding, so anyone reading the entry bundles reads the
 * event. A private event's leaf is `private\n` and the hex SHA-256 of a secret 32-byte salt
 * followed by the encoding: it commits to the event without publishing anything about it,
 * and the salt makes it impossible to confirm a guess. Whoever holds the event and its
 * salt can show that the leaf is that event.
 */

export const SALT_BYTES = 32
const PRIVATE_PREFIX = 'private\n'

export type LogEvent = {
  seq: number
  id: string
  type: string
  reportId: number | null
  dutyId: number | null
  actor: string
  public: boolean
  /** A JSON value, as the database returns it. */
  data: unknown
  occurredAt: Date
}

export class LeafError extends Error {
  override name = 'LeafError'
}

/** A fresh salt for a private event, to be kept with it and never published. */
export function newLeafSalt(): Buffer {
  return randomBytes(SALT_BYTES)
}

/** The leaf for an event: its canonical encoding if public, a salted commitment if not. */
export function eventLeaf(event: LogEvent, salt?: Uint8Array | null): Buffer {
  const canonical = canonicalEvent(event)
  if (event.public) {
    if (salt) throw new LeafError(`public event ${event.id} has a salt; its leaf is in the clear`)
    if (canonical.length > MAX_ENTRY_BYTES) {
      throw new LeafError(`event ${event.id} encodes to ${canonical.length} bytes, over 65535`)
    }
    return canonical
  }
  if (!salt || salt.length !== SALT_BYTES) {
    throw new LeafError(`private event ${event.id} needs its ${SALT_BYTES}-byte salt`)
  }
  const commitment = createHash('sha256').update(salt).update(canonical).digest('hex')
  return Buffer.from(`${PRIVATE_PREFIX}${commitment}`, 'utf8')
}

/** Whether a published leaf is a private event's commitment rather than an event. */
export function isPrivateLeaf(leaf: Uint8Array): boolean {
  return Buffer.from(leaf).toString('utf8').startsWith(PRIVATE_PREFIX)
}

/** The canonical encoding of an event, the same bytes for the same event on any machine. */
export function canonicalEvent(event: LogEvent): Buffer {
  if (!Number.isSafeInteger(event.seq) || event.seq < 0) {
    throw new LeafError(`event ${event.id} has an invalid seq ${event.seq}`)
  }
  if (Number.isNaN(event.occurredAt.getTime())) {
    throw new LeafError(`event ${event.id} has an invalid time`)
  }
  const record = {
    seq: event.seq,
    id: event.id,
    type: event.type,
    reportId: event.reportId,
    dutyId: event.dutyId,
    actor: event.actor,
    public: event.public,
    data: event.data,
    occurredAt: event.occurredAt.toISOString(),
  }
  return Buffer.from(canonicalJson(record), 'utf8')
}

/**
 * JSON with object keys sorted recursively and no whitespace. Members whose value is
 * undefined are left out, as JSON.stringify and the database leave them out; anything
 * JSON cannot hold (NaN, Infinity, bigint, functions, class instances) is an error.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    return JSON.stringify(value)
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new LeafError(`${value} cannot be encoded as JSON`)
    return JSON.stringify(value)
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (typeof value === 'object' && isPlainObject(value)) {
    const record = value as Record<string, unknown>
    const members = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`)
    return `{${members.join(',')}}`
  }
  throw new LeafError(`a ${typeof value} cannot be encoded as JSON`)
}

function isPlainObject(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}
