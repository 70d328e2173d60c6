import { getDb } from '../platform/db.server'
import { logVerifierKey } from '../transparency/log.server'

/** The key that verifies the log's checkpoints, in signed-note form. */
export async function loader() {
  return new Response(`${await logVerifierKey(await getDb())}\n`, {
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache' },
  })
}
