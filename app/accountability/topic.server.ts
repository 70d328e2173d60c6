import crypto from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import type { z } from 'zod'
import type { Database, DutyStatus } from '../../db/schema'
import { DomainError } from '../platform/errors'
import { appendEvent } from '../platform/event.server'
import { formatDate, type Locale } from '../platform/i18n'
import { SIMILARITY_THRESHOLD } from '../reporting/similar-reports.server'
import type { TopicSchema } from './topic-schema'
import { reportNumber } from '../privacy/report-number'

/** Focus topics (集中整治): clusters of similar reports rectified together under one lead unit. */

export interface Cluster {
  categoryName: string
  areaName: string
  /** The duties its reports are linked to, and the unit most of them belong to: the proposal. */
  dutyIds: number[]
  leadUnitId: number | null
  reports: Array<{
    id: number
    number: string
    title: string
    dutyId: number | null
  }>
}

/** Open reports compared with each other, newest first, so the pairing stays bounded. */
const RECENT_OPEN_REPORTS = 400

/**
 * Clusters of similar open reports: same category, same street (the street or its
 * communities), and text similar by pg_trgm; pairs are joined into clusters. Reports whose
 * duty already belongs to a topic are left out.
 */
export async function proposeClusters(db: Kysely<Database>, locale: Locale): Promise<Cluster[]> {
  const { rows: pairs } = await sql<{ a: number; b: number }>`
    with open as (
      select r.id, r.category_id, coalesce(case when ar.level = 'community' then ar.parent_id end, ar.id) as street_id,
        r.title || ' ' || r.body as text
      from reports r
      join areas ar on ar.id = r.area_id
      left join duty_reports dr on dr.report_id = r.id
      left join duties d on d.id = dr.duty_id
      where (r.status = 'pending' or (r.status = 'accepted' and d.status in ('assigned', 'in_progress')))
        and d.topic_id is null
      order by r.created_at desc
      limit ${RECENT_OPEN_REPORTS}
    )
    select x.id as a, y.id as b
    from open x join open y
      on x.category_id = y.category_id and x.street_id = y.street_id and x.id < y.id
    where similarity(x.text, y.text) >= ${SIMILARITY_THRESHOLD}`.execute(db)
  if (!pairs.length) return []

  // Union-find over the pairs: similar-to-similar reports land in one cluster.
  const parent = new Map<number, number>()
  const find = (x: number): number => {
    const p = parent.get(x) ?? x
    if (p === x) return x
    const root = find(p)
    parent.set(x, root)
    return root
  }
  for (const { a, b } of pairs) parent.set(find(a), find(b))
  const groups = new Map<number, number[]>()
  for (const id of new Set(pairs.flatMap((p) => [p.a, p.b]))) {
    const root = find(id)
    groups.set(root, [...(groups.get(root) ?? []), id])
  }
  const ids = [...groups.values()].flat()
  const reports = await db
    .selectFrom('reports as r')
    .innerJoin('categories as c', 'c.id', 'r.category_id')
    .innerJoin('areas as a', 'a.id', 'r.area_id')
    .leftJoin('areas as s', 's.id', 'a.parent_id')
    .leftJoin('duty_reports as dr', 'dr.report_id', 'r.id')
    .leftJoin('duties as d', 'd.id', 'dr.duty_id')
    .select([
      'r.id',
      'r.title',
      'c.name as category',
      'c.name_en as category_en',
      'a.level',
      'a.name as area',
      'a.name_en as area_en',
      's.name as street',
      's.name_en as street_en',
      'd.id as duty_id',
      'd.unit_id',
    ])
    .where('r.id', 'in', ids)
    .orderBy('r.id')
    .execute()
  const byId = new Map(reports.map((r) => [r.id, r]))
  const en = locale === 'en'
  return [...groups.values()]
    .map((members) => {
      const rows = members.map((id) => byId.get(id)!).filter(Boolean)
      const first = rows[0]!
      const street =
        first.level === 'community'
          ? ((en ? first.street_en : first.street) ?? '')
          : en
            ? first.area_en
            : first.area
      return {
        categoryName: en ? first.category_en : first.category,
        areaName: street,
        dutyIds: rows.map((r) => r.duty_id).filter((d) => d !== null),
        leadUnitId: mostCommon(rows.map((r) => r.unit_id)),
        reports: rows.map((r) => ({
          id: r.id,
          number: reportNumber(r.id),
          title: r.title,
          dutyId: r.duty_id,
        })),
      }
    })
    .sort((a, b) => b.reports.length - a.reports.length)
}

function mostCommon(ids: Array<number | null>): number | null {
  const counts = new Map<number, number>()
  for (const id of ids) if (id !== null) counts.set(id, (counts.get(id) ?? 0) + 1)
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null
}

/**
 * The coordinator's desk: proposed clusters, the duties that may join a topic (not yet in one,
 * not closed; newest first), the units that may lead it, and the topics already open.
 */
export async function topicDesk(db: Kysely<Database>, locale: Locale) {
  const en = locale === 'en'
  const [clusters, duties, units, topics] = await Promise.all([
    proposeClusters(db, locale),
    db
      .selectFrom('duties as d')
      .innerJoin('units as u', 'u.id', 'd.unit_id')
      .select(['d.id', 'd.title', 'u.name as unit_name', 'u.name_en as unit_name_en'])
      .where('d.topic_id', 'is', null)
      .where('d.status', '!=', 'closed')
      .orderBy('d.id', 'desc')
      .limit(300)
      .execute(),
    db.selectFrom('units').select(['id', 'name', 'name_en']).orderBy('sort_order').execute(),
    listTopics(db),
  ])
  return {
    clusters,
    duties: duties.map((d) => ({
      id: d.id,
      title: d.title,
      unit: en ? d.unit_name_en : d.unit_name,
    })),
    units: units.map((u) => ({ value: u.id, label: en ? u.name_en : u.name })),
    topics: topics.map((t) => ({ slug: t.slug, title: t.title })),
  }
}

/** Opens a topic over duties that belong to none yet (409 when one does). */
export async function openTopic(
  db: Kysely<Database>,
  input: z.infer<typeof TopicSchema>,
  actor: string,
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const dutyIds = [...new Set(input.dutyIds)]
    const free = await trx
      .selectFrom('duties')
      .select('id')
      .where('id', 'in', dutyIds)
      .where('topic_id', 'is', null)
      .forUpdate()
      .execute()
    if (free.length !== dutyIds.length)
      throw new DomainError(409, 'accountability.topics.dutyTaken')
    const slug = `${new Date().getFullYear()}-${crypto.randomBytes(4).toString('hex')}`
    const topic = await trx
      .insertInto('topics')
      .values({
        slug,
        title: input.title,
        description: input.description,
        lead_unit_id: input.leadUnitId,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('topic_duties')
      .values(dutyIds.map((duty_id) => ({ topic_id: topic.id, duty_id })))
      .execute()
    await trx.updateTable('duties').set({ topic_id: topic.id }).where('id', 'in', dutyIds).execute()
    await appendEvent(trx, {
      type: 'topic.opened',
      actor,
      public: true,
      data: { topicId: topic.id, slug, dutyIds },
    })
    return slug
  })
}

/** Combined progress: the mean of the duties' progress, and how many are resolved. */
function combinedProgress(duties: Array<{ status: DutyStatus; progress: number }>) {
  const total = duties.length
  const resolved = duties.filter((d) => d.status === 'resolved' || d.status === 'closed').length
  const percent = total ? Math.round(duties.reduce((a, d) => a + d.progress, 0) / total) : 0
  return { total, resolved, percent }
}

function topicQuery(db: Kysely<Database>) {
  return db
    .selectFrom('topics as t')
    .innerJoin('units as u', 'u.id', 't.lead_unit_id')
    .select((eb) => [
      't.id',
      't.slug',
      't.title',
      't.description',
      't.status',
      't.created_at',
      'u.slug as unit_slug',
      'u.name as unit_name',
      'u.name_en as unit_name_en',
      jsonArrayFrom(
        eb
          .selectFrom('topic_duties as td')
          .innerJoin('duties as d', 'd.id', 'td.duty_id')
          .innerJoin('units as du', 'du.id', 'd.unit_id')
          .select([
            'd.id',
            'd.title',
            'd.status',
            'd.progress',
            'd.deadline',
            'du.name as unit_name',
            'du.name_en as unit_name_en',
          ])
          .whereRef('td.topic_id', '=', 't.id')
          .orderBy('d.id'),
      ).as('duties'),
    ])
}

function listTopics(db: Kysely<Database>) {
  return topicQuery(db).orderBy('t.created_at', 'desc').limit(100).execute()
}

/** The public list of topics, each with its lead unit and combined progress. */
export async function topicSummaries(db: Kysely<Database>, locale: Locale) {
  const topics = await listTopics(db)
  return topics.map((topic) => ({
    slug: topic.slug,
    title: topic.title,
    status: topic.status,
    leadUnit: locale === 'en' ? topic.unit_name_en : topic.unit_name,
    progress: combinedProgress(topic.duties),
  }))
}

/** One topic's public page: its duties and combined progress; undefined for no such topic. */
export async function topicView(db: Kysely<Database>, slug: string, locale: Locale) {
  if (!/^[a-z0-9-]{1,60}$/.test(slug)) return undefined
  const topic = await topicQuery(db).where('t.slug', '=', slug).executeTakeFirst()
  if (!topic) return undefined
  const en = locale === 'en'
  return {
    title: topic.title,
    description: topic.description,
    status: topic.status,
    leadUnit: en ? topic.unit_name_en : topic.unit_name,
    leadUnitSlug: topic.unit_slug,
    progress: combinedProgress(topic.duties),
    duties: topic.duties.map((d) => ({
      id: d.id,
      title: d.title,
      status: d.status,
      progress: d.progress,
      deadline: d.deadline,
      deadlineText: d.deadline ? formatDate(d.deadline, locale) : null,
      unit: en ? d.unit_name_en : d.unit_name,
    })),
  }
}
