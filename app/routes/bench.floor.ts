/** The framework floor for `npm run bench`: the cheapest response Remix can give. */
export function loader() {
  return new Response('ok', { headers: { 'Content-Type': 'text/plain' } })
}
