import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { getDb } from '../platform/db.server'
import { getEnv } from '../platform/env.server'
import { endAllStaffSessions, endStaffSession } from '../staff/staff.server'
import { getStaff, STAFF_COOKIE } from '../staff/auth.server'
import { requireSameOrigin, readForm } from '../platform/http.server'
import { clearCookie, readCookie } from '../platform/session.server'

export async function action({ request }: ActionFunctionArgs) {
  requireSameOrigin(request, getEnv().PUBLIC_URL)
  const form = await readForm(request)
  const token = readCookie(request, STAFF_COOKIE)
  const db = await getDb()
  if (token) {
    const staff = await getStaff(request)
    if (staff && form.get('everywhere') === 'yes') await endAllStaffSessions(db, staff.id)
    else await endStaffSession(db, token)
  }
  return redirect('/', { headers: { 'Set-Cookie': clearCookie(STAFF_COOKIE) } })
}

export function loader() {
  return redirect('/')
}
