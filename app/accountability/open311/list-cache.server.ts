import zlib from 'node:zlib'
import { cached } from '../../platform/cache.server'
import { etagOf, notModified } from '../../platform/response/etag.server'
import { SHARED_PAGE_CACHE_CONTROL } from '../../platform/response/page-cache.server'

/**
 * Open311 list answers kept briefly (issue 16): a 1,000-row list is a seven-table join and a
 * half-megabyte document, identical for every client asking the same question within a few
 * seconds. It is kept LIST_SECONDS (with the cache's stale-while-revalidate, at most about
 * twice that old; with the shared page cache's 5 s on top, under 10 s), as bytes and gzipped once, keyed by format and the normalised query; a
 * thrown error is not kept. Sent as bytes, so nothing re-encodes the text per request.
 */
export const LIST_SECONDS = 2

interface Kept {
  body: Uint8Array<ArrayBuffer>
  gzip: Uint8Array<ArrayBuffer>
  etag: string
  headers: Array<[string, string]>
  status: number
}

/** The same question, however its parameters are ordered: one cache key. */
function keyOf(format: string, params: URLSearchParams): string {
  const sorted = [...params.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `open311:list:${format}:${new URLSearchParams(sorted).toString()}`
}

async function keep(render: () => Promise<Response>): Promise<Kept> {
  const response = await render()
  const body = new Uint8Array(await response.arrayBuffer())
  return {
    body,
    gzip: new Uint8Array(zlib.gzipSync(body, { level: 6 })),
    etag: etagOf(body),
    headers: [...response.headers.entries()],
    status: response.status,
  }
}

export async function cachedList(
  request: Request,
  format: string,
  render: () => Promise<Response>,
): Promise<Response> {
  const kept = await cached(
    keyOf(format, new URL(request.url).searchParams),
    () => keep(render),
    LIST_SECONDS,
  )
  const headers = new Headers(kept.headers)
  headers.set('ETag', kept.etag)
  // Shared by the page cache too (decision 029): anonymous clients then skip Remix as well.
  if (kept.status === 200) headers.set('Cache-Control', SHARED_PAGE_CACHE_CONTROL)
  headers.set('Vary', 'Accept-Encoding')
  if (notModified(request, kept.etag)) return new Response(null, { status: 304, headers })
  if (/\bgzip\b/.test(request.headers.get('accept-encoding') ?? '')) {
    headers.set('Content-Encoding', 'gzip')
    return new Response(kept.gzip, { status: kept.status, headers })
  }
  return new Response(kept.body, { status: kept.status, headers })
}
