import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { PublicList } from '../browse/public-list'
import { dutyListPage } from '../browse/list-page.server'
import { dutyStatusFilters } from '../browse/list-query'
import { OverdueBadge } from '../duties/overdue-badge'
import { formatDate } from '../platform/i18n'
import { metaT, pageMeta, useLocale, useT } from '../ui/i18n'
import { sharedPageHeaders } from '../platform/response/page-cache.server'

export { sharedPageHeaders as headers }

export const meta: MetaFunction = ({ matches }) => {
  const t = metaT(matches)
  return [
    ...pageMeta(matches, t('browse.duties.title'), t('browse.duties.lead')),
    { tagName: 'link', rel: 'alternate', type: 'application/rss+xml', href: '/feeds/progress.xml' },
  ]
}

export function loader({ request }: LoaderFunctionArgs) {
  return dutyListPage(request)
}

export default function Duties() {
  const t = useT()
  const locale = useLocale()
  return (
    <PublicList
      {...useLoaderData<typeof loader>()}
      heading={t('browse.duties.title')}
      lead={t('browse.duties.lead')}
      statuses={dutyStatusFilters}
      statusLabel={(s) => t(`follow.duty.status.${s}`)}
      renderItem={(d) => (
        <>
          <p className="feed__title">
            <a href={`/duties/${d.id}`}>{d.title}</a>
          </p>
          <p className="feed__meta">
            <span className="badge">{t(`follow.duty.status.${d.status}`)}</span>{' '}
            <OverdueBadge overdue={d.overdue} deadline={d.deadline} /> {d.unitName} ·{' '}
            {d.categoryName}
            {d.areaName ? ` · ${d.areaName}` : ''}
          </p>
          <p className="feed__meta">
            {d.deadline
              ? t('browse.deadline', { date: formatDate(d.deadline, locale) })
              : t('follow.duty.ongoing')}{' '}
            · {t('browse.progress', { percent: d.progress })}
          </p>
        </>
      )}
    >
      <p className="muted">
        <a href="/feeds/progress.xml">{t('browse.feed')}</a> ·{' '}
        <a href="/feeds/progress.atom">{t('browse.feedAtom')}</a>
      </p>
    </PublicList>
  )
}
