import { getDb } from '../platform/db.server'
import { invariantResponse } from '../platform/http.server'
import { latestCheckpoint } from '../transparency/store.server'

/** The log's latest signed checkpoint (C2SP tlog-checkpoint in a signed note). */
export async function loader() {
  const latest = await latestCheckpoint(await getDb())
  invariantResponse(latest, 'No checkpoint yet', { status: 404 })
  return new Response(latest.note, {
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache' },
  })
}
