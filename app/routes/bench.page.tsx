import { sharedPageHeaders } from '../platform/response/page-cache.server'

export { sharedPageHeaders as headers }

/**
 * The page floor for `npm run bench`: the cheapest page Remix can render in the public layout
 * (no data of its own), against which every public page's throughput is compared.
 */
export default function BenchPage() {
  return <p>ok</p>
}
