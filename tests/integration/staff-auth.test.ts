import { describe, expect, it } from 'vitest'
import { seed } from '../../db/seed'
import { action as signIn } from '../../app/routes/sign-in'
import { action as signOut } from '../../app/routes/sign-out'
import { loader as dashboard } from '../../app/routes/staff._index'
import { requireStaff } from '../../app/utils/auth.server'
import { setupTestDatabase } from '../support/database'
import { cookieFrom, formRequest, getRequest, settle } from '../support/requests'

const database = setupTestDatabase()

async function signInAs(email: string, password: string, cookie?: string) {
  return settle(() =>
    signIn({
      request: formRequest('/sign-in', { email, password }, { cookie }),
      params: {},
      context: {},
    }),
  )
}

describe('staff sign-in', () => {
  it('signs a coordinator in with a rotated, httpOnly, SameSite session cookie', async () => {
    await seed(database.current.db, { demo: false })
    const response = await signInAs('coordinator@kaimen.local', 'kaimen-coordinator')
    expect(response).toBeInstanceOf(Response)
    const res = response as Response
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/staff')
    const setCookie = res.headers.get('set-cookie')!
    expect(setCookie).toMatch(/HttpOnly/)
    expect(setCookie).toMatch(/SameSite=Lax/)
    const cookie = cookieFrom(res)
    const page = await dashboard({ request: getRequest('/staff', cookie), params: {}, context: {} })
    expect(page.staff.role).toBe('coordinator')

    // Signing in again replaces the old session: the old cookie no longer works.
    const again = (await signInAs(
      'coordinator@kaimen.local',
      'kaimen-coordinator',
      cookie,
    )) as Response
    const newCookie = cookieFrom(again)
    expect(newCookie).not.toBe(cookie)
    const old = await settle(() =>
      dashboard({ request: getRequest('/staff', cookie), params: {}, context: {} }),
    )
    expect((old as Response).status).toBe(302)
    const fresh = await dashboard({
      request: getRequest('/staff', newCookie),
      params: {},
      context: {},
    })
    expect(fresh.staff.email).toBe('coordinator@kaimen.local')
  })

  it('refuses a wrong password with a message, and locks the account after five', async () => {
    for (let i = 0; i < 4; i++) {
      const result = (await signInAs('housing@kaimen.local', 'wrong')) as {
        error?: Record<string, string[] | null>
      }
      expect(JSON.stringify(result)).toContain('auth.signIn.invalid')
    }
    const fifth = await signInAs('housing@kaimen.local', 'wrong')
    expect(JSON.stringify(fifth)).toContain('auth.signIn.locked')
    // Even the right password is refused while locked.
    const locked = await signInAs('housing@kaimen.local', 'kaimen-housing')
    expect(JSON.stringify(locked)).toContain('auth.signIn.locked')
    await database.current.db.updateTable('staff_users').set({ locked_until: null }).execute()
    const ok = (await signInAs('housing@kaimen.local', 'kaimen-housing')) as Response
    expect(ok.status).toBe(302)
  })

  it('refuses a cross-site sign-in post', async () => {
    const request = formRequest(
      '/sign-in',
      { email: 'a@b.cn', password: 'x' },
      { headers: { origin: 'https://evil.example' } },
    )
    const response = await settle(() => signIn({ request, params: {}, context: {} }))
    expect((response as Response).status).toBe(403)
  })

  it('guards by role: anonymous visitors are sent to sign in, other roles get 403', async () => {
    const anonymous = await settle(() => requireStaff(getRequest('/staff/triage'), 'coordinator'))
    expect((anonymous as Response).status).toBe(302)
    expect((anonymous as Response).headers.get('location')).toBe(
      '/sign-in?redirectTo=%2Fstaff%2Ftriage',
    )
    const unit = cookieFrom((await signInAs('huangpu@kaimen.local', 'kaimen-huangpu')) as Response)
    const forbidden = await settle(() =>
      requireStaff(getRequest('/staff/triage', unit), 'coordinator'),
    )
    expect((forbidden as Response).status).toBe(403)
    const allowed = await requireStaff(getRequest('/staff/duties', unit), 'unit_staff')
    expect(allowed.unitSlug).toBe('huangpu-street')
  })

  it('signs out everywhere', async () => {
    const a = cookieFrom((await signInAs('admin@kaimen.local', 'kaimen-admin')) as Response)
    const b = cookieFrom((await signInAs('admin@kaimen.local', 'kaimen-admin')) as Response)
    await settle(() =>
      signOut({
        request: formRequest('/sign-out', { everywhere: 'yes' }, { cookie: a }),
        params: {},
        context: {},
      }),
    )
    for (const cookie of [a, b]) {
      const response = await settle(() =>
        dashboard({ request: getRequest('/staff', cookie), params: {}, context: {} }),
      )
      expect((response as Response).status).toBe(302)
    }
  })
})
