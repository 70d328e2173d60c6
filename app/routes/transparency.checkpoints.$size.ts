import type { LoaderFunctionArgs } from '@remix-run/node'
import { getDb } from '../platform/db.server'
import { invariantResponse } from '../platform/http.server'
import { checkpointOfSize } from '../transparency/store.server'

/** The checkpoint the log signed when its tree had `size` leaves: it never changes. */
export async function loader({ params }: LoaderFunctionArgs) {
  const size = /^(0|[1-9][0-9]{0,14})$/.test(params.size ?? '') ? Number(params.size) : null
  invariantResponse(size !== null, 'Not found', { status: 404 })
  const checkpoint = await checkpointOfSize(await getDb(), size)
  invariantResponse(checkpoint, 'Not found', { status: 404 })
  return new Response(checkpoint.note, {
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'public, max-age=31536000, immutable',
    },
  })
}
