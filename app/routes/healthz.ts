import { checkDatabase } from '../admin/overview.server'
import { machineHeaders } from '../platform/security-headers.server'

/** For load balancers and people: is the app up, and can it reach its database? */
export async function loader() {
  try {
    const database = await checkDatabase()
    return Response.json(
      { status: 'ok', database: { status: 'ok', ...database } },
      { headers: { ...machineHeaders, 'Cache-Control': 'no-store' } },
    )
  } catch (error) {
    console.error('[healthz]', error)
    return Response.json(
      { status: 'degraded', database: { status: 'unreachable' } },
      { status: 503, headers: { ...machineHeaders, 'Cache-Control': 'no-store' } },
    )
  }
}
