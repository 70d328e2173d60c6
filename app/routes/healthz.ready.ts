import { readiness } from '../platform/health.server'

/** Readiness: 503 takes this instance out of the load balancer until its database is back. */
export async function loader() {
  const state = await readiness()
  return Response.json(
    { status: state.ready ? 'ready' : 'not ready', ...state },
    { status: state.ready ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
  )
}
