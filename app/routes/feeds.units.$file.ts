import type { LoaderFunctionArgs } from '@remix-run/node'
import { feedFile, progressFeedResponse } from '../accountability/feed.server'
import { getDb } from '../platform/db.server'
import { invariantResponse } from '../platform/http.server'

/** /feeds/units/<slug>.xml and .atom: one unit's public progress. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const file = feedFile(params.file)
  invariantResponse(file, 'Not found', { status: 404 })
  const response = await progressFeedResponse(
    await getDb(),
    { unitSlug: file.name },
    file.format,
    request,
  )
  invariantResponse(response, 'Not found', { status: 404 })
  return response
}
