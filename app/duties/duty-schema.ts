import { z } from 'zod'
import { id, text } from '../platform/validation'
import { isRealDay, message } from '../platform/text'

/**
 * The forms of a duty's staff page, one schema each, checked in the browser and again by the
 * action. Every form carries the version the officer saw, so a colleague's change is not lost.
 */

/** Before and after photos, up to this many of each. */
export const MAX_EVIDENCE = 3

/** An optional day typed as YYYY-MM-DD (a date input sends that whatever the reader's locale). */
export const dayField = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim() || undefined : v),
  z.string().refine(isRealDay, message('duties.errors.date')).optional(),
)

const version = z.coerce.number().int().nonnegative()

export const MilestoneSchema = z.object({
  intent: z.literal('milestone'),
  version,
  title: text(2, 80),
  dueOn: dayField,
})

export const TickSchema = z.object({
  intent: z.literal('tick'),
  version,
  milestoneId: id,
  done: z.enum(['yes', 'no']),
})

export const ProgressSchema = z.object({
  intent: z.literal('progress'),
  version,
  body: text(4, 2000),
})

export const StartSchema = z.object({ intent: z.literal('start'), version })

export const ResolveSchema = z.object({
  intent: z.literal('resolve'),
  version,
  summary: text(4, 2000),
})

/** Each form by the `intent` it posts. */
export const dutyWorkSchemas = {
  milestone: MilestoneSchema,
  tick: TickSchema,
  progress: ProgressSchema,
  start: StartSchema,
  resolve: ResolveSchema,
} as const

export type DutyIntent = keyof typeof dutyWorkSchemas

/** One parsed duty form: what the officer asked to do. */
export type DutyWork = z.output<(typeof dutyWorkSchemas)[DutyIntent]>

export function isDutyIntent(value: unknown): value is DutyIntent {
  return typeof value === 'string' && Object.hasOwn(dutyWorkSchemas, value)
}
