import type { LoaderFunctionArgs } from '@remix-run/node'
import { getDb } from '../platform/db.server'
import { invariantResponse } from '../platform/http.server'
import { tileBytes } from '../transparency/store.server'

/** The tree as C2SP tlog-tiles: hash tiles and entry bundles, each immutable once served. */
export async function loader({ params }: LoaderFunctionArgs) {
  const bytes = await tileBytes(await getDb(), `tile/${params['*'] ?? ''}`)
  invariantResponse(bytes, 'Not found', { status: 404 })
  return new Response(new Uint8Array(bytes), {
    headers: {
      'Content-Type': 'application/octet-stream',
      'Cache-Control': 'public, max-age=31536000, immutable',
    },
  })
}
