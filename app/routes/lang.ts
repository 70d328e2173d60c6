import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { isLocale } from '../platform/i18n'
import { safeRedirectPath, readForm } from '../platform/http.server'

/** The language switch: a plain form post, so it works without JavaScript. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request)
  const lang = form.get('lang')
  const to = safeRedirectPath(form.get('redirectTo'))
  if (!isLocale(lang)) return redirect(to)
  return redirect(to, {
    headers: {
      'Set-Cookie': `lang=${encodeURIComponent(lang)}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly`,
    },
  })
}

export function loader() {
  return redirect('/')
}
