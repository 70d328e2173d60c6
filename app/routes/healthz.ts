import { sql } from 'kysely'
import { getDatabase } from '../platform/db.server'

/** For load balancers and people: is the app up, and can it reach its database? */
export async function loader() {
  const started = Date.now()
  try {
    const { db, embedded } = await getDatabase()
    await sql`select 1`.execute(db)
    return Response.json(
      {
        status: 'ok',
        database: {
          status: 'ok',
          engine: embedded ? 'pglite' : 'postgresql',
          latencyMs: Date.now() - started,
        },
      },
      { headers: { 'Cache-Control': 'no-store' } },
    )
  } catch (error) {
    console.error('[healthz]', error)
    return Response.json(
      { status: 'degraded', database: { status: 'unreachable' } },
      { status: 503, headers: { 'Cache-Control': 'no-store' } },
    )
  }
}
