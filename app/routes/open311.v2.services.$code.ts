import type { LoaderFunctionArgs } from '@remix-run/node'
import { getDb } from '../platform/db.server'
import {
  errorResponse,
  handleOpen311,
  respond,
  serviceDefinition,
  splitFormat,
} from '../accountability/open311.server'

/** Open311 service definition: services/{service_code}.(json|xml). */
export async function loader({ params }: LoaderFunctionArgs) {
  const parts = splitFormat(params.code)
  if (!parts) return errorResponse('json', 404, 'unknown format')
  const [code, format] = parts
  return handleOpen311(format, async () =>
    respond(format, 'service_definition', await serviceDefinition(await getDb(), code)),
  )
}
