import { Transform } from 'node:stream'

/**
 * React 18.3's streaming renderer pads its 2 KB chunk with 0x00 bytes when a 3-byte character
 * (most Chinese) does not fit at the chunk's end, and then writes that character in full at the
 * start of the next chunk (facebook/react#26228, fixed only in React 19). The padding is extra
 * bytes, nothing is cut, and in UTF-8 a 0x00 byte is never part of another character; our
 * pages never carry a NUL of their own (the database refuses them, see db/nul-free.ts). So
 * dropping every 0x00 byte gives back exactly the document React meant to send.
 */
export function withoutNulBytes(bytes: Uint8Array): Uint8Array {
  let at = bytes.indexOf(0)
  if (at === -1) return bytes
  const out = Buffer.allocUnsafe(bytes.length)
  let length = 0
  let from = 0
  while (at !== -1) {
    out.set(bytes.subarray(from, at), length)
    length += at - from
    from = at + 1
    at = bytes.indexOf(0, from)
  }
  out.set(bytes.subarray(from), length)
  length += bytes.length - from
  return out.subarray(0, length)
}

/** The response body that React's stream is piped into: the same bytes, less the padding. */
export function nulFreeBody(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, withoutNulBytes(chunk))
    },
  })
}

/** The same repair for a rendered string (emails): a U+0000 is that padding, decoded. */
export function withoutNul(text: string): string {
  return text.replaceAll('\0', '')
}
