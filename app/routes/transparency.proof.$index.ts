import type { LoaderFunctionArgs } from '@remix-run/node'
import { getDb } from '../platform/db.server'
import { invariantResponse } from '../platform/http.server'
import { inclusionProof } from '../transparency/store.server'

/** The proof that event #index is in the latest signed tree (JSON). */
export async function loader({ params }: LoaderFunctionArgs) {
  const index = /^(0|[1-9][0-9]{0,14})$/.test(params.index ?? '') ? Number(params.index) : null
  invariantResponse(index !== null, 'Not found', { status: 404 })
  const proof = await inclusionProof(await getDb(), index)
  invariantResponse(proof, 'Not found', { status: 404 })
  return Response.json(proof, { headers: { 'Cache-Control': 'no-cache' } })
}
