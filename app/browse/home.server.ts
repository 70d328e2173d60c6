import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { cached } from '../platform/cache.server'
import { getDb } from '../platform/db.server'
import { formatDateTime, localeFromRequest } from '../platform/i18n'

/** Today on the mainland calendar, as the database sees it. */
const today = sql<string>`(now() at time zone 'Asia/Shanghai')::date`

export interface HomeStats {
  reports: number
  open: number
  resolved: number
  overdue: number
}

/** The home page: the campaign's figures and the latest progress units have posted. */
export async function homePage(request: Request) {
  const db = await getDb()
  const locale = localeFromRequest(request)
  const [stats, progress] = await Promise.all([homeStats(db), latestProgress(db)])
  return {
    stats,
    progress: progress.map((p) => ({
      id: p.id,
      body: p.body,
      percent: p.progress,
      at: formatDateTime(p.created_at, locale),
      dutyId: p.duty_id,
      dutyTitle: p.duty_title,
      unitName: locale === 'en' ? p.unit_name_en : p.unit_name,
      unitSlug: p.unit_slug,
    })),
  }
}

function homeStats(db: Kysely<Database>): Promise<HomeStats> {
  return cached('public:home-stats', () => loadHomeStats(db))
}

async function loadHomeStats(db: Kysely<Database>): Promise<HomeStats> {
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom('reports')
        .select((e) => e.fn.countAll<number>().as('n'))
        .where('status', '!=', 'merged')
        .as('reports'),
      eb
        .selectFrom('duties')
        .select((e) => e.fn.countAll<number>().as('n'))
        .where('status', 'in', ['assigned', 'in_progress'])
        .as('open'),
      eb
        .selectFrom('duties')
        .select((e) => e.fn.countAll<number>().as('n'))
        .where('status', 'in', ['resolved', 'closed'])
        .as('resolved'),
      eb
        .selectFrom('duties')
        .select((e) => e.fn.countAll<number>().as('n'))
        .where('status', 'in', ['assigned', 'in_progress'])
        .where('deadline', '<', today)
        .as('overdue'),
    ])
    .executeTakeFirstOrThrow()
  return {
    reports: Number(row.reports),
    open: Number(row.open),
    resolved: Number(row.resolved),
    overdue: Number(row.overdue),
  }
}

function latestProgress(db: Kysely<Database>, limit = 6) {
  // 4 s, not CACHE_SECONDS: with the shared page cache's 5 s a new progress update is on the
  // home page within 10 s (decision 029).
  return cached(`public:latest-progress:${limit}`, () => loadLatestProgress(db, limit), 4)
}

function loadLatestProgress(db: Kysely<Database>, limit: number) {
  return db
    .selectFrom('progress_updates as p')
    .innerJoin('duties as d', 'd.id', 'p.duty_id')
    .innerJoin('units as u', 'u.id', 'd.unit_id')
    .select([
      'p.id',
      'p.body_public as body',
      'p.progress',
      'p.created_at',
      'd.id as duty_id',
      'd.title as duty_title',
      'u.name as unit_name',
      'u.name_en as unit_name_en',
      'u.slug as unit_slug',
    ])
    .orderBy('p.created_at', 'desc')
    .orderBy('p.id', 'desc')
    .limit(limit)
    .execute()
}
