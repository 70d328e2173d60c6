import { Feed } from 'feed'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { getEnv } from '../platform/env.server'
import { localeFromRequest, translator, type Locale } from '../platform/i18n'
import type { MessageKey } from '../locales/types'
import { machineHeaders } from '../platform/response/security-headers.server'
import { publicText } from '../privacy/public-text'
import { recentCheckpoints } from '../transparency/store.server'

/**
 * The public steps of a duty that a feed carries (not every rating, which would drown them),
 * each with its timeline label.
 */
const feedEvents = {
  'duty.assigned': 'timeline.types.duty_assigned',
  'duty.started': 'timeline.types.duty_started',
  'duty.progress': 'timeline.types.duty_progress',
  'duty.resolved': 'timeline.types.duty_resolved',
  'duty.review_requested': 'timeline.types.duty_review_requested',
  'duty.reopened': 'timeline.types.duty_reopened',
  'duty.review_dismissed': 'timeline.types.duty_review_dismissed',
  'duty.closed': 'timeline.types.duty_closed',
  'rating.appeal_decided': 'timeline.types.rating_appeal_decided',
} as const satisfies Record<string, MessageKey>

type FeedEvent = keyof typeof feedEvents
const feedEventTypes = Object.keys(feedEvents)

function isFeedEvent(type: string): type is FeedEvent {
  return Object.hasOwn(feedEvents, type)
}

export type FeedScope = { all: true } | { unitSlug: string } | { dutyId: number }
export type FeedFormat = 'rss' | 'atom'

/** An RSS or Atom feed of public progress: everything, one unit's, or one duty's. Null: no such unit/duty. */
/**
 * What a resident, a rater or an officer wrote is text, never markup: RSS readers render an
 * item's description as HTML, so it goes escaped (Atom's type="text" says the same).
 */
function plain(text: string, format: FeedFormat): string {
  return format === 'atom' ? text : text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

async function progressFeed(
  db: Kysely<Database>,
  scope: FeedScope,
  format: FeedFormat,
  options: { publicUrl: string; locale: Locale; selfPath: string },
): Promise<string | null> {
  const t = translator(options.locale)
  const en = options.locale === 'en'
  const base = options.publicUrl.replace(/\/$/, '')
  let title = t('browse.feeds.all')
  let unitId: number | null = null
  if ('unitSlug' in scope) {
    const unit = await db
      .selectFrom('units')
      .select(['id', 'name', 'name_en'])
      .where('slug', '=', scope.unitSlug)
      .executeTakeFirst()
    if (!unit) return null
    unitId = unit.id
    title = t('browse.feeds.unit', { unit: en ? unit.name_en : unit.name })
  }
  if ('dutyId' in scope) {
    const duty = await db
      .selectFrom('duties')
      .select(['id', 'title'])
      .where('id', '=', scope.dutyId)
      .executeTakeFirst()
    if (!duty) return null
    const hidden = await db
      .selectFrom('duty_reports as dr')
      .innerJoin('reports as r', 'r.id', 'dr.report_id')
      .select('r.address')
      .where('dr.duty_id', '=', duty.id)
      .where('r.address_public', '=', false)
      .execute()
    title = t('browse.feeds.duty', {
      title: publicText(
        duty.title,
        hidden.map((h) => h.address),
      ),
    })
  }
  let query = db
    .selectFrom('events as e')
    .innerJoin('duties as d', 'd.id', 'e.duty_id')
    .select(['e.id', 'e.type', 'e.occurred_at', 'e.data', 'd.id as duty_id', 'd.title'])
    .where('e.public', '=', true)
    .where('e.type', 'in', feedEventTypes)
  if (unitId !== null) query = query.where('d.unit_id', '=', unitId)
  if ('dutyId' in scope) query = query.where('d.id', '=', scope.dutyId)
  const events = await query
    .orderBy('e.occurred_at', 'desc')
    .orderBy('e.id', 'desc')
    .limit(50)
    .execute()

  const dutyIds = Array.from(new Set(events.map((e) => e.duty_id)))
  const [privates, updates] = await Promise.all([
    dutyIds.length
      ? db
          .selectFrom('duty_reports as dr')
          .innerJoin('reports as r', 'r.id', 'dr.report_id')
          .select(['dr.duty_id', 'r.address'])
          .where('dr.duty_id', 'in', dutyIds)
          .where('r.address', 'is not', null)
          .where('r.address_public', '=', false)
          .execute()
      : [],
    (() => {
      const ids = events
        .map((e) => Number(e.data.progressUpdateId))
        .filter((n) => Number.isSafeInteger(n) && n > 0)
      return ids.length
        ? db
            .selectFrom('progress_updates')
            .select(['id', 'body_public as body'])
            .where('id', 'in', ids)
            .execute()
        : Promise.resolve([])
    })(),
  ])
  const masksOf = (dutyId: number) =>
    privates.filter((p) => p.duty_id === dutyId).map((p) => p.address)

  const feed = new Feed({
    id: `${base}${options.selfPath}`,
    title: `${title} · ${t('common.siteName')}`,
    description: t('browse.feeds.description'),
    link: `${base}/duties`,
    language: options.locale,
    updated: events[0]?.occurred_at ?? new Date(0),
    generator: 'Kaimen',
    copyright: t('common.siteName'),
    feedLinks: { [format]: `${base}${options.selfPath}` },
  })
  for (const e of events) {
    const data = e.data
    const masks = masksOf(e.duty_id)
    const label = t(isFeedEvent(e.type) ? feedEvents[e.type] : 'timeline.other')
    const parts: string[] = []
    const update = updates.find((u) => u.id === Number(data.progressUpdateId))
    if (update) parts.push(update.body)
    for (const field of ['reason', 'summary', 'note'] as const) {
      const value = data[field]
      if (typeof value === 'string') parts.push(value)
    }
    if (typeof data.deadline === 'string')
      parts.push(t('timeline.deadline', { deadline: data.deadline }))
    const link = `${base}/duties/${e.duty_id}`
    feed.addItem({
      id: `${base}/duties/${e.duty_id}#event-${e.id}`,
      title: plain(publicText(`${e.title}：${label}`, masks), format),
      link,
      date: e.occurred_at,
      description: plain(publicText(parts.join(' ') || label, masks), format),
    })
  }
  // The log's latest signed checkpoints, so readers of the feed keep copies (decision 028).
  if ('all' in scope) {
    for (const c of await recentCheckpoints(db, 3)) {
      feed.addItem({
        id: `${base}/transparency/checkpoints/${c.size}`,
        title: t('transparency.feedTitle', { size: c.size }),
        link: `${base}/transparency/checkpoints/${c.size}`,
        date: c.createdAt,
        description: c.note,
      })
    }
  }
  // The feed package marks Atom texts type="html"; ours are plain text, and say so.
  return format === 'rss'
    ? feed.rss2()
    : feed.atom1().replaceAll('type="html"><![CDATA[', 'type="text"><![CDATA[')
}

/** 'huangpu.xml' → the slug and the format; null for any other name. */
export function feedFile(file: string | undefined): { name: string; format: FeedFormat } | null {
  const match = /^([a-z0-9-]{1,60})\.(xml|atom)$/.exec(file ?? '')
  if (!match) return null
  return { name: match[1]!, format: match[2] === 'xml' ? 'rss' : 'atom' }
}

/** The feed a request asks for, as its response; null when its unit or duty does not exist. */
export async function progressFeedResponse(
  db: Kysely<Database>,
  scope: FeedScope,
  format: FeedFormat,
  request: Request,
): Promise<Response | null> {
  const body = await progressFeed(db, scope, format, {
    publicUrl: getEnv().PUBLIC_URL,
    locale: localeFromRequest(request),
    selfPath: new URL(request.url).pathname,
  })
  if (body === null) return null
  return new Response(body, {
    headers: {
      ...machineHeaders,
      'Content-Type': `${format === 'rss' ? 'application/rss+xml' : 'application/atom+xml'}; charset=utf-8`,
      'Cache-Control': 'public, max-age=300',
    },
  })
}
