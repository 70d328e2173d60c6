import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { getDb } from '../platform/db.server'
import { getEnv } from '../platform/env.server'
import { invariantResponse } from '../platform/http.server'
import { reportReceipt } from '../reporting/follow.server'
import { metaT, pageMeta, useT } from '../ui/i18n'

export const meta: MetaFunction = ({ matches }) => [
  ...pageMeta(matches, metaT(matches)('report.received.title')),
  { name: 'robots', content: 'noindex' },
]

/** The page holds the private follow link: never cached by a shared cache. */
export const headers: HeadersFunction = () => ({
  'Cache-Control': 'private, no-store',
  'X-Robots-Tag': 'noindex',
})

export async function loader({ params }: LoaderFunctionArgs) {
  const receipt = await reportReceipt(await getDb(), params.token ?? '', getEnv().PUBLIC_URL)
  invariantResponse(receipt, 'Not found', { status: 404 })
  return receipt
}

export default function ReportReceived() {
  const t = useT()
  const report = useLoaderData<typeof loader>()
  return (
    <section className="receipt">
      <h1>{t('report.received.title')}</h1>
      <p role="status">{t('report.received.lead', { title: report.title })}</p>
      <h2>{t('report.received.code')}</h2>
      <p className="tracking-code">{report.trackingCode}</p>
      <p className="muted">{t('report.received.codeHint')}</p>
      <h2>{t('report.received.link')}</h2>
      <p className="follow-link">
        <a href={report.followPath}>{report.followUrl}</a>
      </p>
      <p className="muted">{t('report.received.linkHint')}</p>
      {report.emailSent ? <p className="notice">{t('report.received.emailSent')}</p> : null}
      <p className="actions">
        <Link className="button" to={report.followPath}>
          {t('report.received.follow')}
        </Link>
        <Link className="button button--secondary" to="/report">
          {t('report.received.another')}
        </Link>
      </p>
    </section>
  )
}
