import { machineHeaders } from '../platform/response/security-headers.server'
/** The framework floor for `npm run bench`: the cheapest response Remix can give. */
export function loader() {
  return new Response('ok', { headers: { ...machineHeaders, 'Content-Type': 'text/plain' } })
}
