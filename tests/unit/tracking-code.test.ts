import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  generateFollowToken,
  generateTrackingCode,
  isTrackingCode,
  normalizeTrackingCode,
  TRACKING_ALPHABET,
} from '../../app/reporting/tracking-code'

describe('tracking codes', () => {
  it('look like KM-XXXX-XXXX, without characters that are easy to confuse', () => {
    for (let i = 0; i < 500; i++) {
      const code = generateTrackingCode()
      expect(code).toMatch(/^KM-[0-9A-Z]{4}-[0-9A-Z]{4}$/)
      expect(isTrackingCode(code)).toBe(true)
      expect(code.slice(3)).not.toMatch(/[01OIL]/)
    }
    expect(TRACKING_ALPHABET).toHaveLength(31)
  })

  it('are practically unique', () => {
    const codes = new Set(Array.from({ length: 20_000 }, () => generateTrackingCode()))
    expect(codes.size).toBe(20_000)
  })

  it('use every symbol about equally often (rejection sampling, no modulo bias)', () => {
    const counts = new Map<string, number>()
    for (let i = 0; i < 6_000; i++)
      for (const ch of generateTrackingCode().slice(3).replace('-', ''))
        counts.set(ch, (counts.get(ch) ?? 0) + 1)
    expect(counts.size).toBe(31)
    const expected = (6_000 * 8) / 31
    for (const n of counts.values()) expect(Math.abs(n - expected) / expected).toBeLessThan(0.15)
  })

  it('skip random bytes that would bias the draw', () => {
    // 248 and above are rejected; 0 → '2', 31 → '2', 30 → 'Z'.
    const bytes = [255, 250, 248, 0, 31, 30, 1, 2, 3, 4, 5]
    const random = (n: number) =>
      Buffer.from(bytes.splice(0, n).concat(Array(16).fill(0)).slice(0, n))
    expect(generateTrackingCode(random)).toBe('KM-22Z3-4567')
  })

  it('are found however the reporter types them', () => {
    const symbol = fc.constantFrom(...TRACKING_ALPHABET.split(''))
    fc.assert(
      fc.property(fc.array(symbol, { minLength: 8, maxLength: 8 }), (symbols) => {
        const bare = symbols.join('')
        const code = `KM-${bare.slice(0, 4)}-${bare.slice(4)}`
        for (const typed of [
          code.toLowerCase(),
          bare,
          bare.toLowerCase(),
          ` ${code} `,
          `km ${bare.slice(0, 4)} ${bare.slice(4)}`,
          `KM${bare}`,
        ])
          expect(normalizeTrackingCode(typed)).toBe(code)
      }),
    )
    // The counterexample fast-check once found: symbols that begin with K and M.
    for (const typed of ['KM222222', 'km222222', 'KM-KM22-2222', 'KMKM222222'])
      expect(normalizeTrackingCode(typed)).toBe('KM-KM22-2222')
    expect(isTrackingCode(normalizeTrackingCode('KM-1234'))).toBe(false)
    expect(isTrackingCode('KM-OOOO-IIII')).toBe(false)
  })
})

describe('follow tokens', () => {
  it('carry 128 random bits, URL-safe', () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => generateFollowToken()))
    expect(tokens.size).toBe(1000)
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/)
      expect(Buffer.from(token, 'base64url')).toHaveLength(16)
    }
  })
})
