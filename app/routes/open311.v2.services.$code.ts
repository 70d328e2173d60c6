import type { LoaderFunctionArgs } from '@remix-run/node'
import {
  errorResponse,
  handleOpen311,
  respond,
  splitFormat,
} from '../accountability/open311/format.server'
import { serviceDefinition } from '../accountability/open311/services.server'
import { getDb } from '../platform/db.server'
import { DomainError } from '../platform/errors'

/** Open311 service definition: services/{service_code}.(json|xml). */
export async function loader({ params }: LoaderFunctionArgs) {
  const parts = splitFormat(params.code)
  if (!parts)
    return errorResponse('json', new DomainError(404, 'accountability.open311.unknownFormat'))
  const [code, format] = parts
  return handleOpen311(format, async () =>
    respond(format, 'service_definition', await serviceDefinition(await getDb(), code)),
  )
}
