import { z } from 'zod'
import { optionalText, text } from '../platform/validation'
import { isRealDay, message } from '../platform/text'
import { isUnsatisfied } from './rating'

/** The rating form's choices, 非常满意 first. */
export const levelChoices = ['5', '4', '3', '2', '1'] as const

const rating = z.object({
  intent: z.literal('rate'),
  level: z.enum(levelChoices, {
    errorMap: () => ({ message: message('verdict.rate.chooseLevel') }),
  }),
  reason: optionalText(500),
})

/** A verified member of the public rates on the duty page; a reason is optional. */
export const PublicRatingSchema = rating

/** A reporter's 不满意 or 非常不满意 needs a reason: it is what the review (复核) examines. */
export const ReporterRatingSchema = rating.refine(
  (v) => !isUnsatisfied(Number(v.level)) || Boolean(v.reason),
  { path: ['reason'], message: message('verdict.rate.reasonRequired') },
)

/** The coordinator reopens a reviewed duty (with an optional new deadline) or dismisses it. */
export const ReviewDecisionSchema = z.object({
  intent: z.enum(['reopen', 'dismiss']),
  reviewId: z.coerce.number().int().positive(),
  note: optionalText(500),
  deadline: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string().refine(isRealDay, message('duties.errors.date')).optional(),
  ),
})

/** Unit staff appeal (申诉) a rating of their own unit's duty. */
export const AppealSchema = z.object({
  intent: z.literal('appeal'),
  ratingId: z.coerce.number().int().positive(),
  reason: text(5, 500),
})

/** The coordinator upholds an appeal (the rating is voided) or rejects it. */
export const AppealDecisionSchema = z.object({
  intent: z.enum(['upheld', 'rejected']),
  appealId: z.coerce.number().int().positive(),
  note: text(2, 500),
})
