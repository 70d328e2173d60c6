import { getDb } from '../platform/db.server'
import { localeFromRequest } from '../platform/i18n'
import { getStaff } from '../staff/auth.server'
import { commentsFor, moderationMode } from '../verdict/comment.server'
import { noticeFrom } from '../verdict/participation.server'
import { getPublicUser } from '../verdict/public-session.server'
import { ownRating, ratingSummary } from '../verdict/rating.server'
import { participantName } from '../verdict/verify.server'
import { publicDuty, publicReport } from './detail.server'

/** Who reads a detail page, as its comment and rating forms need to know. */
function viewerOf(user: { id: number; displayName: string | null } | null, canAnswer: boolean) {
  return { verified: Boolean(user), name: user ? participantName(user) : null, canAnswer }
}

/** A report's public page: the report, its timeline and comments; null if there is none. */
export async function reportPage(request: Request, id: number) {
  const db = await getDb()
  const report = await publicReport(db, id, localeFromRequest(request))
  if (!report) return null
  const [user, moderation] = await Promise.all([getPublicUser(request), moderationMode(db)])
  const comments = await commentsFor(db, { reportId: id }, { publicUserId: user?.id ?? null })
  return {
    report,
    comments,
    moderation,
    notice: noticeFrom(request),
    viewer: viewerOf(user, false),
  }
}

/**
 * A duty's public page: the duty, its timeline, ratings and comments; null if there is none.
 * Staff of the duty's own unit may answer officially.
 */
export async function dutyPage(request: Request, id: number) {
  const db = await getDb()
  const duty = await publicDuty(db, id, localeFromRequest(request))
  if (!duty) return null
  const [user, staff, moderation] = await Promise.all([
    getPublicUser(request),
    getStaff(request),
    moderationMode(db),
  ])
  const [comments, ratings, own] = await Promise.all([
    commentsFor(db, { dutyId: id }, { publicUserId: user?.id ?? null }),
    ratingSummary(db, id),
    user ? ownRating(db, id, { publicUserId: user.id }) : null,
  ])
  return {
    duty,
    comments,
    ratings,
    own,
    moderation,
    notice: noticeFrom(request),
    viewer: viewerOf(user, staff?.role === 'unit_staff' && staff.unitId === duty.unit.id),
  }
}
