import type { LoaderFunctionArgs } from '@remix-run/node'
import {
  errorResponse,
  handleOpen311,
  respond,
  splitFormat,
} from '../accountability/open311/format.server'
import { getRequest } from '../accountability/open311/requests.server'
import { getDb } from '../platform/db.server'
import { DomainError } from '../platform/errors'

/** Open311 one service request: requests/{service_request_id}.(json|xml). */
export async function loader({ params }: LoaderFunctionArgs) {
  const parts = splitFormat(params.id)
  if (!parts)
    return errorResponse('json', new DomainError(404, 'accountability.open311.unknownFormat'))
  const [id, format] = parts
  return handleOpen311(format, async () =>
    respond(format, 'service_requests', await getRequest(await getDb(), id)),
  )
}
