import type { LoaderFunctionArgs } from '@remix-run/node'
import { feedFile, progressFeedResponse } from '../accountability/feed.server'
import { getDb } from '../platform/db.server'
import { invariantResponse } from '../platform/http.server'

/** /feeds/progress.xml (RSS) and /feeds/progress.atom: every duty's public progress. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const file = feedFile(params.file)
  invariantResponse(file?.name === 'progress', 'Not found', { status: 404 })
  const response = await progressFeedResponse(await getDb(), { all: true }, file.format, request)
  invariantResponse(response, 'Not found', { status: 404 })
  return response
}
