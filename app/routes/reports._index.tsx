import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { AreaMap } from '../accountability/area-map/area-map'
import { areaMapForPage } from '../accountability/area-map/area-map.server'
import { PublicList } from '../browse/public-list'
import { reportListPage } from '../browse/list-page.server'
import { reportStatuses } from '../browse/list-query'
import { OverdueBadge } from '../duties/overdue-badge'
import { getDb } from '../platform/db.server'
import { formatDate, localeFromRequest } from '../platform/i18n'
import { metaT, pageMeta, useLocale, useT } from '../ui/i18n'
import { sharedPageHeaders } from '../platform/response/page-cache.server'

export { sharedPageHeaders as headers }

export const meta: MetaFunction = ({ matches }) => {
  const t = metaT(matches)
  return pageMeta(matches, t('browse.reports.title'), t('browse.reports.lead'))
}

export async function loader({ request }: LoaderFunctionArgs) {
  const [list, areaMap] = await Promise.all([
    reportListPage(request),
    areaMapForPage(await getDb(), localeFromRequest(request)),
  ])
  return { ...list, areaMap }
}

export default function Reports() {
  const t = useT()
  const locale = useLocale()
  const { areaMap, ...list } = useLoaderData<typeof loader>()
  return (
    <PublicList
      {...list}
      heading={t('browse.reports.title')}
      lead={t('browse.reports.lead')}
      statuses={reportStatuses}
      statusLabel={(s) => t(`report.status.${s}`)}
      renderItem={(r) => (
        <>
          <p className="feed__title">
            <a href={`/reports/${r.id}`}>{r.title}</a>
          </p>
          <p className="feed__meta">
            <span className="badge">{t(`report.status.${r.status}`)}</span>{' '}
            {r.duty ? (
              <span className="badge">{t(`follow.duty.status.${r.duty.status}`)}</span>
            ) : null}{' '}
            <OverdueBadge overdue={r.duty?.overdue ?? false} /> {r.categoryName} · {r.areaName} ·{' '}
            {formatDate(new Date(r.createdAt), locale)} ·{' '}
            {r.reporterName ?? t(`browse.anonymous.${r.kind}`)} ·{' '}
            {t('browse.number', { number: r.number })}
          </p>
          <p>{r.excerpt}</p>
        </>
      )}
    >
      <AreaMap view={areaMap} />
    </PublicList>
  )
}
