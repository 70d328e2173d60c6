/** Builds the requests that loaders and actions receive, as a browser on our own site sends them. */
export const BASE = 'http://localhost:3000'

export function formRequest(
  path: string,
  fields: Record<string, string | string[]>,
  init: { cookie?: string; headers?: Record<string, string> } = {},
) {
  const body = new URLSearchParams()
  for (const [k, v] of Object.entries(fields)) for (const item of [v].flat()) body.append(k, item)
  return new Request(`${BASE}${path}`, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: BASE,
      ...(init.cookie ? { cookie: init.cookie } : {}),
      ...init.headers,
    },
  })
}

export function getRequest(path: string, cookie?: string) {
  return new Request(`${BASE}${path}`, { headers: cookie ? { cookie } : {} })
}

/** The `name=value` part of a Set-Cookie header, to send back as a Cookie header. */
export function cookieFrom(response: Response): string {
  const header = response.headers.get('set-cookie') ?? ''
  return header.split(';')[0] ?? ''
}

/** Runs a loader or action that may throw a Response (redirects, 403, 404) and returns it. */
export async function settle<T>(run: () => Promise<T>): Promise<T | Response> {
  try {
    return await run()
  } catch (error) {
    if (error instanceof Response) return error
    throw error
  }
}
