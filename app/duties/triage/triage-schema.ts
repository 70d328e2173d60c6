import { z } from 'zod'
import { id, text } from '../../platform/validation'
import { message } from '../../platform/text'
import { dayField } from '../duty-schema'

/** The coordinator's four decisions on a pending report, one form and one schema each. */

export const AcceptNewSchema = z
  .object({
    intent: z.literal('new'),
    unit: id,
    coUnits: z.array(id).max(10).optional(),
    title: text(2, 80),
    commitment: text(4, 1000),
    leaderName: text(2, 40),
    leaderTitle: text(2, 60),
    mode: z.enum(['immediate', 'deadline', 'ongoing']),
    deadline: dayField,
  })
  // 长期坚持 has no end date; every other mode needs one.
  .refine((v) => v.mode === 'ongoing' || v.deadline !== undefined, {
    path: ['deadline'],
    message: message('duties.triage.errors.deadlineRequired'),
  })

export const ExistingSchema = z.object({ intent: z.literal('existing'), dutyId: id })

export const MergeSchema = z.object({ intent: z.literal('merge'), intoId: id })

export const DeclineSchema = z.object({ intent: z.literal('decline'), reason: text(4, 500) })

/** Each form by the `intent` it posts. */
export const triageSchemas = {
  new: AcceptNewSchema,
  existing: ExistingSchema,
  merge: MergeSchema,
  decline: DeclineSchema,
} as const

export type TriageIntent = keyof typeof triageSchemas

/** One parsed decision. */
export type TriageDecision = z.output<(typeof triageSchemas)[TriageIntent]>

export function isTriageIntent(value: unknown): value is TriageIntent {
  return typeof value === 'string' && Object.hasOwn(triageSchemas, value)
}
