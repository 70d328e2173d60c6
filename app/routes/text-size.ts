import { redirect } from '@remix-run/node'
import { formAction, safeRedirectPath } from '../platform/http.server'

/**
 * 大字版 on or off (MIIT 适老化): a plain form post that sets a cookie and returns to the page,
 * so it works without JavaScript. The root layout reads the cookie (`largeTextFromRequest`).
 */
export const action = /* @__PURE__ */ formAction(async ({ form }) => {
  const to = safeRedirectPath(form.get('redirectTo'))
  const cookie =
    form.get('size') === 'large'
      ? 'text=large; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly'
      : 'text=; Path=/; Max-Age=0; SameSite=Lax; HttpOnly'
  return redirect(to, { headers: { 'Set-Cookie': cookie } })
})

export function loader() {
  return redirect('/')
}
