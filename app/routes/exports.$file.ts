import type { LoaderFunctionArgs } from '@remix-run/node'
import { getDb } from '../platform/db.server'
import { localeFromRequest } from '../platform/i18n'
import { exportResponse, parseExportFile } from '../accountability/exports.server'
import { invariantResponse } from '../platform/http.server'

/** /exports/reports.csv, reports.xlsx, duties.csv, duties.xlsx: public fields only. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const file = parseExportFile(params.file)
  invariantResponse(file, 'Not found', { status: 404 })
  return exportResponse(await getDb(), file[0], file[1], localeFromRequest(request))
}
