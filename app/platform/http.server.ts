import type { SubmissionResult } from '@conform-to/react'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { getEnv } from './env.server'
import { DomainError } from './errors'
import { rememberClientAddress } from './rate-limit.server'
import { machineHeaders } from './response/security-headers.server'

const LOCAL = 'http://kaimen.invalid'

/**
 * The one redirect rule: only a path on this site. The value is parsed the way a browser parses
 * a Location (the WHATWG URL parser drops tabs and newlines, reads `\\` as `/`, trims controls),
 * so `/\t/evil.example` is seen as the `//evil.example` a browser would follow, and refused.
 * What comes back is the parsed path, percent-encoded: no CR/LF can reach a header.
 */
export function safeRedirectPath(
  value: FormDataEntryValue | string | null | undefined,
  fallback = '/',
): string {
  if (typeof value !== 'string' || !value.startsWith('/')) return fallback
  let url: URL
  try {
    url = new URL(value, LOCAL)
  } catch {
    return fallback
  }
  if (url.origin !== LOCAL) return fallback
  return `${url.pathname}${url.search}${url.hash}`
}

/** The largest id a PostgreSQL `integer` column holds. */
export const MAX_ID = 2_147_483_647

/** A path's numeric id (1 … MAX_ID); anything else is a 404, never a database error. */
export function idParam(value: string | undefined): number {
  const id = /^\d{1,10}$/.test(value ?? '') ? Number(value) : 0
  invariantResponse(id > 0 && id <= MAX_ID, 'Not found', { status: 404 })
  return id
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
      headers: { ...machineHeaders, 'Content-Type': 'text/plain; charset=utf-8' },
    })
}

/** The origins our own pages post from: the request's, the public address's, the Host's. */
function ownOrigins(request: Request, publicUrl: string): Set<string> {
  const url = new URL(request.url)
  const allowed = new Set([url.origin, new URL(publicUrl).origin])
  const host = request.headers.get('host')
  if (host) allowed.add(`${url.protocol}//${host}`)
  return allowed
}

/** Where a post came from: its Origin, else its Referer's origin, else null (unknown). */
function postedFrom(request: Request): string | null {
  const origin = request.headers.get('origin')
  if (origin && origin !== 'null') return origin
  const referer = request.headers.get('referer')
  if (!referer) return origin === 'null' ? 'null' : null
  try {
    return new URL(referer).origin
  } catch {
    return 'null'
  }
}

/** The plain 403 page that a refused cross-site post gets (no layout, no script). */
export function crossSiteResponse(): Response {
  return new Response(
    '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>403</title>' +
      '<h1>请求被拒绝 · Request refused</h1>' +
      '<p>此请求不是从本站页面提交的。请回到本站页面重新提交。</p>' +
      '<p>This request did not come from a page of this site. Go back to the site and submit again.</p>',
    {
      status: 403,
      headers: { ...machineHeaders, 'Content-Type': 'text/html; charset=utf-8' },
    },
  )
}

/**
 * The one origin check: a state-changing request must name one of our origins in its Origin
 * header, else in its Referer; one that names neither is refused too (a browser always sends
 * one of them on a form post). `machine` is for the Open311 API, whose credential is an API key
 * rather than a cookie: a client that sends neither header passes, a foreign one is refused.
 * Returns the 403 page, or null when the request may go on. The server calls it before Remix,
 * whose own check would answer a mismatched Host with a 500.
 */
export function crossSiteRefusal(
  request: Request,
  publicUrl: string,
  options: { machine?: boolean } = {},
): Response | null {
  if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS')
    return null
  const from = postedFrom(request)
  if (from === null) return options.machine ? null : crossSiteResponse()
  return ownOrigins(request, publicUrl).has(from) ? null : crossSiteResponse()
}

/** Throws the 403 page unless the request comes from our own pages (see crossSiteRefusal). */
export function requireSameOrigin(
  request: Request,
  publicUrl: string,
  options: { machine?: boolean } = {},
): void {
  const refusal = crossSiteRefusal(request, publicUrl, options)
  if (refusal) throw refusal
}

/**
 * The request's form, refusing bodies over `maxBytes` (413, whether or not the client declared
 * its length), bodies that are not a form and broken multipart bodies (400), with a plain
 * message instead of a crash.
 */
export async function readForm(request: Request, maxBytes = 64 * 1024): Promise<FormData> {
  const length = Number(request.headers.get('content-length') ?? 0)
  if (length > maxBytes) {
    if (request.body) await drain(request.body.getReader(), 0)
    throw new Response('Request body too large', { status: 413 })
  }
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
        await drain(reader, size)
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

/** How much of a refused body is still read (and thrown away) so its sender gets the answer. */
const DRAIN_BYTES = 128 * 1024 * 1024

/**
 * A client still sending when the server answers and closes gets a connection reset, not the
 * 413 page; so the rest of a refused body is read and dropped, up to DRAIN_BYTES.
 */
async function drain(reader: ReadableStreamDefaultReader<Uint8Array>, read: number) {
  let size = read
  while (size <= DRAIN_BYTES) {
    const { done, value } = await reader.read()
    if (done) return
    size += value.byteLength
  }
  await reader.cancel()
}

/** A failed form's reply in conform's shape: what was typed comes back with the message. */
export function errorResult(form: FormData, error: DomainError): SubmissionResult<string[]> {
  const initialValue: Record<string, string | string[]> = {}
  for (const [name, value] of form) {
    if (typeof value !== 'string') continue
    const seen = initialValue[name]
    initialValue[name] =
      seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value]
  }
  return { status: 'error', initialValue, error: { '': [error.text] } }
}

/** A DomainError that means "no page here" becomes that response; others go on. */
function statusOnly(error: DomainError): Response | null {
  return error.status === 401 || error.status === 403 || error.status === 404
    ? new Response(error.key, {
        status: error.status,
        headers: { ...machineHeaders, 'Content-Type': 'text/plain; charset=utf-8' },
      })
    : null
}

/**
 * Every form action: refuses cross-site posts, reads the form under its size cap, runs the
 * handler, and turns a DomainError into the form's reply (401/403/404 into that page), so no
 * action can forget the origin check or map errors by hand.
 */
export function formAction<T>(
  handler: (args: ActionFunctionArgs & { form: FormData }) => Promise<T>,
  options: { maxBytes?: number } = {},
) {
  return async (args: ActionFunctionArgs) => {
    requireSameOrigin(args.request, getEnv().PUBLIC_URL)
    rememberClientAddress(args.request, args.context)
    const form = await readForm(args.request, options.maxBytes)
    try {
      return await handler({ ...args, form })
    } catch (error) {
      if (!(error instanceof DomainError)) throw error
      const page = statusOnly(error)
      if (page) throw page
      const intent = form.get('intent')
      return data(
        { intent: typeof intent === 'string' ? intent : null, result: errorResult(form, error) },
        { status: error.status },
      )
    }
  }
}

/** A loader whose domain code may throw DomainError: it becomes a plain response. */
export function domainLoader<T>(handler: (args: LoaderFunctionArgs) => Promise<T>) {
  return async (args: LoaderFunctionArgs) => {
    try {
      return await handler(args)
    } catch (error) {
      if (!(error instanceof DomainError)) throw error
      throw (
        statusOnly(error) ??
        new Response(error.key, { status: error.status, headers: machineHeaders })
      )
    }
  }
}
