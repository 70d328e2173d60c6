import { z } from 'zod'
import { cleanText, compactTyped, message } from '../platform/text'

const email = z.preprocess(
  (v) => (typeof v === 'string' ? v.normalize('NFKC').trim().toLowerCase() : v),
  z.string().max(254).email(),
)

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
export const CodeRequestSchema = z.object({
  intent: z.literal('request'),
  email,
  displayName,
  redirectTo: z.string().max(300).optional(),
})

/** Second step: the code from the email. */
export const CodeCheckSchema = z.object({
  intent: z.literal('check'),
  email,
  displayName,
  code: z.preprocess(
    (v) => (typeof v === 'string' ? compactTyped(v) : v),
    // A refinement, not .regex(), so no pattern attribute refuses full-width digits in the browser.
    z.string().refine((v) => /^\d{6}$/.test(v), { message: message('verdict.verify.codeFormat') }),
  ),
  redirectTo: z.string().max(300).optional(),
})
