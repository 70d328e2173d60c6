import { sql, type Kysely } from 'kysely'
import type { Database, ReportStatus } from '../../db/schema'

/** Open reports that may be the same problem: scores at or above this are shown. */
export const SIMILARITY_THRESHOLD = 0.25

/** An open report that may describe the same problem, with how close its text is. */
export interface SimilarReport {
  id: number
  title: string
  status: ReportStatus
  createdAt: Date
  score: number
}

/**
 * Open (pending or accepted) reports of the same category in the same street — the street
 * itself or any of its communities — whose title or text is similar, by pg_trgm trigrams.
 * Chinese has no spaces, so a whole run of characters is one "word" and its trigrams still
 * overlap when two people describe the same thing.
 */
export async function findSimilarReports(
  db: Kysely<Database>,
  query: { categoryId: number; streetId: number; title: string; body?: string; limit?: number },
): Promise<SimilarReport[]> {
  const title = query.title.trim().slice(0, 80)
  const text = `${title} ${(query.body ?? '').trim().slice(0, 600)}`.trim()
  if (Array.from(title).length < 2) return []
  // Only the public twins: another reporter's private address or number cannot be probed for.
  const score = sql<number>`greatest(similarity(r.title_public, ${title}), similarity(r.title_public || ' ' || r.body_public, ${text}))`
  const rows = await db
    .selectFrom('reports as r')
    .innerJoin('areas as a', 'a.id', 'r.area_id')
    .select(['r.id', 'r.title_public as title', 'r.status', 'r.created_at', score.as('score')])
    .where('r.category_id', '=', query.categoryId)
    .where('r.status', 'in', ['pending', 'accepted'])
    .where((eb) =>
      eb.or([eb('r.area_id', '=', query.streetId), eb('a.parent_id', '=', query.streetId)]),
    )
    .where(score, '>=', SIMILARITY_THRESHOLD)
    .orderBy(score, 'desc')
    .orderBy('r.id', 'desc')
    .limit(query.limit ?? 5)
    .execute()
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    status: r.status,
    createdAt: r.created_at,
    score: Number(r.score),
  }))
}

/** A similar report as the report form lists it: no score, the date as the browser parses it. */
export interface SimilarReportItem {
  id: number
  title: string
  status: ReportStatus
  createdAt: string
}

export function similarReportItems(reports: SimilarReport[]): SimilarReportItem[] {
  return reports.map((r) => ({
    id: r.id,
    title: r.title,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
  }))
}
