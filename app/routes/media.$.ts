import type { LoaderFunctionArgs } from '@remix-run/node'
import { getDb } from '../platform/db.server'
import { invariantResponse } from '../platform/http.server'
import { getStorage } from '../platform/storage.server'

/** Serves a stored photo, only if an attachment records it; keys are random and never change. */
export async function loader({ params }: LoaderFunctionArgs) {
  const key = params['*'] ?? ''
  // Keys are `YYYY-MM/<random>.<ext>`; anything else cannot be a photo of ours.
  invariantResponse(/^\d{4}-\d{2}\/[\w-]{8,64}\.(jpeg|png|webp)$/.test(key), 'Not found', {
    status: 404,
  })
  const db = await getDb()
  const attachment = await db
    .selectFrom('attachments')
    .select(['mime'])
    .where('storage_key', '=', key)
    .executeTakeFirst()
  invariantResponse(attachment, 'Not found', { status: 404 })
  const data = await getStorage().get(key)
  invariantResponse(data, 'Not found', { status: 404 })
  return new Response(new Uint8Array(data), {
    headers: {
      'Content-Type': attachment.mime,
      'Cache-Control': 'public, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'",
    },
  })
}
