/** Only same-site paths, so a crafted redirectTo cannot send people elsewhere. */
export function safeRedirectPath(
  value: FormDataEntryValue | string | null | undefined,
  fallback = '/',
): string {
  if (
    typeof value !== 'string' ||
    !value.startsWith('/') ||
    value.startsWith('//') ||
    value.startsWith('/\\')
  ) {
    return fallback
  }
  return value
}

/** Throws a response with a status and a short message that the error boundary shows. */
export function invariantResponse(
  condition: unknown,
  message: string,
  init: ResponseInit = { status: 400 },
): asserts condition {
  if (!condition)
    throw new Response(message, {
      ...init,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    })
}

/**
 * State-changing requests must come from our own pages: a browser's Origin (or Sec-Fetch-Site)
 * from another site is refused. Clients that send neither (curl, API clients) are not browsers
 * carrying someone's cookies, so they pass.
 */
export function requireSameOrigin(request: Request, publicUrl: string): void {
  if (request.method === 'GET' || request.method === 'HEAD') return
  const origin = request.headers.get('origin')
  if (origin && origin !== 'null') {
    const allowed = new Set([new URL(request.url).origin, new URL(publicUrl).origin])
    const host = request.headers.get('host')
    if (host) allowed.add(`${new URL(request.url).protocol}//${host}`)
    if (!allowed.has(origin)) throw new Response('Cross-site request refused', { status: 403 })
    return
  }
  if (request.headers.get('sec-fetch-site') === 'cross-site') {
    throw new Response('Cross-site request refused', { status: 403 })
  }
}

/**
 * The request's form, refusing bodies over `maxBytes` (413, whether or not the client declared
 * its length), bodies that are not a form and broken multipart bodies (400), with a plain
 * message instead of a crash.
 */
export async function readForm(request: Request, maxBytes = 64 * 1024): Promise<FormData> {
  const length = Number(request.headers.get('content-length') ?? 0)
  if (length > maxBytes) throw new Response('Request body too large', { status: 413 })
  const type = request.headers.get('content-type') ?? ''
  if (!/^(multipart\/form-data|application\/x-www-form-urlencoded)\b/i.test(type))
    throw new Response('Expected a form', { status: 415 })
  const chunks: Uint8Array[] = []
  let size = 0
  if (request.body) {
    const reader = request.body.getReader()
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      size += value.byteLength
      if (size > maxBytes) {
        await reader.cancel()
        throw new Response('Request body too large', { status: 413 })
      }
      chunks.push(value)
    }
  }
  try {
    return await new Response(Buffer.concat(chunks), {
      headers: { 'content-type': type },
    }).formData()
  } catch {
    throw new Response('Malformed form body', { status: 400 })
  }
}
