import type { LoaderFunctionArgs } from '@remix-run/node'
import { invariantResponse } from '../platform/http.server'
import { isLocale, pageMessages } from '../platform/i18n'

/**
 * /messages/<locale>?ns=browse,verdict&v=<version>: namespaces of one language for a page the
 * browser renders itself (after a link or a language switch). Kept a year under the version
 * the page carried; an old version is answered with today's strings, not cached.
 */
export function loader({ request, params }: LoaderFunctionArgs) {
  invariantResponse(isLocale(params.locale), 'Not found', { status: 404 })
  const query = new URL(request.url).searchParams
  const namespaces = (query.get('ns') ?? '').split(',').slice(0, 30)
  const page = pageMessages(params.locale, namespaces)
  return new Response(JSON.stringify(page.messages), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control':
        query.get('v') === page.version ? 'public, max-age=31536000, immutable' : 'no-cache',
    },
  })
}
