import type { LoaderFunctionArgs } from '@remix-run/node'
import { getDb } from '../platform/db.server'
import { getEnv } from '../platform/env.server'
import { localeFromRequest } from '../platform/i18n'
import { feedFile, feedResponse, progressFeed } from '../accountability/feed.server'
import { invariantResponse } from '../platform/http.server'

/** /feeds/progress.xml (RSS) and /feeds/progress.atom: every duty's public progress. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const file = feedFile(params.file)
  invariantResponse(file?.name === 'progress', 'Not found', { status: 404 })
  const body = await progressFeed(await getDb(), { all: true }, file.format, {
    publicUrl: getEnv().PUBLIC_URL,
    locale: localeFromRequest(request),
    selfPath: new URL(request.url).pathname,
  })
  invariantResponse(body, 'Not found', { status: 404 })
  return feedResponse(body, file.format)
}
