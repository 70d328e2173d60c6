import type { LoaderFunctionArgs } from '@remix-run/node'
import { getDb } from '../platform/db.server'
import { findSimilarReports, similarReportItems } from '../reporting/similar-reports.server'

/** Similar open reports while the reporter types (the form's JavaScript asks here). */
export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams
  const categoryId = Number(params.get('category'))
  const streetId = Number(params.get('street'))
  const title = params.get('title') ?? ''
  if (!Number.isSafeInteger(categoryId) || !Number.isSafeInteger(streetId) || !title.trim())
    return { similar: [] }
  const similar = await findSimilarReports(await getDb(), {
    categoryId,
    streetId,
    title,
    body: params.get('body') ?? '',
  })
  return { similar: similarReportItems(similar) }
}
