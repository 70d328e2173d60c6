import { z } from 'zod'
import { message } from '../platform/text'
import { id, optionalText } from '../platform/validation'

export const residentViews = ['satisfied', 'neutral', 'unsatisfied'] as const

/**
 * A callback (回访) as staff record it. The resident's view belongs to a call that reached
 * them: it is required then, and dropped when nobody answered (a radio button once chosen
 * cannot be cleared without JavaScript, so refusing it would leave the form stuck).
 */
export const CallbackSchema = z
  .object({
    intent: z.literal('callback'),
    reportId: id,
    reached: z.enum(['yes', 'no']),
    view: z.enum(residentViews).optional(),
    note: optionalText(500),
  })
  .superRefine((v, ctx) => {
    if (v.reached === 'yes' && !v.view)
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['view'],
        message: message('callbacks.errors.view'),
      })
  })
  .transform((v) => ({
    reportId: v.reportId,
    reached: v.reached === 'yes',
    view: v.reached === 'yes' ? (v.view ?? null) : null,
    note: v.note ?? null,
  }))

export type CallbackInput = z.output<typeof CallbackSchema>
