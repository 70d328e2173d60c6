import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { transitionDuty } from '../duties/duty.server'
import type { SmsProps, SmsTemplateName } from '../platform/messages/sms-templates'
import { queueToContact } from '../platform/outbox.server'
import { addWorkingDays, chinaToday } from '../duties/working-days'
import { REMINDER_AFTER_DAYS } from './rating'
import { ratingWindowDays } from './rating.server'

interface ResolvedDuty {
  id: number
  title: string
  resolution_summary: string | null
  resolved_at: Date | null
  reopened_count: number
}

interface Reporter {
  id: number
  follow_token: string
  contact_email: string | null
  contact_mobile: string | null
  rating_id: number | null
  updated_at: Date | null
}

function rateUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/$/, '')}/rate/${token}`
}

/** Reporters of the duty who can be written to, with their rating if they gave one. */
async function reportersOf(db: Kysely<Database>, dutyId: number): Promise<Reporter[]> {
  return db
    .selectFrom('duty_reports as dr')
    .innerJoin('reports as r', 'r.id', 'dr.report_id')
    .leftJoin('ratings as g', (join) =>
      join.onRef('g.report_id', '=', 'r.id').onRef('g.duty_id', '=', 'dr.duty_id'),
    )
    .select([
      'r.id',
      'r.follow_token',
      'r.contact_email',
      'r.contact_mobile',
      'g.id as rating_id',
      'g.updated_at',
    ])
    .where('dr.duty_id', '=', dutyId)
    .where('r.anonymized_at', 'is', null)
    .where((eb) =>
      eb.or([eb('r.contact_email', 'is not', null), eb('r.contact_mobile', 'is not', null)]),
    )
    .execute()
}

/** Queues one message per reporter (email, or SMS with only a mobile); the dedupe key makes a second run send nothing. */
async function queueOnce<N extends SmsTemplateName>(
  db: Kysely<Database>,
  reporters: Reporter[],
  message: (r: Reporter) => { template: N; props: SmsProps<N>; dedupeKey: string },
): Promise<number> {
  let queued = 0
  for (const r of reporters) {
    const contact = { email: r.contact_email, mobile: r.contact_mobile }
    if (await queueToContact(db, contact, message(r))) queued++
  }
  return queued
}

/**
 * The reporters' time runs from when they were asked (a duty resolved before this job first
 * ran is not closed or reminded before anyone could rate it).
 */
async function askedDay(db: Kysely<Database>, duty: ResolvedDuty): Promise<string> {
  const asked = await db
    .selectFrom('email_outbox')
    .select((eb) => eb.fn.min<Date>('created_at').as('at'))
    .where('dedupe_key', 'like', `rating-invitation:${duty.id}:%:${duty.reopened_count}`)
    .executeTakeFirst()
  const askedAt = asked?.at ? new Date(asked.at) : duty.resolved_at!
  return chinaToday(askedAt > duty.resolved_at! ? askedAt : duty.resolved_at!)
}

/** Closes the duty unless a review is open or someone changed its status meanwhile. */
async function closeAfterWindow(
  db: Kysely<Database>,
  dutyId: number,
  windowDays: number,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const open = await trx
      .selectFrom('duty_reviews')
      .select('id')
      .where('duty_id', '=', dutyId)
      .where('status', '=', 'open')
      .executeTakeFirst()
    const current = await trx
      .selectFrom('duties')
      .select('status')
      .where('id', '=', dutyId)
      .forUpdate()
      .executeTakeFirstOrThrow()
    if (open || current.status !== 'resolved') return false
    await transitionDuty(trx, {
      dutyId,
      action: 'close',
      actor: 'system',
      eventData: { windowDays },
    })
    return true
  })
}

/**
 * For every resolved duty: invite each linked reporter with an email to rate (once per
 * resolution), remind those who have not rated after 3 working days (once), and close the
 * duty when the rating window has passed with no open review.
 */
export async function runRatingJobs(
  db: Kysely<Database>,
  options: { publicUrl: string; now?: Date },
): Promise<{ invited: number; reminded: number; closed: number }> {
  const today = chinaToday(options.now ?? new Date())
  const window = await ratingWindowDays(db)
  const duties = await db
    .selectFrom('duties')
    .select(['id', 'title', 'resolution_summary', 'resolved_at', 'reopened_count'])
    .where('status', '=', 'resolved')
    .where('resolved_at', 'is not', null)
    .orderBy('id')
    .limit(500)
    .execute()
  const counts = { invited: 0, reminded: 0, closed: 0 }
  for (const duty of duties) {
    const reporters = await reportersOf(db, duty.id)
    counts.invited += await queueOnce(db, reporters, (r) => ({
      template: 'rating-invitation',
      props: {
        title: duty.title,
        summary: duty.resolution_summary ?? '',
        rateUrl: rateUrl(options.publicUrl, r.follow_token),
        windowDays: window,
      },
      dedupeKey: `rating-invitation:${duty.id}:${r.id}:${duty.reopened_count}`,
    }))
    const startDay = await askedDay(db, duty)
    if (today >= addWorkingDays(startDay, REMINDER_AFTER_DAYS)) {
      const notRated = reporters.filter(
        (r) => r.rating_id === null || r.updated_at! < duty.resolved_at!,
      )
      counts.reminded += await queueOnce(db, notRated, (r) => ({
        template: 'rating-reminder',
        props: { title: duty.title, rateUrl: rateUrl(options.publicUrl, r.follow_token) },
        dedupeKey: `rating-reminder:${duty.id}:${r.id}:${duty.reopened_count}`,
      }))
    }
    if (today >= addWorkingDays(startDay, window) && (await closeAfterWindow(db, duty.id, window)))
      counts.closed++
  }
  return counts
}
