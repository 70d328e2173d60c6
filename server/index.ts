/**
 * The production server (`npm start`): Express serving the Remix build, as the Epic Stack does,
 * because remix-serve neither drains nor closes the database on SIGTERM (docs/decisions/024).
 *
 * Start: open the database (migrate, seed the demo on the embedded one, start the jobs), then
 * listen. A locked embedded database ends the start with exit code 1 and the holder's pid.
 * Stop (SIGTERM, SIGINT): stop accepting, let in-flight requests finish (at most DRAIN_MS),
 * stop the jobs after their current step, close the pool or the embedded database and its
 * lock, exit 0.
 */
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import fs from 'node:fs'
import { createRequestHandler } from '@remix-run/express'
import {
  createRequestHandler as createWebHandler,
  writeReadableStreamToWritable,
  type ServerBuild,
} from '@remix-run/node'
import compression from 'compression'
import type * as pageCaching from '../app/platform/response/page-cache.server'
import express from 'express'
import morgan from 'morgan'

/** How long in-flight requests may take to finish after a stop signal; deploy/kaimen.service waits longer. */
const DRAIN_MS = 10_000
/** Past this the process exits anyway, so a stop never outlasts the service manager's patience. */
const HARD_STOP_MS = 14_000

process.env.NODE_ENV ??= 'production'

/** What app/entry.server.tsx exports for this server besides the Remix entry. */
interface Lifecycle {
  openAtStart: () => Promise<void>
  closeAtShutdown: () => Promise<void>
  refuseCrossSite: (request: Request) => Response | null
  pageCache: pageCaching.PageCache
  sharedKeyOf: typeof pageCaching.sharedKeyOf
  answerFrom: typeof pageCaching.answerFrom
}

const build = (await import(pathToFileURL(path.resolve('build/index.js')).href)) as ServerBuild
const lifecycle = build.entry.module as unknown as Lifecycle

try {
  await lifecycle.openAtStart()
} catch (error) {
  const message = error instanceof Error ? error.message : String(error)
  if (!process.env.DATABASE_URL) {
    // The embedded database lives in this process: without it there is nothing to serve.
    console.error(`[server] cannot open the embedded database: ${message}`)
    process.exit(1)
  }
  // PostgreSQL may come back: serve, answer /healthz/ready with 503, retry on each request.
  console.error(`[server] PostgreSQL is not reachable yet: ${message}`)
}

const app = express()
app.disable('x-powered-by')
app.use(compression())
app.use(
  morgan('tiny', {
    // Probes and fingerprinted assets that went well are noise in the log.
    skip: (req, res) =>
      req.originalUrl.startsWith('/healthz') ||
      (req.originalUrl.startsWith('/build/') && res.statusCode < 400),
  }),
)
// Fingerprinted by the build, so they never change under their name.
app.use('/build', express.static('public/build', { immutable: true, maxAge: '1y' }))
// The few files at the top of public/ (favicon): looked up by name, not with a stat per request.
const publicFiles = new Set(fs.readdirSync('public').filter((name) => name !== 'build'))
const publicStatic = express.static('public', { maxAge: '1h' })
app.use((req, res, next) =>
  publicFiles.has(req.path.slice(1)) ? publicStatic(req, res, next) : next(),
)
// The shared page cache answers anonymous visitors before anything else runs (decision 029).
const { pageCache, sharedKeyOf, answerFrom } = lifecycle
const renderShared = createWebHandler(build, process.env.NODE_ENV)
const sharedOrigin = new URL(
  process.env.PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? 3000}`,
).origin
app.use((req, res, next) => {
  const key = sharedKeyOf({
    method: req.method,
    url: req.originalUrl,
    cookie: req.headers.cookie,
    authorization: req.headers.authorization,
  })
  if (!key) {
    // A write that went through may change what the public sees: drop every shared page once
    // it is done. A refused one (403, 400, 429) changed nothing and empties nothing.
    if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS')
      res.on('finish', () => res.statusCode < 400 && pageCache.forget())
    return next()
  }
  // The site's own origin, never the request's Host: a forged Host cannot reach a shared page.
  const url = `${sharedOrigin}${req.originalUrl}`
  // Built only when the cache misses. Rendered unencoded: a kept page is gzipped once by the
  // cache, anything else on the way out. Conditions pass: a route's own 304 (a chart, a photo)
  // is not a 200, so it is never kept.
  const render = () => {
    const headers = new Headers()
    for (const [name, value] of Object.entries(req.headers))
      if (typeof value === 'string' && name !== 'accept-encoding') headers.set(name, value)
    return renderShared(new Request(url, { headers }), {
      clientAddress: req.socket.remoteAddress,
    })
  }
  pageCache.serve(key, render).then((served) => {
    if ('response' in served) return send(res, served.response, req.method)
    const answer = answerFrom(
      served.page,
      {
        method: req.method,
        ifNoneMatch: req.headers['if-none-match'],
        acceptEncoding: req.headers['accept-encoding'],
      },
      Date.now(),
      served.hit,
    )
    res.status(answer.status)
    for (const [name, value] of answer.headers) res.setHeader(name, value)
    res.end(answer.body)
  }, next)
})

/** A rendered answer that may not be shared, sent as it came (streamed). */
function send(res: express.Response, response: Response, method: string) {
  res.status(response.status)
  for (const [name, value] of response.headers)
    if (name !== 'set-cookie') res.setHeader(name, value)
  const cookies = response.headers.getSetCookie()
  if (cookies.length) res.setHeader('Set-Cookie', cookies)
  if (!response.body || method === 'HEAD') return res.end()
  writeReadableStreamToWritable(response.body, res).catch((error: unknown) =>
    res.destroy(error instanceof Error ? error : new Error(String(error))),
  )
}

// A post from another site gets the plain 403 page before Remix sees it.
app.use((req, res, next) => {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next()
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value)
  }
  const url = `${req.protocol}://${req.get('host') ?? 'localhost'}${req.originalUrl}`
  const refusal = lifecycle.refuseCrossSite(new Request(url, { method: req.method, headers }))
  if (!refusal) return next()
  res.status(refusal.status)
  refusal.headers.forEach((value, name) => res.setHeader(name, value))
  void refusal.text().then((body) => res.send(body), next)
})
app.all(
  '*',
  createRequestHandler({
    build,
    mode: process.env.NODE_ENV,
    // The connecting socket's address; app/platform/rate-limit.server.ts decides whether to
    // believe X-Forwarded-For instead (TRUST_PROXY).
    getLoadContext: (req) => ({ clientAddress: req.socket.remoteAddress }),
  }),
)

const port = Number(process.env.PORT ?? 3000)
const host = process.env.HOST
const onListen = () => console.log(`[server] http://${host ?? 'localhost'}:${port}`)
const server = host ? app.listen(port, host, onListen) : app.listen(port, onListen)

let stopping = false

async function stop(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return
  stopping = true
  console.log(`[server] ${signal}: draining requests, then closing the database`)
  setTimeout(() => {
    console.error('[server] shutdown took too long, exiting anyway')
    process.exit(1)
  }, HARD_STOP_MS).unref()
  const drained = new Promise<void>((resolve) => server.close(() => resolve()))
  // Keep-alive connections idle between requests would hold close() open: close them as they idle.
  const idle = setInterval(() => server.closeIdleConnections(), 100)
  const late = setTimeout(() => server.closeAllConnections(), DRAIN_MS)
  await drained
  clearInterval(idle)
  clearTimeout(late)
  try {
    await lifecycle.closeAtShutdown()
  } catch (error) {
    console.error('[server] closing the database failed:', error)
    process.exit(1)
  }
  console.log('[server] stopped')
  process.exit(0)
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void stop(signal))
