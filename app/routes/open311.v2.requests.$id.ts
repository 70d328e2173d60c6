import type { LoaderFunctionArgs } from '@remix-run/node'
import { getDb } from '../platform/db.server'
import {
  errorResponse,
  getRequest,
  handleOpen311,
  respond,
  splitFormat,
} from '../accountability/open311.server'

/** Open311 one service request: requests/{service_request_id}.(json|xml). */
export async function loader({ params }: LoaderFunctionArgs) {
  const parts = splitFormat(params.id)
  if (!parts) return errorResponse('json', 404, 'unknown format')
  const [id, format] = parts
  return handleOpen311(format, async () =>
    respond(format, 'service_requests', await getRequest(await getDb(), id)),
  )
}
