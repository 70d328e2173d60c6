import { checkDatabase } from '../admin/overview.server'
import { machineHeaders } from '../platform/response/security-headers.server'
import { emailProvider, smsProvider } from '../platform/env.server'

/** For load balancers and people: is the app up, and can it reach its database? */
export async function loader() {
  try {
    const database = await checkDatabase()
    return Response.json(
      // email/sms.provider 'none': nothing is sent on that channel (the app is still healthy, but someone should know).
      {
        status: 'ok',
        database: { status: 'ok', ...database },
        email: { provider: emailProvider() },
        sms: { provider: smsProvider() },
      },
      { headers: { ...machineHeaders, 'Cache-Control': 'no-store' } },
    )
  } catch (error) {
    console.error('[healthz]', error)
    return Response.json(
      {
        status: 'degraded',
        database: { status: 'unreachable' },
        email: { provider: emailProvider() },
        sms: { provider: smsProvider() },
      },
      { status: 503, headers: { ...machineHeaders, 'Cache-Control': 'no-store' } },
    )
  }
}
