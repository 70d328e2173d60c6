import { redirect } from '@remix-run/node'
import { formAction, safeRedirectPath } from '../platform/http.server'
import { isLocale } from '../platform/i18n'

/** The language switch: a plain form post, so it works without JavaScript. */
export const action = /* @__PURE__ */ formAction(async ({ form }) => {
  const lang = form.get('lang')
  const to = safeRedirectPath(form.get('redirectTo'))
  if (!isLocale(lang)) return redirect(to)
  return redirect(to, {
    headers: {
      'Set-Cookie': `lang=${encodeURIComponent(lang)}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly`,
    },
  })
})

export function loader() {
  return redirect('/')
}
