import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { getDb } from '../platform/db.server'
import { localeFromRequest } from '../platform/i18n'
import { listNotices } from '../accountability/notice.server'
import { metaT, pageMeta, useT } from '../ui/i18n'
import { sharedPageHeaders } from '../platform/response/page-cache.server'

export { sharedPageHeaders as headers }

export const meta: MetaFunction = ({ matches }) => {
  const t = metaT(matches)
  return pageMeta(matches, t('accountability.notices.title'), t('accountability.notices.lead'))
}

export async function loader({ request }: LoaderFunctionArgs) {
  return { notices: await listNotices(await getDb(), localeFromRequest(request)) }
}

export default function Notices() {
  const { notices } = useLoaderData<typeof loader>()
  const t = useT()
  return (
    <section>
      <h1>{t('accountability.notices.title')}</h1>
      <p className="muted">{t('accountability.notices.lead')}</p>
      {notices.length === 0 ? (
        <p>{t('accountability.notices.empty')}</p>
      ) : (
        <ol className="feed">
          {notices.map((n) => (
            <li key={n.id} className="feed__item">
              <p className="feed__meta">
                <span className="badge">{t(`accountability.notices.kinds.${n.kind}`)}</span> ·{' '}
                <span>{t('accountability.notices.published', { date: n.published })}</span>
              </p>
              <h2 className="feed__title">
                <Link to={`/notices/${n.id}`}>{n.title}</Link>
              </h2>
              <p>{n.excerpt}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
