import type { SubmissionResult } from '@conform-to/react'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { getEnv } from './env.server'
import { DomainError } from './errors'

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
        headers: { 'Content-Type': 'text/plain; charset=utf-8' },
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
      throw statusOnly(error) ?? new Response(error.key, { status: error.status })
    }
  }
}
