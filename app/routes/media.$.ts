import type { LoaderFunctionArgs } from '@remix-run/node'
import { getDb } from '../platform/db.server'
import { invariantResponse } from '../platform/http.server'
import { storedPhoto } from '../reporting/attachment.server'
import { machineHeaders } from '../platform/response/security-headers.server'

/** Serves a stored photo, only if an attachment records it; keys are random and never change. */
export async function loader({ params }: LoaderFunctionArgs) {
  const photo = await storedPhoto(await getDb(), params['*'] ?? '')
  invariantResponse(photo, 'Not found', { status: 404 })
  return new Response(new Uint8Array(photo.data), {
    headers: {
      'Content-Type': photo.mime,
      'Cache-Control': 'public, max-age=31536000, immutable',
      ...machineHeaders,
    },
  })
}
