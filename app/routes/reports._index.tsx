import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { PublicList } from '../browse/public-list'
import { reportListPage } from '../browse/list-page.server'
import { reportStatuses } from '../browse/list-query'
import { OverdueBadge } from '../duties/overdue-badge'
import { formatDate } from '../platform/i18n'
import { metaT, pageMeta, useLocale, useT } from '../ui/i18n'

export const meta: MetaFunction = ({ matches }) => {
  const t = metaT(matches)
  return pageMeta(matches, t('browse.reports.title'), t('browse.reports.lead'))
}

export function loader({ request }: LoaderFunctionArgs) {
  return reportListPage(request)
}

export default function Reports() {
  const t = useT()
  const locale = useLocale()
  return (
    <PublicList
      {...useLoaderData<typeof loader>()}
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
    />
  )
}
