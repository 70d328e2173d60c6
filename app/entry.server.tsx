import { type EntryContext, type HandleDataRequestFunction } from '@remix-run/node'
import { isRouteErrorResponse, RemixServer } from '@remix-run/react'
import { renderToPipeableStream } from 'react-dom/server'
import { startJobsWithDatabase, stopJobs } from './jobs.server'
import { closeDatabase, getDatabase } from './platform/db.server'
import { getEnv, warnWithoutProviders } from './platform/env.server'
import { UsedNamespacesProvider } from './ui/i18n'
import { inlineScriptHashes, securityHeaders } from './platform/response/security-headers.server'
import { createPageCache, sharedKeyOf } from './platform/response/page-cache.server'
import { nulFreeBody } from './platform/response/nul-free-stream.server'
import { crossSiteRefusal } from './platform/http.server'

const ABORT_DELAY = 5_000
const production = getEnv().NODE_ENV === 'production'

startJobsWithDatabase()
warnWithoutProviders()

/**
 * For the Express server (server/index.ts), which loads this build: open the database (migrate,
 * seed, start the jobs) before listening, so a locked embedded database stops the start.
 */
export async function openAtStart(): Promise<void> {
  await getDatabase()
}

/** For the Express server, once its requests have drained: stop the jobs, close the database. */
/**
 * For server/index.ts, before Remix: Remix's own Host/Origin check answers a foreign post with
 * 500, so the server refuses cross-site posts first with our plain 403 (docs/decisions/023).
 */
export function refuseCrossSite(request: Request): Response | null {
  const machine = new URL(request.url).pathname.startsWith('/open311/')
  return crossSiteRefusal(request, getEnv().PUBLIC_URL, { machine })
}

/** For the Express server: the shared page cache in front of Remix (decision 029). */
export const pageCache = createPageCache({ seconds: getEnv().PAGE_CACHE_SECONDS })
export { answerFrom, sharedKeyOf } from './platform/response/page-cache.server'

export async function closeAtShutdown(): Promise<void> {
  await stopJobs()
  await closeDatabase()
}

/**
 * Every page is rendered whole before it is sent: its Content-Security-Policy lists the hash of
 * each inline script it carries (no per-request nonce), so the same bytes and headers can be
 * shared from the page cache (docs/decisions/029).
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  personalUnlessShared(request, responseHeaders)
  return new Promise<Response>((resolve, reject) => {
    let status = responseStatusCode
    const { pipe, abort } = renderToPipeableStream(
      <UsedNamespacesProvider value={new Set()}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />
      </UsedNamespacesProvider>,
      {
        onAllReady() {
          // React 18 pads some chunks with NUL bytes (see nul-free-stream.server.ts).
          const body = nulFreeBody()
          const chunks: Buffer[] = []
          body.on('data', (chunk: Buffer) => chunks.push(chunk))
          body.on('end', () => {
            clearTimeout(timer)
            const html = Buffer.concat(chunks).toString('utf8')
            securityHeaders(responseHeaders, inlineScriptHashes(html), production)
            responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
            resolve(new Response(html, { headers: responseHeaders, status }))
          })
          pipe(body)
        },
        onShellError(error: unknown) {
          clearTimeout(timer)
          reject(error)
        },
        onError(error: unknown) {
          status = 500
          console.error(error)
        },
      },
    )
    const timer = setTimeout(abort, ABORT_DELAY)
  })
}

/**
 * A public page rendered for someone with a session (staff, a signed-in reporter) shows their
 * name: no shared cache may keep it.
 */
function personalUnlessShared(request: Request, headers: Headers) {
  if (!/\bs-maxage=/.test(headers.get('Cache-Control') ?? '')) return
  const url = new URL(request.url)
  const shared = sharedKeyOf({
    method: request.method,
    url: url.pathname + url.search,
    cookie: request.headers.get('cookie') ?? undefined,
    authorization: request.headers.get('authorization') ?? undefined,
  })
  if (!shared) headers.set('Cache-Control', 'private, no-cache')
}

export const handleDataRequest: HandleDataRequestFunction = (response, { request }) => {
  personalUnlessShared(request, response.headers)
  response.headers.set('X-Content-Type-Options', 'nosniff')
  response.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin')
  return response
}

export function handleError(error: unknown, { request }: { request: Request }) {
  // A 404 or 403 is an answer, not a fault worth logging.
  if (request.signal.aborted || (isRouteErrorResponse(error) && error.status < 500)) return
  console.error('[remix]', error)
}
