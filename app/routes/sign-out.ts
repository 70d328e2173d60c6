import { redirect } from '@remix-run/node'
import { getDb } from '../platform/db.server'
import { formAction } from '../platform/http.server'
import { clearCookie, readCookie } from '../platform/session.server'
import { STAFF_COOKIE } from '../staff/auth.server'
import { signOut } from '../staff/staff.server'

export const action = /* @__PURE__ */ formAction(async ({ request, form }) => {
  const token = readCookie(request, STAFF_COOKIE)
  if (token) await signOut(await getDb(), token, form.get('everywhere') === 'yes')
  return redirect('/', { headers: { 'Set-Cookie': clearCookie(STAFF_COOKIE) } })
})

export function loader() {
  return redirect('/')
}
