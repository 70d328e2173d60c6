import crypto from 'node:crypto'

/** A strong validator for a response body (sha1, base64url): the same bytes, the same tag. */
export function etagOf(body: string | Uint8Array): string {
  return `"${crypto.createHash('sha1').update(body).digest('base64url')}"`
}

/** Whether the request's If-None-Match already names this tag (the answer is then 304). */
export function notModified(request: Request, etag: string): boolean {
  return matchesEtag(request.headers.get('if-none-match'), etag)
}

/** Whether an If-None-Match header's value names this tag. */
export function matchesEtag(header: string | null, etag: string): boolean {
  if (!header) return false
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)
}

/**
 * A cacheable answer: 304 without a body when the client holds this version, else the body
 * with its ETag. `headers` carries the Content-Type and Cache-Control.
 */
export function validatedResponse(
  request: Request,
  body: string | Uint8Array<ArrayBuffer>,
  headers: Record<string, string>,
  etag = etagOf(body),
): Response {
  if (notModified(request, etag))
    return new Response(null, { status: 304, headers: { ...headers, ETag: etag } })
  return new Response(body, { headers: { ...headers, ETag: etag } })
}
