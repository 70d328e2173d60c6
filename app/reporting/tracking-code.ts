import crypto from 'node:crypto'
import { compactTyped } from '../platform/text'

/** No 0/O, 1/I/L: a code read aloud over the phone or copied by hand survives. */
export const TRACKING_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'

/** 'KM-7Q4M-2XHC': 8 random symbols, about 8.5 × 10¹¹ codes. */
export function generateTrackingCode(random: (n: number) => Buffer = crypto.randomBytes): string {
  const symbols: string[] = []
  while (symbols.length < 8) {
    for (const byte of random(16)) {
      // Rejection sampling keeps every symbol equally likely.
      if (byte < 248 && symbols.length < 8) symbols.push(TRACKING_ALPHABET[byte % 31]!)
    }
  }
  return `KM-${symbols.slice(0, 4).join('')}-${symbols.slice(4).join('')}`
}

export function normalizeTrackingCode(input: string): string {
  const compact = compactTyped(input)
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
  // The symbols themselves may spell KM (KM22-2222): the prefix is dropped only when present.
  const body = compact.length === 10 && compact.startsWith('KM') ? compact.slice(2) : compact
  return body.length === 8 ? `KM-${body.slice(0, 4)}-${body.slice(4)}` : compact
}

export function isTrackingCode(value: string): boolean {
  return new RegExp(`^KM-[${TRACKING_ALPHABET}]{4}-[${TRACKING_ALPHABET}]{4}$`).test(value)
}

/** The private follow link's token: 128 bits, URL-safe. */
export function generateFollowToken(): string {
  return crypto.randomBytes(16).toString('base64url')
}
