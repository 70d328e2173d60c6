import { resetEnv } from '../../app/platform/env.server'
import { describe, expect, it } from 'vitest'
import { seed } from '../../db/seed'
import { action as signIn } from '../../app/routes/sign-in'
import { action as signOut } from '../../app/routes/sign-out'
import { loader as dashboard } from '../../app/routes/staff._index'
import { action as changePassword } from '../../app/routes/staff.password'
import { requireStaff, STAFF_COOKIE } from '../../app/staff/auth.server'
import { sessionCookie } from '../../app/platform/session.server'
import { setupTestDatabase } from '../support/database'
import { cookieFrom, formRequest, getRequest, settle } from '../support/requests'

const database = setupTestDatabase()

async function signInAs(email: string, password: string, cookie?: string, ip?: string) {
  return settle(() =>
    signIn({
      request: formRequest(
        '/sign-in',
        { email, password },
        { cookie, headers: ip ? { 'x-forwarded-for': ip } : {} },
      ),
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

  it('slows a guesser per account and address without locking the officer out, and tells them', async () => {
    const answers: string[] = []
    for (let i = 0; i < 7; i++)
      answers.push(
        JSON.stringify(await signInAs('housing@kaimen.local', 'wrong', undefined, '192.0.2.66')),
      )
    expect(answers.slice(0, 5).every((a) => a.includes('auth.signIn.invalid'))).toBe(true)
    expect(answers.slice(5).every((a) => a.includes('auth.signIn.tooMany'))).toBe(true)
    // The stranger's address is slowed down; even the right password waits there.
    const there = await signInAs('housing@kaimen.local', 'kaimen-housing', undefined, '192.0.2.66')
    expect(JSON.stringify(there)).toContain('auth.signIn.tooMany')
    // The officer, from their own address, signs in at once.
    const ok = (await signInAs(
      'housing@kaimen.local',
      'kaimen-housing',
      undefined,
      '192.0.2.67',
    )) as Response
    expect(ok.status).toBe(302)
    const alerts = await database.current.db
      .selectFrom('email_outbox')
      .select(['to_address'])
      .where('template', '=', 'sign-in-alert')
      .execute()
    expect(alerts.map((a) => a.to_address)).toEqual(['housing@kaimen.local'])
  })

  it('answers a real and an unknown account the same way, attempt after attempt', async () => {
    const sequence = async (email: string, ip: string) => {
      const out: string[] = []
      for (let i = 0; i < 8; i++) {
        const reply = JSON.stringify(await signInAs(email, 'wrong', undefined, ip))
        out.push(/auth\.signIn\.\w+/.exec(reply)?.[0] ?? reply)
      }
      return out
    }
    const real = await sequence('admin@kaimen.local', '192.0.2.70')
    const unknown = await sequence('nobody@kaimen.local', '192.0.2.71')
    expect(unknown).toEqual(real)
    expect(real).toContain('auth.signIn.tooMany')
  })

  it('counts a burst of 32 concurrent attempts atomically: at most five passwords are checked', async () => {
    const replies = await Promise.all(
      Array.from({ length: 32 }, () =>
        signInAs('huangpu@kaimen.local', 'wrong', undefined, '192.0.2.80'),
      ),
    )
    const checked = replies.filter((r) => JSON.stringify(r).includes('auth.signIn.invalid'))
    expect(checked.length).toBeLessThanOrEqual(5)
    expect(replies.filter((r) => JSON.stringify(r).includes('auth.signIn.tooMany')).length).toBe(
      32 - checked.length,
    )
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

  it('stores passwords as argon2id hashes only', async () => {
    const rows = await database.current.db
      .selectFrom('staff_users')
      .select('password_hash')
      .execute()
    expect(rows.length).toBeGreaterThan(0)
    for (const row of rows) expect(row.password_hash).toMatch(/^\$argon2id\$/)
  })

  it('marks the cookie Secure in production over HTTPS', () => {
    const saved = { NODE_ENV: process.env.NODE_ENV, PUBLIC_URL: process.env.PUBLIC_URL }
    try {
      process.env.NODE_ENV = 'production'
      process.env.PUBLIC_URL = 'https://kaimen.example'
      resetEnv()
      const cookie = sessionCookie(STAFF_COOKIE, 'token', 60)
      expect(cookie).toMatch(/; HttpOnly/)
      expect(cookie).toMatch(/; SameSite=Lax/)
      expect(cookie).toMatch(/; Secure/)
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key]
        else process.env[key] = value
      }
      resetEnv()
    }
    expect(sessionCookie(STAFF_COOKIE, 'token', 60)).not.toMatch(/Secure/)
  })

  it('signs out this session only, clearing the cookie', async () => {
    const a = cookieFrom((await signInAs('admin@kaimen.local', 'kaimen-admin')) as Response)
    const b = cookieFrom((await signInAs('admin@kaimen.local', 'kaimen-admin')) as Response)
    const out = (await settle(() =>
      signOut({ request: formRequest('/sign-out', {}, { cookie: a }), params: {}, context: {} }),
    )) as Response
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/)
    const gone = await settle(() =>
      dashboard({ request: getRequest('/staff', a), params: {}, context: {} }),
    )
    expect((gone as Response).status).toBe(302)
    const kept = await dashboard({ request: getRequest('/staff', b), params: {}, context: {} })
    expect(kept.staff.email).toBe('admin@kaimen.local')
  })

  it('limits sign-in attempts per client address', async () => {
    const ip = '203.0.113.77'
    let last: unknown
    for (let i = 0; i < 21; i++)
      last = await signInAs(`nobody${i}@kaimen.local`, 'x', undefined, ip)
    expect(JSON.stringify(last)).toContain('auth.signIn.tooMany')
    // Another address is not affected.
    const other = await signInAs('nobody@kaimen.local', 'x', undefined, '203.0.113.78')
    expect(JSON.stringify(other)).toContain('auth.signIn.invalid')
  })

  it('changes the password: the current one is checked, other sessions end, this one stays', async () => {
    const db = database.current.db
    const here = cookieFrom((await signInAs('huangpu@kaimen.local', 'kaimen-huangpu')) as Response)
    const elsewhere = cookieFrom(
      (await signInAs('huangpu@kaimen.local', 'kaimen-huangpu')) as Response,
    )
    const change = (fields: Record<string, string>) =>
      settle(() =>
        changePassword({
          request: formRequest('/staff/password', fields, { cookie: here }),
          params: {},
          context: {},
        }),
      )
    const wrong = (await change({
      current: 'not-it',
      next: 'a-new-password-1',
      confirm: 'a-new-password-1',
    })) as { done: boolean; result: { error?: Record<string, string[]> } }
    expect(wrong.done).toBe(false)
    expect(wrong.result.error?.current).toEqual(['auth.password.wrongCurrent'])

    const done = (await change({
      current: 'kaimen-huangpu',
      next: 'a-new-password-1',
      confirm: 'a-new-password-1',
    })) as { done: boolean }
    expect(done.done).toBe(true)
    const stays = await dashboard({ request: getRequest('/staff', here), params: {}, context: {} })
    expect(stays.staff.email).toBe('huangpu@kaimen.local')
    const ended = await settle(() =>
      dashboard({ request: getRequest('/staff', elsewhere), params: {}, context: {} }),
    )
    expect((ended as Response).status).toBe(302)
    expect(JSON.stringify(await signInAs('huangpu@kaimen.local', 'kaimen-huangpu'))).toContain(
      'auth.signIn.invalid',
    )
    expect(((await signInAs('huangpu@kaimen.local', 'a-new-password-1')) as Response).status).toBe(
      302,
    )
    const events = await db
      .selectFrom('events')
      .select(['actor', 'public'])
      .where('type', '=', 'staff.password_changed')
      .execute()
    expect(events).toHaveLength(1)
    expect(events[0]!.public).toBe(false)

    // Guessing the current password from a borrowed session is throttled.
    let last: unknown
    for (let i = 0; i < 5; i++)
      last = await change({
        current: `guess-${i}`,
        next: 'another-pass-1',
        confirm: 'another-pass-1',
      })
    expect(JSON.stringify(last)).toContain('auth.password.tooMany')
  })

  it('refuses a disabled account, and its sessions stop working', async () => {
    const db = database.current.db
    const cookie = cookieFrom((await signInAs('admin@kaimen.local', 'kaimen-admin')) as Response)
    await db
      .updateTable('staff_users')
      .set({ disabled_at: new Date() })
      .where('email', '=', 'admin@kaimen.local')
      .execute()
    const refused = await settle(() =>
      dashboard({ request: getRequest('/staff', cookie), params: {}, context: {} }),
    )
    expect((refused as Response).status).toBe(302)
    expect(JSON.stringify(await signInAs('admin@kaimen.local', 'kaimen-admin'))).toContain(
      'auth.signIn.invalid',
    )
    await db
      .updateTable('staff_users')
      .set({ disabled_at: null })
      .where('email', '=', 'admin@kaimen.local')
      .execute()
  })
})
