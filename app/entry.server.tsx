import crypto from 'node:crypto'
import {
  createReadableStreamFromReadable,
  type EntryContext,
  type HandleDataRequestFunction,
} from '@remix-run/node'
import { isRouteErrorResponse, RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { startJobsWithDatabase, stopJobs } from './jobs.server'
import { closeDatabase, getDatabase } from './platform/db.server'
import { getEnv, warnWithoutProviders } from './platform/env.server'
import { UsedNamespacesProvider } from './ui/i18n'
import { NonceProvider } from './ui/nonce'
import { securityHeaders } from './platform/response/security-headers.server'
import { nulFreeBody } from './platform/response/nul-free-stream.server'
import { crossSiteRefusal } from './platform/http.server'

const ABORT_DELAY = 5_000

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

export async function closeAtShutdown(): Promise<void> {
  await stopJobs()
  await closeDatabase()
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  const nonce = crypto.randomBytes(16).toString('base64')
  securityHeaders(responseHeaders, nonce, getEnv().NODE_ENV === 'production')
  // Crawlers and clients without JavaScript get the whole document at once.
  const readyEvent = isbot(request.headers.get('user-agent') ?? '') ? 'onAllReady' : 'onShellReady'

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <UsedNamespacesProvider value={new Set()}>
          <RemixServer
            context={remixContext}
            url={request.url}
            abortDelay={ABORT_DELAY}
            nonce={nonce}
          />
        </UsedNamespacesProvider>
      </NonceProvider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true
          // React 18 pads some chunks with NUL bytes (see nul-free-stream.server.ts).
          const body = nulFreeBody()
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          )
          pipe(body)
        },
        onShellError(error: unknown) {
          reject(error)
        },
        onError(error: unknown) {
          responseStatusCode = 500
          if (shellRendered) console.error(error)
        },
      },
    )
    setTimeout(abort, ABORT_DELAY)
  })
}

export const handleDataRequest: HandleDataRequestFunction = (response) => {
  response.headers.set('X-Content-Type-Options', 'nosniff')
  response.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin')
  return response
}

export function handleError(error: unknown, { request }: { request: Request }) {
  // A 404 or 403 is an answer, not a fault worth logging.
  if (request.signal.aborted || (isRouteErrorResponse(error) && error.status < 500)) return
  console.error('[remix]', error)
}
