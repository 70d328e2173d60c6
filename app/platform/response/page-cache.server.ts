import zlib from 'node:zlib'
import { etagOf, matchesEtag } from './etag.server'

/**
 * The shared page cache (docs/decisions/029): what an anonymous visitor is shown is the same
 * for every anonymous visitor, so it is rendered once and kept PAGE_CACHE_SECONDS (at most 5).
 *
 * - Only a GET or HEAD with no cookie but the language and text-size preferences, and no
 *   Authorization, is answered from it: staff, reporters with a session and anyone mid-flow
 *   always get a page rendered for them.
 * - Only an answer that says it may be shared is kept: 200, `Cache-Control` naming `s-maxage`
 *   (the public pages' `headers` export, `sharedPageHeaders`), no `Set-Cookie`.
 * - A write that goes through (a POST, PUT, PATCH or DELETE answered below 400) empties it,
 *   and a page whose render began before a write is neither kept nor handed to a later request. Writes from elsewhere (jobs, another server) show
 *   within PAGE_CACHE_SECONDS; downstream caches honour `s-maxage` (5) and `Age`, so nobody
 *   sees a page more than 10 s older than the database.
 * - One render per page at a time (single flight); every stored page carries an ETag (304 for a
 *   client that holds it) and is gzipped once for clients that accept it.
 */

/** Cache-Control of a page any anonymous visitor may be shown from a shared cache. */
export const SHARED_PAGE_CACHE_CONTROL = 'public, max-age=0, s-maxage=5, must-revalidate'

/** For a public page route: `export { sharedPageHeaders as headers }`. */
export function sharedPageHeaders() {
  return { 'Cache-Control': SHARED_PAGE_CACHE_CONTROL, Vary: 'Cookie' }
}

/** The cookies that only choose how a public page is shown; anything else makes it personal. */
const PREFERENCE_COOKIES = new Set(['lang', 'text'])

export interface RequestParts {
  method: string
  /** Path and query, as sent. */
  url: string
  cookie?: string
  authorization?: string
}

/** The cache key of a request an anonymous visitor made, or null when it must not be shared. */
export function sharedKeyOf({ method, url, cookie, authorization }: RequestParts): string | null {
  if ((method !== 'GET' && method !== 'HEAD') || authorization) return null
  const preferences: string[] = []
  for (const pair of (cookie ?? '').split(';')) {
    const trimmed = pair.trim()
    if (!trimmed) continue
    const name = trimmed.slice(0, Math.max(0, trimmed.indexOf('=')))
    if (!PREFERENCE_COOKIES.has(name)) return null
    preferences.push(trimmed)
  }
  return `${url} ${preferences.sort().join(';')}`
}

export interface SharedPage {
  status: number
  headers: Array<[string, string]>
  body: Buffer
  gzip: Buffer
  etag: string
  storedAt: number
}

/** What a cached page is sent as: status, headers, body (null for 304 and HEAD). */
export interface Answer {
  status: number
  headers: Array<[string, string]>
  body: Buffer | null
}

/** How many unshareable keys are remembered at once (visitors' arbitrary URLs cannot grow it). */
const MAX_PERSONAL_KEYS = 10_000

export interface PageCacheOptions {
  seconds: number
  /** The most bytes of page bodies kept; the oldest go first. */
  maxBytes?: number
  now?: () => number
}

export function createPageCache({
  seconds,
  maxBytes = 64 << 20,
  now = Date.now,
}: PageCacheOptions) {
  const ttl = Math.min(seconds, 5) * 1000
  const pages = new Map<string, SharedPage>()
  const rendering = new Map<string, { job: Promise<SharedPage | Response>; startedIn: number }>()
  /** Keys whose last answer could not be shared (a resource, a 404): rendered without waiting. */
  const personal = new Map<string, number>()
  let bytes = 0
  let generation = 0

  function drop(key: string) {
    const page = pages.get(key)
    if (!page) return
    bytes -= page.body.length + page.gzip.length
    pages.delete(key)
  }

  function fresh(key: string): SharedPage | null {
    const page = pages.get(key)
    if (!page) return null
    if (now() - page.storedAt < ttl) return page
    drop(key)
    return null
  }

  async function keep(key: string, response: Response, startedIn: number) {
    const cacheControl = response.headers.get('cache-control') ?? ''
    if (
      response.status !== 200 ||
      !/\bs-maxage=/.test(cacheControl) ||
      response.headers.has('set-cookie')
    ) {
      if (ttl > 0) {
        if (personal.size >= MAX_PERSONAL_KEYS) personal.clear()
        personal.set(key, now() + ttl)
      }
      return response
    }
    const body = Buffer.from(await response.arrayBuffer())
    const headers = [...response.headers].filter(
      ([name]) => !['content-length', 'etag', 'date', 'content-encoding'].includes(name),
    )
    const page: SharedPage = {
      status: 200,
      headers,
      body,
      gzip: zlib.gzipSync(body),
      etag: etagOf(body),
      storedAt: now(),
    }
    // A write ended while this page rendered: it may show the older state, so share it with
    // no one else (this visitor still gets it: their request came before the write).
    if (startedIn === generation && ttl > 0) {
      drop(key)
      pages.set(key, page)
      bytes += body.length + page.gzip.length
      for (const oldest of pages.keys()) {
        if (bytes <= maxBytes) break
        drop(oldest)
      }
    }
    return page
  }

  return {
    /**
     * The answer for an anonymous request: from the cache, or rendered once by `render` for
     * every request waiting on the same key. A Response is an answer that may not be shared.
     */
    async serve(key: string, render: () => Promise<Response>): Promise<Served> {
      const hit = ttl > 0 ? fresh(key) : null
      if (hit) return { page: hit, hit: true }
      if ((personal.get(key) ?? 0) > now()) return { response: await render() }
      const pending = rendering.get(key)
      // A render that began before the latest write is no answer for a request after it.
      if (pending && pending.startedIn === generation) {
        const shared = await pending.job
        // What one visitor may not share, every other one renders for themselves.
        return shared instanceof Response
          ? { response: await render() }
          : { page: shared, hit: true }
      }
      const startedIn = generation
      const job = render().then((response) => keep(key, response, startedIn))
      rendering.set(key, { job, startedIn })
      try {
        const result = await job
        return result instanceof Response ? { response: result } : { page: result, hit: false }
      } finally {
        if (rendering.get(key)?.job === job) rendering.delete(key)
      }
    },
    /** After a write: nothing rendered before it is shown again. */
    forget() {
      generation++
      pages.clear()
      bytes = 0
    },
    get size() {
      return pages.size
    },
  }
}

export type Served = { page: SharedPage; hit: boolean } | { response: Response }

export type PageCache = ReturnType<typeof createPageCache>

/** A stored page as sent to one client: 304 if it holds this version, gzip if it takes it. */
export function answerFrom(
  page: SharedPage,
  request: { method: string; ifNoneMatch?: string; acceptEncoding?: string },
  at: number,
  hit: boolean,
): Answer {
  const age = Math.max(0, Math.floor((at - page.storedAt) / 1000))
  const headers: Array<[string, string]> = [
    ...page.headers.filter(([name]) => name !== 'vary'),
    ['Vary', 'Cookie, Accept-Encoding'],
    ['ETag', page.etag],
    ['Age', String(age)],
    ['X-Page-Cache', hit ? 'hit' : 'miss'],
  ]
  if (matchesEtag(request.ifNoneMatch ?? null, page.etag))
    return { status: 304, headers, body: null }
  const gzip = /\bgzip\b/.test(request.acceptEncoding ?? '')
  const body = gzip ? page.gzip : page.body
  headers.push(['Content-Length', String(body.length)])
  if (gzip) headers.push(['Content-Encoding', 'gzip'])
  return { status: page.status, headers, body: request.method === 'HEAD' ? null : body }
}
