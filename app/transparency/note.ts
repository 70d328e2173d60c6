import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto'

/**
 * C2SP signed notes (https://c2sp.org/signed-note) with Ed25519 keys, byte for byte as
 * golang.org/x/mod/sumdb/note writes and reads them:
 *
 *   <text, ending in a newline>
 *   <blank line>
 *   — <key name> <base64(key ID || signature)>
 *
 * The key ID is the first four bytes of SHA-256(name || 0x0A || 0x01 || public key).
 * A verifier key is `<name>+<key ID hex>+<base64(0x01 || public key)>`; a signer key is
 * `PRIVATE+KEY+<name>+<key ID hex>+<base64(0x01 || seed)>` and must stay secret.
 */

const ED25519 = 0x01
const KEY_BYTES = 32
const SIGNATURE_BYTES = 64
const SIGNATURE_PREFIX = '\u2014 '
/** Go's note.Open gives up after this many signatures; the spec asks for at least 16. */
const MAX_SIGNATURES = 100
const MAX_NOTE_BYTES = 1_000_000
// DER header of a PKCS #8 Ed25519 private key, before its 32-byte seed (RFC 8410).
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex')

export type Verifier = {
  readonly name: string
  readonly keyId: number
  verify(message: Uint8Array, signature: Uint8Array): boolean
}

export type Signer = {
  readonly name: string
  readonly keyId: number
  /** The matching verifier key, to publish. */
  readonly verifierKey: string
  sign(message: Uint8Array): Buffer
}

/** A note whose signatures verified; `signers` lists the known keys that signed it. */
export type OpenedNote = {
  text: string
  signers: Array<{ name: string; keyId: number }>
}

export class NoteError extends Error {
  override name = 'NoteError'
}

/** A new Ed25519 key pair for `name`, as a signer key (secret) and a verifier key. */
export function generateNoteKeys(name: string): { signerKey: string; verifierKey: string } {
  assertName(name)
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  const seed = rawKey(privateKey.export({ format: 'jwk' }).d)
  const pub = rawKey(publicKey.export({ format: 'jwk' }).x)
  const id = keyIdHex(name, pub)
  const secret = Buffer.concat([Uint8Array.of(ED25519), seed]).toString('base64')
  return {
    signerKey: `PRIVATE+KEY+${name}+${id}+${secret}`,
    verifierKey: verifierKeyFor(name, pub),
  }
}

/** The verifier key string for an Ed25519 public key. */
export function verifierKeyFor(name: string, publicKey: Uint8Array): string {
  assertName(name)
  if (publicKey.length !== KEY_BYTES) throw new NoteError('an Ed25519 public key is 32 bytes')
  const encoded = Buffer.concat([Uint8Array.of(ED25519), publicKey]).toString('base64')
  return `${name}+${keyIdHex(name, publicKey)}+${encoded}`
}

export function createVerifier(verifierKey: string): Verifier {
  const [name = '', idHex = '', keyText = ''] = splitKey(verifierKey, 3)
  const key = decodeKey(keyText)
  if (!isValidName(name) || !key || !/^[0-9a-f]{8}$/.test(idHex)) {
    throw new NoteError('malformed verifier key')
  }
  if (key[0] !== ED25519 || key.length !== 1 + KEY_BYTES) {
    throw new NoteError('the verifier key is not an Ed25519 key')
  }
  const pub = key.subarray(1)
  if (keyIdHex(name, pub) !== idHex) throw new NoteError('the verifier key ID does not match')
  const publicKey = publicKeyFromRaw(pub)
  return {
    name,
    keyId: Number.parseInt(idHex, 16),
    verify: (message, signature) =>
      signature.length === SIGNATURE_BYTES && verify(null, message, publicKey, signature),
  }
}

export function createSigner(signerKey: string): Signer {
  const [private1, private2, name = '', idHex = '', keyText = ''] = splitKey(signerKey, 5)
  const key = decodeKey(keyText)
  const wellFormed =
    private1 === 'PRIVATE' &&
    private2 === 'KEY' &&
    isValidName(name) &&
    key !== null &&
    /^[0-9a-f]{8}$/.test(idHex)
  if (!wellFormed) throw new NoteError('malformed signer key')
  if (key[0] !== ED25519 || key.length !== 1 + KEY_BYTES) {
    throw new NoteError('the signer key is not an Ed25519 key')
  }
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, key.subarray(1)]),
    format: 'der',
    type: 'pkcs8',
  })
  const pub = rawKey(createPublicKey(privateKey).export({ format: 'jwk' }).x)
  if (keyIdHex(name, pub) !== idHex) throw new NoteError('the signer key ID does not match')
  return {
    name,
    keyId: Number.parseInt(idHex, 16),
    verifierKey: verifierKeyFor(name, pub),
    sign: (message) => sign(null, message, privateKey),
  }
}

/** The signed note: `text` (which must end in a newline), a blank line, one line per signer. */
export function signNote(text: string, signers: readonly Signer[]): string {
  if (!text.endsWith('\n')) throw new NoteError('the note text must end with a newline')
  const bytes = noteBytes(text)
  assertNoteCharacters(bytes.toString('utf8'))
  const lines = signers.map((signer) => {
    assertName(signer.name)
    const id = Buffer.alloc(4)
    id.writeUInt32BE(signer.keyId)
    const signature = Buffer.concat([id, signer.sign(bytes)]).toString('base64')
    return `${SIGNATURE_PREFIX}${signer.name} ${signature}\n`
  })
  if (lines.length === 0) throw new NoteError('a note needs at least one signature')
  return `${text}\n${lines.join('')}`
}

/**
 * The note's text, once at least one signature by a known key has verified. Signatures by
 * unknown keys are ignored; a failing signature by a known key rejects the note, as does
 * anything that is not exactly a signed note.
 */
export function openNote(note: string | Uint8Array, known: readonly Verifier[]): OpenedNote {
  const bytes = noteBytes(note)
  if (bytes.length > MAX_NOTE_BYTES) throw new NoteError('the note is too large')
  const message = bytes.toString('utf8')
  assertNoteCharacters(message)

  const split = message.lastIndexOf('\n\n')
  if (split < 0) throw new NoteError('malformed note: no blank line before the signatures')
  const text = message.slice(0, split + 1)
  const block = message.slice(split + 2)
  if (block === '' || !block.endsWith('\n')) {
    throw new NoteError('malformed note: the signatures must end with a newline')
  }
  const lines = block.slice(0, -1).split('\n')
  if (lines.length > MAX_SIGNATURES) throw new NoteError('the note has too many signatures')

  const signed = Buffer.from(text, 'utf8')
  const signers: OpenedNote['signers'] = []
  const seen = new Set<string>()
  for (const line of lines) {
    const { name, keyId, signature } = parseSignatureLine(line)
    const verifier = known.find((v) => v.name === name && v.keyId === keyId)
    const key = `${name}+${keyId}`
    if (!verifier || seen.has(key)) continue
    seen.add(key)
    if (!verifier.verify(signed, signature)) {
      throw new NoteError(`the signature by ${name} does not verify`)
    }
    signers.push({ name, keyId })
  }
  if (signers.length === 0) throw new NoteError('the note has no signature by a known key')
  return { text, signers }
}

function parseSignatureLine(line: string): { name: string; keyId: number; signature: Buffer } {
  if (!line.startsWith(SIGNATURE_PREFIX)) {
    throw new NoteError('malformed note: a signature line must start with an em dash')
  }
  const rest = line.slice(SIGNATURE_PREFIX.length)
  const space = rest.indexOf(' ')
  const name = space < 0 ? rest : rest.slice(0, space)
  const raw = space < 0 ? null : decodeKey(rest.slice(space + 1))
  if (!isValidName(name) || !raw || raw.length < 5) {
    throw new NoteError('malformed note: bad signature line')
  }
  return { name, keyId: raw.readUInt32BE(0), signature: raw.subarray(4) }
}

/** The key's plus-separated fields; the last is the base64 key, which may hold pluses itself. */
function splitKey(key: string, fields: number): string[] {
  const parts = key.split('+')
  const head = parts.slice(0, fields - 1)
  while (head.length < fields - 1) head.push('')
  return [...head, parts.slice(fields - 1).join('+')]
}

function keyIdHex(name: string, publicKey: Uint8Array): string {
  return createHash('sha256')
    .update(name, 'utf8')
    .update(Uint8Array.of(0x0a, ED25519))
    .update(publicKey)
    .digest()
    .subarray(0, 4)
    .toString('hex')
}

function publicKeyFromRaw(raw: Uint8Array): KeyObject {
  return createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') },
    format: 'jwk',
  })
}

function rawKey(base64url: string | undefined): Buffer {
  const raw = Buffer.from(base64url ?? '', 'base64url')
  if (raw.length !== KEY_BYTES) throw new NoteError('unexpected Ed25519 key encoding')
  return raw
}

/** Strict standard base64: Node's decoder skips junk, so insist the text round-trips. */
function decodeKey(text: string): Buffer | null {
  if (text === '') return null
  const bytes = Buffer.from(text, 'base64')
  return bytes.toString('base64') === text ? bytes : null
}

/** Non-empty, no Unicode space (Go's unicode.IsSpace) and no plus sign. */
function isValidName(name: string): boolean {
  return name !== '' && !/[\s\u0085+]/u.test(name) && noteBytes(name).toString('utf8') === name
}

function assertName(name: string): void {
  if (!isValidName(name)) throw new NoteError(`invalid key name ${JSON.stringify(name)}`)
}

/** UTF-8 bytes of a note; bytes that are not valid UTF-8, or a string that is not, fail. */
function noteBytes(note: string | Uint8Array): Buffer {
  if (typeof note !== 'string') {
    try {
      new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(note)
    } catch {
      throw new NoteError('the note is not valid UTF-8')
    }
    return Buffer.from(note)
  }
  const bytes = Buffer.from(note, 'utf8')
  if (bytes.toString('utf8') !== note) throw new NoteError('the note is not valid UTF-8')
  return bytes
}

function assertNoteCharacters(text: string): void {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0009\u000b-\u001f]/.test(text)) {
    throw new NoteError('the note contains a control character other than newline')
  }
}
