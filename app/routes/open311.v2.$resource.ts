import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { getDb } from '../platform/db.server'
import { getEnv } from '../platform/env.server'
import {
  createRequest,
  discovery,
  errorResponse,
  handleOpen311,
  listRequests,
  listServices,
  parseRequestQuery,
  respond,
  splitFormat,
  Open311Error,
} from '../accountability/open311.server'
import { readForm, requireSameOrigin } from '../platform/http.server'
import { clientAddress, consume } from '../platform/rate-limit.server'

/** Open311 GeoReport v2: discovery, services and requests, each as .json or .xml. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const parts = splitFormat(params.resource)
  if (!parts) return errorResponse('json', 404, 'unknown resource or format')
  const [resource, format] = parts
  return handleOpen311(format, async () => {
    if (resource === 'discovery')
      return respond(format, 'discovery', discovery(getEnv().PUBLIC_URL))
    if (resource === 'services')
      return respond(format, 'services', await listServices(await getDb()))
    if (resource === 'requests') {
      const query = parseRequestQuery(new URL(request.url).searchParams)
      return respond(format, 'service_requests', await listRequests(await getDb(), query))
    }
    throw new Open311Error(404, 'unknown resource')
  })
}

/** POST requests.(json|xml): a third-party client files a report with its API key. */
export async function action({ request, params }: ActionFunctionArgs) {
  requireSameOrigin(request, getEnv().PUBLIC_URL)
  const parts = splitFormat(params.resource)
  if (!parts || parts[0] !== 'requests') return errorResponse('json', 404, 'unknown resource')
  const format = parts[1]
  return handleOpen311(format, async () => {
    const limit = await consume('reportByIp', clientAddress(request))
    if (!limit.ok) throw new Open311Error(429, 'too many requests, try again later')
    const form = await readForm(request).catch((error: unknown) => {
      if (error instanceof Response)
        throw new Open311Error(error.status, 'the body must be a form (x-www-form-urlencoded)')
      throw error
    })
    const created = await createRequest(await getDb(), form, {
      publicUrl: getEnv().PUBLIC_URL,
    })
    return respond(format, 'service_requests', created, 201)
  })
}
