import { sql, type Kysely } from 'kysely'
import type { CommentStatus, Database } from '../../db/schema'
import { DomainError } from '../platform/errors'
import { dutyPrivateAddresses, reportPrivateAddresses } from '../privacy/private-addresses.server'
import { publicText } from '../privacy/public-text'
import { cleanText } from '../platform/text'
import { participantName } from './verify.server'

export type Moderation = 'pre' | 'post'
export type CommentSubject = { dutyId: number } | { reportId: number }

export async function moderationMode(db: Kysely<Database>): Promise<Moderation> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', 'comment_moderation')
    .executeTakeFirst()
  return row?.value === 'post' ? 'post' : 'pre'
}

function subjectPrivateAddresses(db: Kysely<Database>, subject: CommentSubject) {
  return 'dutyId' in subject
    ? dutyPrivateAddresses(db, subject.dutyId)
    : reportPrivateAddresses(db, subject.reportId)
}

function subjectColumns(subject: CommentSubject) {
  return 'dutyId' in subject
    ? { duty_id: subject.dutyId, report_id: null }
    : { duty_id: null, report_id: subject.reportId }
}

/** A reply attaches to a top-level comment of the same subject (one level of threading). */
async function checkParent(
  db: Kysely<Database>,
  subject: CommentSubject,
  parentId: number | null,
): Promise<number | null> {
  if (parentId === null) return null
  const cols = subjectColumns(subject)
  const parent = await db
    .selectFrom('comments')
    .select(['id', 'parent_id'])
    .where('id', '=', parentId)
    .where((eb) =>
      cols.duty_id !== null
        ? eb('duty_id', '=', cols.duty_id)
        : eb('report_id', '=', cols.report_id!),
    )
    .executeTakeFirst()
  if (!parent) throw new DomainError(400, 'verdict.comments.noParent')
  return parent.parent_id ?? parent.id
}

/** A member of the public comments: held for moderation, or shown at once under post-moderation. */
export async function addPublicComment(
  db: Kysely<Database>,
  input: { subject: CommentSubject; publicUserId: number; body: string; parentId: number | null },
): Promise<{ id: number; status: CommentStatus }> {
  const parentId = await checkParent(db, input.subject, input.parentId)
  const status: CommentStatus = (await moderationMode(db)) === 'post' ? 'published' : 'pending'
  const body = cleanText(input.body)
  const row = await db
    .insertInto('comments')
    .values({
      ...subjectColumns(input.subject),
      parent_id: parentId,
      public_user_id: input.publicUserId,
      body,
      body_public: publicText(body, await subjectPrivateAddresses(db, input.subject)),
      status,
    })
    .returning(['id', 'status'])
    .executeTakeFirstOrThrow()
  return row
}

/** Unit staff answer on their own unit's duty: marked official, shown at once. */
export async function addOfficialAnswer(
  db: Kysely<Database>,
  input: {
    dutyId: number
    staffUserId: number
    unitId: number
    body: string
    parentId: number | null
  },
): Promise<number> {
  const duty = await db
    .selectFrom('duties')
    .select('unit_id')
    .where('id', '=', input.dutyId)
    .executeTakeFirst()
  if (!duty || duty.unit_id !== input.unitId) throw new DomainError(403, 'common.error.forbidden')
  const parentId = await checkParent(db, { dutyId: input.dutyId }, input.parentId)
  const body = cleanText(input.body)
  const row = await db
    .insertInto('comments')
    .values({
      duty_id: input.dutyId,
      parent_id: parentId,
      staff_user_id: input.staffUserId,
      official: true,
      body,
      body_public: publicText(body, await dutyPrivateAddresses(db, input.dutyId)),
      status: 'published',
      moderated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Anyone may report a comment as abusive, once per person (or per address when anonymous). */
export async function flagComment(
  db: Kysely<Database>,
  commentId: number,
  reporterKey: string,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const comment = await trx
      .selectFrom('comments')
      .select('id')
      .where('id', '=', commentId)
      .where('status', '=', 'published')
      .executeTakeFirst()
    if (!comment) return false
    const inserted = await trx
      .insertInto('comment_flags')
      .values({ comment_id: commentId, reporter_key: reporterKey.slice(0, 100), reason: null })
      .onConflict((oc) => oc.columns(['comment_id', 'reporter_key']).doNothing())
      .returning('comment_id')
      .executeTakeFirst()
    if (inserted) {
      await trx
        .updateTable('comments')
        .set((eb) => ({ flag_count: eb('flag_count', '+', 1) }))
        .where('id', '=', commentId)
        .execute()
    }
    return true
  })
}

export interface ShownComment {
  id: number
  /** Shown text; null when hidden by moderation (the placeholder says when and why). */
  body: string | null
  author: string
  official: boolean
  unitName: string | null
  status: CommentStatus
  hiddenReason: string | null
  moderatedAt: Date | null
  createdAt: Date
  /** The viewer's own comment still awaiting moderation (only they see it). */
  awaiting: boolean
  replies: ShownComment[]
}

/**
 * The comments of a duty or a report as a viewer sees them: published ones, hidden ones as a
 * placeholder (so replies keep their context), and the viewer's own pending ones.
 */
export async function commentsFor(
  db: Kysely<Database>,
  subject: CommentSubject,
  viewer: { publicUserId: number | null },
): Promise<ShownComment[]> {
  const cols = subjectColumns(subject)
  const rows = await db
    .selectFrom('comments as c')
    .leftJoin('public_users as p', 'p.id', 'c.public_user_id')
    .leftJoin('staff_users as s', 's.id', 'c.staff_user_id')
    .leftJoin('units as u', 'u.id', 's.unit_id')
    .select([
      'c.id',
      'c.parent_id',
      // The public twin, even for the author's own pending comment: they see what others will.
      'c.body_public as body',
      'c.status',
      'c.official',
      'c.hidden_reason',
      'c.moderated_at',
      'c.created_at',
      'c.public_user_id',
      'p.display_name',
      'u.name as unit_name',
    ])
    .where((eb) =>
      cols.duty_id !== null
        ? eb('c.duty_id', '=', cols.duty_id)
        : eb('c.report_id', '=', cols.report_id!),
    )
    .where((eb) =>
      eb.or([
        eb('c.status', 'in', ['published', 'hidden']),
        viewer.publicUserId !== null
          ? eb('c.public_user_id', '=', viewer.publicUserId)
          : sql<boolean>`false`,
      ]),
    )
    .orderBy('c.created_at')
    .orderBy('c.id')
    .limit(500)
    .execute()
  const top: ShownComment[] = []
  const byId = new Map<number, ShownComment>()
  for (const r of rows) {
    const comment: ShownComment = {
      id: r.id,
      body: r.status === 'hidden' ? null : r.body,
      author: r.public_user_id
        ? participantName({ id: r.public_user_id, displayName: r.display_name })
        : (r.unit_name ?? ''),
      official: r.official,
      unitName: r.unit_name,
      status: r.status,
      hiddenReason: r.status === 'hidden' ? r.hidden_reason : null,
      moderatedAt: r.status === 'hidden' ? r.moderated_at : null,
      createdAt: r.created_at,
      awaiting: r.status === 'pending',
      replies: [],
    }
    if (r.parent_id === null) {
      top.push(comment)
      byId.set(r.id, comment)
    } else byId.get(r.parent_id)?.replies.push(comment)
  }
  return top
}

export interface QueuedComment {
  id: number
  body: string
  status: CommentStatus
  flagCount: number
  hiddenReason: string | null
  official: boolean
  createdAt: Date
  subject: { kind: 'duty' | 'report'; id: number; title: string }
}

/** The moderation queue: comments awaiting approval, flagged ones, and recently hidden ones. */
export async function moderationQueue(db: Kysely<Database>): Promise<{
  pending: QueuedComment[]
  flagged: QueuedComment[]
  hidden: QueuedComment[]
}> {
  const base = db
    .selectFrom('comments as c')
    .leftJoin('duties as d', 'd.id', 'c.duty_id')
    .leftJoin('reports as r', 'r.id', 'c.report_id')
    .select([
      'c.id',
      'c.body',
      'c.status',
      'c.flag_count',
      'c.hidden_reason',
      'c.official',
      'c.created_at',
      'c.duty_id',
      'c.report_id',
      'd.title as duty_title',
      'r.title as report_title',
    ])
  const [pending, flagged, hidden] = await Promise.all([
    base
      .where('c.status', '=', 'pending')
      .orderBy('c.created_at')
      .orderBy('c.id')
      .limit(100)
      .execute(),
    base
      .where('c.status', '=', 'published')
      .where('c.flag_count', '>', 0)
      .orderBy('c.flag_count', 'desc')
      .orderBy('c.id')
      .limit(100)
      .execute(),
    base
      .where('c.status', '=', 'hidden')
      .orderBy('c.moderated_at', 'desc')
      .orderBy('c.id', 'desc')
      .limit(30)
      .execute(),
  ])
  const shape = (rows: typeof pending): QueuedComment[] =>
    rows.map((r) => ({
      id: r.id,
      body: r.body,
      status: r.status,
      flagCount: r.flag_count,
      hiddenReason: r.hidden_reason,
      official: r.official,
      createdAt: r.created_at,
      subject:
        r.duty_id !== null
          ? { kind: 'duty', id: r.duty_id, title: r.duty_title ?? '' }
          : { kind: 'report', id: r.report_id!, title: r.report_title ?? '' },
    }))
  return { pending: shape(pending), flagged: shape(flagged), hidden: shape(hidden) }
}

export type ModerationDecision =
  { action: 'approve' } | { action: 'hide'; reason: string } | { action: 'restore' }

/** The coordinator's decision on one comment; false when the comment is not in a fitting state. */
export async function moderateComment(
  db: Kysely<Database>,
  commentId: number,
  decision: ModerationDecision,
): Promise<boolean> {
  const from: CommentStatus[] =
    decision.action === 'approve'
      ? ['pending']
      : decision.action === 'hide'
        ? ['pending', 'published']
        : ['hidden']
  const result = await db
    .updateTable('comments')
    .set(
      decision.action === 'hide'
        ? { status: 'hidden', hidden_reason: decision.reason, moderated_at: new Date() }
        : { status: 'published', hidden_reason: null, moderated_at: new Date(), flag_count: 0 },
    )
    .where('id', '=', commentId)
    .where('status', 'in', from)
    .executeTakeFirst()
  if (decision.action !== 'hide' && Number(result.numUpdatedRows) > 0)
    await db.deleteFrom('comment_flags').where('comment_id', '=', commentId).execute()
  return Number(result.numUpdatedRows) > 0
}
