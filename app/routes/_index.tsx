import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { homePage } from '../browse/home.server'
import { metaT, pageMeta, useT } from '../ui/i18n'
import { sharedPageHeaders } from '../platform/response/page-cache.server'

export { sharedPageHeaders as headers }

export const meta: MetaFunction = ({ matches }) => {
  const t = metaT(matches)
  return pageMeta(matches, t('home.title'), t('home.description'))
}

export function loader({ request }: LoaderFunctionArgs) {
  return homePage(request)
}

export default function Home() {
  const { stats, progress } = useLoaderData<typeof loader>()
  const t = useT()
  const figures = [
    { key: 'reports', label: t('home.stats.reports'), value: stats.reports },
    { key: 'open', label: t('home.stats.open'), value: stats.open },
    { key: 'resolved', label: t('home.stats.resolved'), value: stats.resolved },
    { key: 'overdue', label: t('home.stats.overdue'), value: stats.overdue },
  ]
  return (
    <>
      <section className="hero">
        <h1>{t('home.heading')}</h1>
        <p>{t('home.lead')}</p>
        <p className="actions">
          <Link className="button" to="/report">
            {t('common.nav.report')}
          </Link>
          <Link className="button button--secondary" to="/track">
            {t('common.nav.track')}
          </Link>
        </p>
      </section>
      <section aria-labelledby="stats-heading">
        <h2 id="stats-heading">{t('home.stats.heading')}</h2>
        <dl className="stats">
          {figures.map((f) => (
            <div key={f.key} className={`stat stat--${f.key}`}>
              <dt>{f.label}</dt>
              <dd>{f.value.toLocaleString()}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="latest-heading">
        <h2 id="latest-heading">{t('home.latest.heading')}</h2>
        {progress.length === 0 ? (
          <p>{t('home.latest.empty')}</p>
        ) : (
          <ol className="feed">
            {progress.map((p) => (
              <li key={p.id} className="feed__item">
                <p className="feed__meta">
                  <span>{p.unitName}</span> · <time>{p.at}</time> ·{' '}
                  <span>{t('home.latest.percent', { percent: p.percent })}</span>
                </p>
                <p className="feed__title">{p.dutyTitle}</p>
                <p>{p.body}</p>
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  )
}
