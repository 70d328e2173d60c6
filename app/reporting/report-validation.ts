import { compactTyped } from '../platform/text'

/** Mainland mobile numbers: 11 digits, 1 then 3–9 (no landlines, no foreign numbers). */
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/

/**
 * Full-width digits, spaces, dashes, brackets and a +86 / 0086 country prefix are how people
 * type numbers; none of it matters.
 */
export function normalizeMobile(input: string): string {
  const compact = compactTyped(input).replace(/[()]/g, '')
  const national = compact.replace(/^(?:\+86|0086)/, '')
  return /^86\d{11}$/.test(national) ? national.slice(2) : national
}

export function isMainlandMobile(input: string): boolean {
  return MOBILE_PATTERN.test(normalizeMobile(input))
}

export function normalizeEmail(input: string): string {
  return input.normalize('NFKC').trim().toLowerCase()
}

/** Unified Social Credit Code (统一社会信用代码), GB 32100-2015. */
const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
const CREDIT_CODE_FORMAT = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/

export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_CHARSET.indexOf(first17[i]!)
    if (value < 0) return null
    sum += value * CREDIT_CODE_WEIGHTS[i]!
  }
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31]!
}

export function normalizeCreditCode(input: string): string {
  return compactTyped(input).toUpperCase()
}

export type CreditCodeProblem = 'format' | 'checkDigit'

/**
 * Why a Unified Social Credit Code is wrong, so the reporter learns whether a character is
 * out of place (format) or the code was mistyped somewhere (the check digit does not match).
 */
export function creditCodeProblem(input: string): CreditCodeProblem | null {
  const code = normalizeCreditCode(input)
  if (!CREDIT_CODE_FORMAT.test(code)) return 'format'
  return creditCodeCheckChar(code.slice(0, 17)) === code[17] ? null : 'checkDigit'
}

export function isValidCreditCode(input: string): boolean {
  return creditCodeProblem(input) === null
}
