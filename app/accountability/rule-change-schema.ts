import { z } from 'zod'
import type { RuleChangeTable } from '../../db/schema'
import { id, optionalText, text } from '../platform/validation'
import { isRealDay, message } from '../platform/text'

export type RuleAction = RuleChangeTable['action']
export const RULE_ACTIONS = [
  'established',
  'revised',
  'abolished',
] as const satisfies readonly RuleAction[]

/** A unit's form that records a rule change (建章立制) and the duties that led to it. */
export const RuleChangeSchema = z.object({
  title: text(4, 120),
  action: z.enum(RULE_ACTIONS),
  summary: text(10, 4000),
  documentUrl: optionalText(500).refine((v) => v === undefined || /^https?:\/\/\S+$/i.test(v), {
    message: message('accountability.rules.badUrl'),
  }),
  effectiveOn: z
    .string({ required_error: message('validation.required') })
    .refine(isRealDay, message('validation.invalid')),
  dutyIds: z.array(id).min(1).max(50),
})
