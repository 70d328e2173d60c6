import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { createRequest } from '../accountability/open311/filing.server'
import {
  errorResponse,
  handleOpen311,
  respond,
  splitFormat,
} from '../accountability/open311/format.server'
import { cachedList } from '../accountability/open311/list-cache.server'
import { listRequests, parseRequestQuery } from '../accountability/open311/requests.server'
import { discovery, listServices } from '../accountability/open311/services.server'
import { getDb } from '../platform/db.server'
import { getEnv } from '../platform/env.server'
import { DomainError } from '../platform/errors'
import { readForm, requireSameOrigin } from '../platform/http.server'
import { clientAddress, consume } from '../platform/rate-limit.server'

/** Open311 GeoReport v2: discovery, services and requests, each as .json or .xml. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const parts = splitFormat(params.resource)
  if (!parts)
    return errorResponse(
      'json',
      new DomainError(404, 'accountability.open311.unknownResourceOrFormat'),
    )
  const [resource, format] = parts
  return handleOpen311(format, async () => {
    if (resource === 'discovery')
      return respond(format, 'discovery', discovery(getEnv().PUBLIC_URL))
    if (resource === 'services')
      return respond(format, 'services', await listServices(await getDb()))
    if (resource === 'requests') {
      const query = parseRequestQuery(new URL(request.url).searchParams)
      return cachedList(request, format, async () =>
        respond(format, 'service_requests', await listRequests(await getDb(), query)),
      )
    }
    throw new DomainError(404, 'accountability.open311.unknownResource')
  })
}

/**
 * POST requests.(json|xml): a third-party client files a report with its API key. A machine
 * endpoint, so it answers in the specification's error format rather than through formAction.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  requireSameOrigin(request, getEnv().PUBLIC_URL, { machine: true })
  const parts = splitFormat(params.resource)
  if (!parts || parts[0] !== 'requests')
    return errorResponse('json', new DomainError(404, 'accountability.open311.unknownResource'))
  const format = parts[1]
  return handleOpen311(format, async () => {
    const limit = await consume('reportByIp', clientAddress(request, context))
    if (!limit.ok) throw new DomainError(429, 'accountability.open311.tooMany')
    const form = await readForm(request).catch((error: unknown) => {
      if (error instanceof Response)
        throw new DomainError(error.status, 'accountability.open311.notAForm')
      throw error
    })
    const created = await createRequest(await getDb(), form, {
      publicUrl: getEnv().PUBLIC_URL,
    })
    return respond(format, 'service_requests', created, 201)
  })
}
