import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  createSigner,
  createVerifier,
  generateNoteKeys,
  openNote,
  signNote,
  verifierKeyFor,
} from '../../app/transparency/note'
import {
  formatCheckpoint,
  openCheckpoint,
  parseCheckpoint,
  signCheckpoint,
} from '../../app/transparency/checkpoint'

// From golang.org/x/mod/sumdb/note's package documentation: a signer key, its verifier key,
// and the note it signs. Ed25519 is deterministic, so our signature must match byte for byte.
const GO_SIGNER = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz'
const GO_VERIFIER = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'
const GO_TEXT =
  'If you think cryptography is the answer to your problem,\n' +
  "then you don't know what your problem is.\n"
const GO_NOTE =
  GO_TEXT +
  '\n' +
  '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n'
const GO_ENOCH =
  '— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n'

// From c2sp.org/signed-note: a verifier key and the note it verifies.
const C2SP_VERIFIER = 'example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k'
const C2SP_NOTE =
  'This is an example message.\n' +
  '\n' +
  '— example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n'

// From c2sp.org/tlog-checkpoint: a checkpoint body.
const C2SP_CHECKPOINT =
  'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n'

const origin = 'kaimen.example/log'
/** A verifier key's name, ID and key; the base64 key may itself contain pluses. */
const fields = (vkey: string) => {
  const [name = '', id = '', ...key] = vkey.split('+')
  return [name, id, key.join('+')] as const
}
const keys = generateNoteKeys(origin)
const signer = createSigner(keys.signerKey)
const verifier = createVerifier(keys.verifierKey)
const stranger = generateNoteKeys(origin)

describe('signed notes: the published examples', () => {
  it('signs Go’s example note byte for byte with Go’s example key', () => {
    const goSigner = createSigner(GO_SIGNER)
    expect(goSigner.keyId).toBe(0xc74f20a3)
    expect(signNote(GO_TEXT, [goSigner])).toBe(GO_NOTE)
  })

  it('opens Go’s example note, alone and countersigned by a key it does not know', () => {
    const goVerifier = createVerifier(GO_VERIFIER)
    expect(openNote(GO_NOTE, [goVerifier])).toEqual({
      text: GO_TEXT,
      signers: [{ name: 'PeterNeumann', keyId: 0xc74f20a3 }],
    })
    expect(openNote(GO_NOTE + GO_ENOCH, [goVerifier]).text).toBe(GO_TEXT)
    expect(() => openNote(GO_TEXT + '\n' + GO_ENOCH, [goVerifier])).toThrow(
      /no signature by a known key/,
    )
  })

  it('opens the C2SP signed-note example with its published verifier key', () => {
    expect(openNote(C2SP_NOTE, [createVerifier(C2SP_VERIFIER)]).text).toBe(
      'This is an example message.\n',
    )
    expect(() =>
      openNote(C2SP_NOTE.replace('example.', 'Example.'), [createVerifier(C2SP_VERIFIER)]),
    ).toThrow()
  })
})

describe('signed notes: our keys', () => {
  it('writes keys as name+key ID+base64(0x01 || key), the ID hashed from name and key', () => {
    const [name, id, key] = fields(keys.verifierKey)
    expect(name).toBe(origin)
    const raw = Buffer.from(key, 'base64')
    expect(raw).toHaveLength(33)
    expect(raw[0]).toBe(0x01)
    const expectedId = createHash('sha256')
      .update(Buffer.concat([Buffer.from(`${origin}\n`), raw]))
      .digest()
      .subarray(0, 4)
      .toString('hex')
    expect(id).toBe(expectedId)
    expect(verifierKeyFor(origin, raw.subarray(1))).toBe(keys.verifierKey)
    expect(keys.signerKey).toMatch(
      new RegExp(`^PRIVATE\\+KEY\\+${origin}\\+${id}\\+[A-Za-z0-9+/]{44}$`),
    )
    expect(signer.keyId).toBe(Number.parseInt(id, 16))
  })

  it('reads keys whose base64 holds a plus sign', () => {
    let pair = generateNoteKeys(origin)
    for (
      let i = 0;
      i < 200 &&
      !(fields(pair.verifierKey)[2].includes('+') && pair.signerKey.slice(-44).includes('+'));
      i++
    ) {
      pair = generateNoteKeys(origin)
    }
    expect(fields(pair.verifierKey)[2]).toContain('+')
    expect(pair.signerKey.slice(-44)).toContain('+')
    const note = signNote('plus\n', [createSigner(pair.signerKey)])
    expect(openNote(note, [createVerifier(pair.verifierKey)]).text).toBe('plus\n')
  })

  it('verifies what it signs, and nothing with a changed byte', () => {
    const text = '开门\nline two\n'
    const note = signNote(text, [signer])
    expect(openNote(note, [verifier]).text).toBe(text)
    expect(openNote(Buffer.from(note), [verifier]).text).toBe(text)

    const bytes = Buffer.from(note)
    for (let i = 0; i < bytes.length; i++) {
      const tampered = Buffer.from(bytes)
      tampered[i] = (tampered[i] as number) ^ 0x01
      expect(() => openNote(tampered, [verifier]), `byte ${i}`).toThrow()
    }
  })

  it('ignores signatures by unknown keys, but needs one by a known key', () => {
    const text = 'hello\n'
    const both = signNote(text, [createSigner(stranger.signerKey), signer])
    expect(openNote(both, [verifier]).signers).toEqual([{ name: origin, keyId: signer.keyId }])
    const strangerOnly = signNote(text, [createSigner(stranger.signerKey)])
    expect(() => openNote(strangerOnly, [verifier])).toThrow(/no signature by a known key/)
    expect(() => openNote(signNote(text, [signer]), [])).toThrow(/no signature by a known key/)
  })

  it('rejects a note whose known key’s signature fails, even beside a good one', () => {
    const goodLine = signNote('hello\n', [signer]).split('\n\n')[1]!
    const badLine = signNote('other\n', [signer]).split('\n\n')[1]!
    expect(() => openNote(`hello\n\n${badLine}${goodLine}`, [verifier])).toThrow(/does not verify/)
    expect(() => openNote(`hello\n\n${goodLine}${badLine}`, [verifier]).text).not.toThrow()
  })

  it('rejects malformed notes', () => {
    const good = signNote('hello\n', [signer])
    const [text, sig] = good.split('\n\n') as [string, string]
    const malformed = [
      good.slice(0, -1), // no final newline
      `${text}\n${sig}`, // no blank line
      `${text}\n\n- ${sig.slice(2)}`, // hyphen instead of em dash
      `${text}\n\n—  ${sig.slice(2)}`, // two spaces
      `${text}\n\n${sig.replace(' ', '+x ')}`, // plus in the key name
      `${text}\n\n${sig}\n`, // empty signature line
      `${text}\n\n— ${origin} AAAA\n`, // signature shorter than key ID + 1
      `${text}\n\n— ${origin} ${'@'.repeat(8)}\n`, // not base64
      `hel\tlo\n\n${sig}`, // control character
      `hello\r\n\n${sig}`, // carriage return
      '',
    ]
    for (const note of malformed)
      expect(() => openNote(note, [verifier]), JSON.stringify(note)).toThrow()
    expect(() => openNote(Buffer.from([0x68, 0xff, 0x0a, 0x0a]), [verifier])).toThrow(/UTF-8/)
    expect(() => signNote('no newline', [signer])).toThrow()
    expect(() => signNote('hello\n', [])).toThrow()
  })

  it('refuses keys whose ID does not match, of another algorithm, or with a bad name', () => {
    const [name, id, key] = fields(keys.verifierKey)
    const otherId = id === '00000000' ? '00000001' : '00000000'
    expect(() => createVerifier(`${name}+${otherId}+${key}`)).toThrow(/does not match/)
    expect(() => createVerifier(GO_VERIFIER.replace('c74f20a3', 'C74F20A3'))).toThrow()
    const ecdsa = Buffer.from(key, 'base64')
    ecdsa[0] = 0x02
    expect(() => createVerifier(`${name}+${id}+${ecdsa.toString('base64')}`)).toThrow()
    expect(() => createVerifier(`${name}+${id}`)).toThrow()
    expect(() => createVerifier(`bad name+${id}+${key}`)).toThrow()
    expect(() => createSigner(keys.signerKey.replace(`+${id}+`, `+${otherId}+`))).toThrow(
      /does not match/,
    )
    expect(() => createSigner(keys.signerKey.replace('PRIVATE', 'PUBLIC'))).toThrow()
    expect(() => createSigner(keys.verifierKey)).toThrow()
    expect(() => generateNoteKeys('has space')).toThrow()
    expect(() => generateNoteKeys('a+b')).toThrow()
  })
})

describe('checkpoints', () => {
  const root = createHash('sha256').update('root').digest()

  it('parses the C2SP example and writes it back unchanged', () => {
    const checkpoint = parseCheckpoint(C2SP_CHECKPOINT)
    expect(checkpoint.origin).toBe('example.com/behind-the-sofa')
    expect(checkpoint.size).toBe(20852163)
    expect(checkpoint.rootHash.toString('base64')).toBe(
      'CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=',
    )
    expect(checkpoint.extensions).toEqual([])
    expect(formatCheckpoint(checkpoint)).toBe(C2SP_CHECKPOINT)
  })

  it('keeps extension lines, and the empty tree', () => {
    const text = formatCheckpoint({
      origin,
      size: 0,
      rootHash: root,
      extensions: ['ext one', 'two'],
    })
    expect(text).toBe(`${origin}\n0\n${root.toString('base64')}\next one\ntwo\n`)
    expect(parseCheckpoint(text)).toEqual({
      origin,
      size: 0,
      rootHash: root,
      extensions: ['ext one', 'two'],
    })
  })

  it('refuses anything but the exact format', () => {
    const b64 = root.toString('base64')
    for (const text of [
      `${origin}\n5\n${b64}`, // no final newline
      `\n5\n${b64}\n`, // empty origin
      `${origin}\n05\n${b64}\n`, // leading zero
      `${origin}\n-5\n${b64}\n`,
      `${origin}\n+5\n${b64}\n`,
      `${origin}\n5.0\n${b64}\n`,
      `${origin}\n 5\n${b64}\n`,
      `${origin}\n99999999999999999999\n${b64}\n`, // beyond exact integers
      `${origin}\n5\n${b64.replace(/=$/, '')}\n`, // unpadded base64
      `${origin}\n5\n${Buffer.alloc(31).toString('base64')}\n`, // short hash
      `${origin}\n5\n${b64}\n\n`, // empty extension line
      `${origin}\n5\n`,
    ]) {
      expect(() => parseCheckpoint(text), JSON.stringify(text)).toThrow()
    }
    expect(() =>
      formatCheckpoint({ origin: '', size: 1, rootHash: root, extensions: [] }),
    ).toThrow()
    expect(() => formatCheckpoint({ origin, size: -1, rootHash: root, extensions: [] })).toThrow()
    expect(() => formatCheckpoint({ origin, size: 1, rootHash: root, extensions: [''] })).toThrow()
  })

  it('signs a checkpoint as a note by the origin’s key and opens it with the verifier key', () => {
    const checkpoint = { origin, size: 42, rootHash: root, extensions: [] }
    const signed = signCheckpoint(checkpoint, signer)
    expect(signed).toMatch(
      new RegExp(`^${origin}\\n42\\n[^\\n]+\\n\\n— ${origin} [A-Za-z0-9+/]{91}=\\n$`),
    )
    expect(openCheckpoint(signed, verifier)).toEqual(checkpoint)
    expect(() => openCheckpoint(signed, createVerifier(stranger.verifierKey))).toThrow()
    expect(() => signCheckpoint({ ...checkpoint, origin: 'other.example/log' }, signer)).toThrow()

    const elsewhere = generateNoteKeys('other.example/log')
    const foreign = signNote(formatCheckpoint(checkpoint), [createSigner(elsewhere.signerKey)])
    expect(() => openCheckpoint(foreign, createVerifier(elsewhere.verifierKey))).toThrow(/is for/)
  })
})
