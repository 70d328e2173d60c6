import { parseWithZod } from '@conform-to/zod'
import { data, redirect } from '@remix-run/node'
import { z } from 'zod'
import { getDb } from '../platform/db.server'
import {
  addOfficialAnswer,
  addPublicComment,
  COMMENT_MAX,
  CommentError,
  flagComment,
  type CommentSubject,
} from './comment.server'
import { rateDuty, RatingError } from './rating.server'
import { getStaff } from '../staff/auth.server'
import { getPublicUser } from './public-session.server'
import { clientAddress, consume } from '../platform/rate-limit.server'
import { message, optionalText, text } from '../platform/validation'
import { hashToken } from '../platform/session.server'

/** The forms of the public detail pages, told apart by their `intent`. */
export const CommentSchema = z.object({
  intent: z.literal('comment'),
  body: text(1, COMMENT_MAX),
  parentId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
})
export const OfficialSchema = CommentSchema.extend({ intent: z.literal('official') })
export const FlagSchema = z.object({
  intent: z.literal('flag'),
  commentId: z.coerce.number().int().positive().max(2_147_483_647),
})
export const RateSchema = z.object({
  intent: z.literal('rate'),
  level: z.enum(['1', '2', '3', '4', '5'], {
    errorMap: () => ({ message: message('verdict.rate.chooseLevel') }),
  }),
  reason: optionalText(500),
})

export type Notice = 'commentPending' | 'commentPublished' | 'flagged' | 'rated' | 'official'

function back(returnTo: string, notice: Notice) {
  return redirect(`${returnTo}?notice=${notice}#${notice === 'rated' ? 'ratings' : 'comments'}`)
}

/**
 * Handles the comment, reply, flag, official-answer and rating forms of a duty or report page.
 * Success redirects back with a notice (so a reload does not post twice); failure returns the
 * submission with its errors beside the fields and the typed text kept.
 */
export async function participate(
  request: Request,
  formData: FormData,
  subject: CommentSubject,
  returnTo: string,
) {
  const intent = formData.get('intent')
  const db = await getDb()
  if (intent === 'flag') {
    const submission = parseWithZod(formData, { schema: FlagSchema })
    if (submission.status !== 'success')
      return data({ intent, result: submission.reply() }, { status: 400 })
    const user = await getPublicUser(request)
    const key = user ? `public:${user.id}` : `ip:${hashToken(clientAddress(request))}`
    const limit = await consume('commentByUser', `flag:${key}`)
    if (!limit.ok)
      return data(
        { intent, result: submission.reply({ formErrors: [message('verdict.tooMany')] }) },
        { status: 429 },
      )
    const found = await flagComment(db, submission.value.commentId, key)
    if (!found) throw new Response('Not found', { status: 404 })
    return back(returnTo, 'flagged')
  }
  if (intent === 'official') {
    const staff = await getStaff(request)
    if (!staff || staff.role !== 'unit_staff' || staff.unitId === null || !('dutyId' in subject))
      throw new Response('Forbidden', { status: 403 })
    const submission = parseWithZod(formData, { schema: OfficialSchema })
    if (submission.status !== 'success')
      return data({ intent, result: submission.reply() }, { status: 400 })
    try {
      await addOfficialAnswer(db, {
        dutyId: subject.dutyId,
        staffUserId: staff.id,
        unitId: staff.unitId,
        body: submission.value.body,
        parentId: submission.value.parentId ?? null,
      })
    } catch (error) {
      if (error instanceof CommentError && error.reason === 'notOwnUnit')
        throw new Response('Forbidden', { status: 403 })
      if (error instanceof CommentError)
        return data(
          {
            intent,
            result: submission.reply({ formErrors: [message('verdict.comments.noParent')] }),
          },
          { status: 400 },
        )
      throw error
    }
    return back(returnTo, 'official')
  }
  if (intent === 'comment' || intent === 'rate') {
    const user = await getPublicUser(request)
    if (!user) throw redirect(`/verify?redirectTo=${encodeURIComponent(returnTo)}`)
    if (intent === 'comment') {
      const submission = parseWithZod(formData, { schema: CommentSchema })
      if (submission.status !== 'success')
        return data({ intent, result: submission.reply() }, { status: 400 })
      const limit = await consume('commentByUser', String(user.id))
      if (!limit.ok)
        return data(
          { intent, result: submission.reply({ formErrors: [message('verdict.tooMany')] }) },
          { status: 429 },
        )
      try {
        const { status } = await addPublicComment(db, {
          subject,
          publicUserId: user.id,
          body: submission.value.body,
          parentId: submission.value.parentId ?? null,
        })
        return back(returnTo, status === 'published' ? 'commentPublished' : 'commentPending')
      } catch (error) {
        if (error instanceof CommentError)
          return data(
            {
              intent,
              result: submission.reply({ formErrors: [message('verdict.comments.noParent')] }),
            },
            { status: 400 },
          )
        throw error
      }
    }
    if (!('dutyId' in subject)) throw new Response('Not found', { status: 404 })
    const submission = parseWithZod(formData, { schema: RateSchema })
    if (submission.status !== 'success')
      return data({ intent, result: submission.reply() }, { status: 400 })
    const limit = await consume('ratingByUser', String(user.id))
    if (!limit.ok)
      return data(
        { intent, result: submission.reply({ formErrors: [message('verdict.tooMany')] }) },
        { status: 429 },
      )
    try {
      await rateDuty(db, {
        dutyId: subject.dutyId,
        rater: { publicUserId: user.id },
        level: Number(submission.value.level),
        reason: submission.value.reason ?? null,
      })
    } catch (error) {
      if (error instanceof RatingError)
        return data(
          { intent, result: submission.reply({ formErrors: [message('verdict.rate.closed')] }) },
          { status: 409 },
        )
      throw error
    }
    return back(returnTo, 'rated')
  }
  throw new Response('Unknown form', { status: 400 })
}

export function noticeFrom(request: Request): Notice | null {
  const value = new URL(request.url).searchParams.get('notice')
  return value === 'commentPending' ||
    value === 'commentPublished' ||
    value === 'flagged' ||
    value === 'rated' ||
    value === 'official'
    ? value
    : null
}
