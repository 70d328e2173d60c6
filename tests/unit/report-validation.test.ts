import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MAX_IMAGE_BYTES } from '../../app/reporting/attachment.server'
import { MAX_PHOTO_BYTES } from '../../app/reporting/report-schema'
import {
  creditCodeCheckChar,
  creditCodeProblem,
  isMainlandMobile,
  isValidCreditCode,
  normalizeMobile,
} from '../../app/reporting/report-validation'

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const codeChar = fc.constantFrom(...CHARSET.split(''))
const digit = fc.constantFrom(...'0123456789'.split(''))

/** 17 characters in the standard's layout: registration authority and type, region code, body. */
const first17 = fc
  .tuple(
    fc.array(codeChar, { minLength: 2, maxLength: 2 }),
    fc.array(digit, { minLength: 6, maxLength: 6 }),
    fc.array(codeChar, { minLength: 9, maxLength: 9 }),
  )
  .map(([a, b, c]) => [...a, ...b, ...c].join(''))

describe('Unified Social Credit Code (GB 32100-2015)', () => {
  it('accepts real codes, also typed in lower case or with spaces', () => {
    for (const code of ['91440101MA5CYT6F2F', '91350100M000100Y43', '91110000600037341L'])
      expect(creditCodeProblem(code)).toBeNull()
    expect(creditCodeProblem('91440101ma5cyt6f2f')).toBeNull()
    expect(creditCodeProblem('9144 0101 MA5C YT6F 2F')).toBeNull()
  })

  it('tells a wrong shape from a wrong check character', () => {
    expect(creditCodeProblem('')).toBe('format')
    expect(creditCodeProblem('91440101MA5CYT6F2')).toBe('format')
    expect(creditCodeProblem('91440101MA5CYT6F2FF')).toBe('format')
    // I, O, S, V and Z are not in the standard's character set.
    expect(creditCodeProblem('91440101MA5CYT6F2I')).toBe('format')
    expect(creditCodeProblem('914401O1MA5CYT6F2F')).toBe('format')
    expect(creditCodeProblem('91440101MA5CYT6F2G')).toBe('checkDigit')
  })

  it('accepts any code that ends in its computed check character', () => {
    fc.assert(
      fc.property(first17, (body) => {
        const code = body + creditCodeCheckChar(body)
        expect(isValidCreditCode(code)).toBe(true)
        expect(creditCodeProblem(code)).toBeNull()
      }),
    )
  })

  it('catches every single mistyped character', () => {
    fc.assert(
      fc.property(first17, fc.nat(17), codeChar, (body, position, replacement) => {
        const code = body + creditCodeCheckChar(body)
        fc.pre(code[position] !== replacement)
        // Keep the region code numeric so that only the check character can catch the slip.
        fc.pre(position < 2 || position > 7 || /\d/.test(replacement))
        const typo = code.slice(0, position) + replacement + code.slice(position + 1)
        expect(isValidCreditCode(typo)).toBe(false)
        expect(creditCodeProblem(typo)).toBe('checkDigit')
      }),
    )
  })

  it('catches two neighbouring characters swapped', () => {
    fc.assert(
      fc.property(first17, fc.nat(15), (body, position) => {
        const code = body + creditCodeCheckChar(body)
        fc.pre(code[position] !== code[position + 1])
        fc.pre(position < 1 || position > 7)
        const swapped =
          code.slice(0, position) + code[position + 1] + code[position] + code.slice(position + 2)
        expect(isValidCreditCode(swapped)).toBe(false)
      }),
    )
  })
})

const mobile = fc
  .tuple(fc.constantFrom(...'3456789'.split('')), fc.array(digit, { minLength: 9, maxLength: 9 }))
  .map(([second, rest]) => `1${second}${rest.join('')}`)

describe('mainland mobile numbers', () => {
  it('accepts 11 digits starting 13 to 19, however they are spaced or prefixed', () => {
    fc.assert(
      fc.property(mobile, (m) => {
        expect(isMainlandMobile(m)).toBe(true)
        expect(isMainlandMobile(`${m.slice(0, 3)} ${m.slice(3, 7)} ${m.slice(7)}`)).toBe(true)
        expect(isMainlandMobile(`${m.slice(0, 3)}-${m.slice(3, 7)}-${m.slice(7)}`)).toBe(true)
        expect(isMainlandMobile(`+86${m}`)).toBe(true)
        expect(isMainlandMobile(`+86 ${m}`)).toBe(true)
        expect(isMainlandMobile(`0086${m}`)).toBe(true)
        expect(normalizeMobile(`+86 ${m}`)).toBe(m)
      }),
    )
  })

  it('refuses numbers of another length', () => {
    fc.assert(
      fc.property(mobile, fc.integer({ min: 1, max: 5 }), (m, cut) => {
        expect(isMainlandMobile(m.slice(0, 11 - cut))).toBe(false)
        expect(isMainlandMobile(m + '0'.repeat(cut))).toBe(false)
      }),
    )
  })

  it('refuses numbers whose second digit is 0, 1 or 2, and anything with letters', () => {
    fc.assert(
      fc.property(mobile, fc.constantFrom('0', '1', '2'), (m, second) => {
        expect(isMainlandMobile(`1${second}${m.slice(2)}`)).toBe(false)
      }),
    )
    fc.assert(
      fc.property(mobile, fc.nat(10), fc.constantFrom('a', 'O', 'l', '.'), (m, i, ch) => {
        expect(isMainlandMobile(m.slice(0, i) + ch + m.slice(i + 1))).toBe(false)
      }),
    )
    for (const bad of ['', '020-12345678', '23800138000', '138001380001', '+1 4155550100'])
      expect(isMainlandMobile(bad)).toBe(false)
  })

  it('refuses arbitrary strings unless they are a mobile number', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(isMainlandMobile(s)).toBe(/^1[3-9]\d{9}$/.test(normalizeMobile(s)))
      }),
    )
  })
})

describe('the report form', () => {
  it('caps photos where the server does', () => {
    expect(MAX_PHOTO_BYTES).toBe(MAX_IMAGE_BYTES)
  })
})
