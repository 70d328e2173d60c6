import type { LoaderFunctionArgs } from '@remix-run/node'
import { feedFile, progressFeedResponse } from '../accountability/feed.server'
import { getDb } from '../platform/db.server'
import { invariantResponse } from '../platform/http.server'

/** /feeds/duties/<id>.xml and .atom: one duty's public history. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const file = feedFile(params.file)
  invariantResponse(file && /^\d{1,9}$/.test(file.name), 'Not found', { status: 404 })
  const response = await progressFeedResponse(
    await getDb(),
    { dutyId: Number(file.name) },
    file.format,
    request,
  )
  invariantResponse(response, 'Not found', { status: 404 })
  return response
}
