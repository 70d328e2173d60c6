/** Liveness: the process answers. A failing probe means restart it; the database is not asked. */
export function loader() {
  return Response.json({ status: 'live' }, { headers: { 'Cache-Control': 'no-store' } })
}
