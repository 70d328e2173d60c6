import { z } from 'zod'
import { cleanText, compactTyped, message } from '../platform/text'
import { MOBILE_PATTERN, normalizeMobile } from '../reporting/report-validation'

const email = z.preprocess(
  (v) => (typeof v === 'string' ? v.normalize('NFKC').trim().toLowerCase() || undefined : v),
  z.string().max(254).email().optional(),
)

/** A mainland mobile as people type it (full-width digits, +86, spaces): the code comes by SMS. */
const mobile = z.preprocess(
  (v) => (typeof v === 'string' ? normalizeMobile(v) || undefined : v),
  z
    .string()
    .refine((v) => MOBILE_PATTERN.test(v), { message: message('verdict.verify.mobileInvalid') })
    .optional(),
)

/** The code goes to an email or to a mobile: exactly one of them. */
function oneAddress(v: { email?: string; mobile?: string }, ctx: z.RefinementCtx) {
  if (!v.email && !v.mobile)
    ctx.addIssue({
      code: 'custom',
      path: ['email'],
      message: message('verdict.verify.addressMissing'),
    })
  if (v.email && v.mobile)
    ctx.addIssue({
      code: 'custom',
      path: ['mobile'],
      message: message('verdict.verify.addressBoth'),
    })
}

/** Where a code went: the email, else the mobile (one of them is there once parsed). */
export function addressOf(v: { email?: string; mobile?: string }): string {
  return v.email ?? v.mobile ?? ''
}

/** A public name: never an email or a phone number by mistake. */
const displayName = z.preprocess(
  (v) => (typeof v === 'string' ? cleanText(v) || undefined : v),
  z
    .string()
    .min(2)
    .max(20)
    .refine((v) => !/@|\d{5,}|[<>]/.test(v), { message: message('verdict.verify.nameInvalid') })
    .optional(),
)

/** First step: the address to send a code to, and the name to show. */
export const CodeRequestSchema = z
  .object({
    intent: z.literal('request'),
    email,
    mobile,
    displayName,
    redirectTo: z.string().max(300).optional(),
  })
  .superRefine(oneAddress)

/** Second step: the code from the email or the SMS. */
export const CodeCheckSchema = z
  .object({
    intent: z.literal('check'),
    email,
    mobile,
    displayName,
    code: z.preprocess(
      (v) => (typeof v === 'string' ? compactTyped(v) : v),
      // A refinement, not .regex(), so no pattern attribute refuses full-width digits in the browser.
      z
        .string()
        .refine((v) => /^\d{6}$/.test(v), { message: message('verdict.verify.codeFormat') }),
    ),
    redirectTo: z.string().max(300).optional(),
  })
  .superRefine(oneAddress)
