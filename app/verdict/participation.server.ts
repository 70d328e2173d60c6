import type { SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { getDb } from '../platform/db.server'
import { DomainError, notFound } from '../platform/errors'
import { clientAddress, consume } from '../platform/rate-limit.server'
import { hashToken } from '../platform/session.server'
import { getStaff } from '../staff/auth.server'
import { CommentSchema, FlagSchema } from './comment-schema'
import {
  addOfficialAnswer,
  addPublicComment,
  flagComment,
  type CommentSubject,
} from './comment.server'
import { getPublicUser } from './public-session.server'
import { PublicRatingSchema, ReporterRatingSchema } from './rating-schema'
import { rateDuty, ratingContext } from './rating.server'

export type Notice = 'commentPending' | 'commentPublished' | 'flagged' | 'rated' | 'official'
type Intent = 'comment' | 'official' | 'flag' | 'rate'

/**
 * Where the page goes next (back to itself with a notice, so a reload does not post twice,
 * or to email verification), or the submission with its errors beside the fields.
 */
export type Participation =
  | { status: 'done'; location: string }
  | { status: 'invalid'; intent: Intent; result: SubmissionResult<string[]> }

function pageOf(subject: CommentSubject): string {
  return 'dutyId' in subject ? `/duties/${subject.dutyId}` : `/reports/${subject.reportId}`
}

function back(subject: CommentSubject, notice: Notice): Participation {
  const anchor = notice === 'rated' ? 'ratings' : 'comments'
  return { status: 'done', location: `${pageOf(subject)}?notice=${notice}#${anchor}` }
}

async function exists(db: Kysely<Database>, subject: CommentSubject): Promise<boolean> {
  const row =
    'dutyId' in subject
      ? await db
          .selectFrom('duties')
          .select('id')
          .where('id', '=', subject.dutyId)
          .executeTakeFirst()
      : await db
          .selectFrom('reports')
          .select('id')
          .where('id', '=', subject.reportId)
          .executeTakeFirst()
  return Boolean(row)
}

async function limit(name: 'commentByUser' | 'ratingByUser', key: string): Promise<void> {
  if (!(await consume(name, key)).ok) throw new DomainError(429, 'verdict.tooMany')
}

async function flag(
  db: Kysely<Database>,
  request: Request,
  form: FormData,
  subject: CommentSubject,
): Promise<Participation> {
  const submission = parseWithZod(form, { schema: FlagSchema })
  if (submission.status !== 'success')
    return { status: 'invalid', intent: 'flag', result: submission.reply() }
  const user = await getPublicUser(request)
  const key = user ? `public:${user.id}` : `ip:${hashToken(clientAddress(request))}`
  await limit('commentByUser', `flag:${key}`)
  if (!(await flagComment(db, submission.value.commentId, key))) throw notFound()
  return back(subject, 'flagged')
}

async function answer(
  db: Kysely<Database>,
  request: Request,
  form: FormData,
  dutyId: number,
): Promise<Participation> {
  const staff = await getStaff(request)
  if (!staff || staff.role !== 'unit_staff' || staff.unitId === null)
    throw new DomainError(403, 'common.error.forbidden')
  const submission = parseWithZod(form, { schema: CommentSchema })
  if (submission.status !== 'success')
    return { status: 'invalid', intent: 'official', result: submission.reply() }
  await addOfficialAnswer(db, {
    dutyId,
    staffUserId: staff.id,
    unitId: staff.unitId,
    body: submission.value.body,
    parentId: submission.value.parentId ?? null,
  })
  return back({ dutyId }, 'official')
}

/** Commenting and rating need a verified email: others are sent to verify and brought back. */
function toVerify(subject: CommentSubject): Participation {
  return { status: 'done', location: `/verify?redirectTo=${encodeURIComponent(pageOf(subject))}` }
}

async function comment(
  db: Kysely<Database>,
  request: Request,
  form: FormData,
  subject: CommentSubject,
): Promise<Participation> {
  const user = await getPublicUser(request)
  if (!user) return toVerify(subject)
  const submission = parseWithZod(form, { schema: CommentSchema })
  if (submission.status !== 'success')
    return { status: 'invalid', intent: 'comment', result: submission.reply() }
  await limit('commentByUser', String(user.id))
  const { status } = await addPublicComment(db, {
    subject,
    publicUserId: user.id,
    body: submission.value.body,
    parentId: submission.value.parentId ?? null,
  })
  return back(subject, status === 'published' ? 'commentPublished' : 'commentPending')
}

async function rate(
  db: Kysely<Database>,
  request: Request,
  form: FormData,
  dutyId: number,
): Promise<Participation> {
  const user = await getPublicUser(request)
  if (!user) return toVerify({ dutyId })
  const submission = parseWithZod(form, { schema: PublicRatingSchema })
  if (submission.status !== 'success')
    return { status: 'invalid', intent: 'rate', result: submission.reply() }
  await limit('ratingByUser', String(user.id))
  await rateDuty(db, {
    dutyId,
    rater: { publicUserId: user.id },
    level: Number(submission.value.level),
    reason: submission.value.reason ?? null,
  })
  return back({ dutyId }, 'rated')
}

/**
 * The comment, reply, flag, official-answer and rating forms of a duty or report page, told
 * apart by their `intent` (a report takes comments and flags only). Refusals throw DomainError.
 */
export async function participate(
  request: Request,
  form: FormData,
  subject: CommentSubject,
): Promise<Participation> {
  const db = await getDb()
  if (!(await exists(db, subject))) throw notFound()
  const intent = form.get('intent')
  if (intent === 'flag') return flag(db, request, form, subject)
  if (intent === 'comment') return comment(db, request, form, subject)
  if ('dutyId' in subject) {
    if (intent === 'official') return answer(db, request, form, subject.dutyId)
    if (intent === 'rate') return rate(db, request, form, subject.dutyId)
  }
  throw new DomainError(400, 'validation.invalid')
}

/**
 * A reporter rates the outcome through the private link of their report. A 不满意 or
 * 非常不满意 with its reason opens a review (复核); refusals throw DomainError.
 */
export async function rateAsReporter(
  request: Request,
  token: string,
  form: FormData,
): Promise<{ status: 'done' } | { status: 'invalid'; result: SubmissionResult<string[]> }> {
  const db = await getDb()
  const found = await ratingContext(db, token)
  if (!found) throw notFound()
  const submission = parseWithZod(form, { schema: ReporterRatingSchema })
  if (submission.status !== 'success') return { status: 'invalid', result: submission.reply() }
  await limit('ratingByUser', `reporter:${found.reportId}:${clientAddress(request)}`)
  await rateDuty(db, {
    dutyId: found.dutyId,
    rater: { reportId: found.reportId },
    level: Number(submission.value.level),
    reason: submission.value.reason ?? null,
  })
  return { status: 'done' }
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
