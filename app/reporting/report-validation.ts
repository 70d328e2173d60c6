import { creditCodeCheckChar, normalizeCreditCode } from './credit-code'

/** Mainland mobile numbers: 11 digits, 1 then 3–9 (no landlines, no foreign numbers). */
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/

/** Spaces, dashes and a +86 / 0086 country prefix are how people type numbers; none of it matters. */
export function normalizeMobile(input: string): string {
  const compact = input.replace(/[\s\-()]/g, '')
  const national = compact.replace(/^(?:\+86|0086)/, '')
  return /^86\d{11}$/.test(national) ? national.slice(2) : national
}

export function isMainlandMobile(input: string): boolean {
  return MOBILE_PATTERN.test(normalizeMobile(input))
}

export function normalizeEmail(input: string): string {
  return input.trim().toLowerCase()
}

export type CreditCodeProblem = 'format' | 'checkDigit'

/**
 * Why a Unified Social Credit Code is wrong, so the reporter learns whether a character is
 * out of place (format) or the code was mistyped somewhere (the check digit does not match).
 */
export function creditCodeProblem(input: string): CreditCodeProblem | null {
  const code = normalizeCreditCode(input)
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return 'format'
  return creditCodeCheckChar(code.slice(0, 17)) === code[17] ? null : 'checkDigit'
}
