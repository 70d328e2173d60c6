import { z } from 'zod'
import { text } from '../platform/validation'

export const COMMENT_MAX = 1000
export const HIDE_REASON_MAX = 200

const commentId = z.coerce.number().int().positive().max(2_147_483_647)

/** A comment or a reply: by a verified person (`comment`) or by the duty's unit (`official`). */
export const CommentSchema = z.object({
  intent: z.enum(['comment', 'official']),
  body: text(1, COMMENT_MAX),
  parentId: commentId.optional(),
})

/** Anyone may report a published comment as abusive. */
export const FlagSchema = z.object({ intent: z.literal('flag'), commentId })

/** The coordinator's decision on a comment in the moderation queue. */
export const ModerationSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('approve'), commentId: z.coerce.number().int().positive() }),
  z.object({ intent: z.literal('restore'), commentId: z.coerce.number().int().positive() }),
  z.object({
    intent: z.literal('hide'),
    commentId: z.coerce.number().int().positive(),
    reason: text(2, HIDE_REASON_MAX),
  }),
])
