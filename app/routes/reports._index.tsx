import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { BrowseFilterForm, Pager, ResultCount } from '../browse/list-controls'
import { OverdueBadge } from '../duties/overdue-badge'
import { getDb } from '../platform/db.server'
import { formatDate, localeFromRequest } from '../platform/i18n'
import type { MessageKey } from '../locales/types'
import { parseFilters, reportStatuses } from '../browse/list-query'
import { filterOptions, listReports } from '../browse/lists.server'
import { metaT, pageMeta, useLocale, useT } from '../ui/i18n'

export const meta: MetaFunction = ({ matches }) => {
  const t = metaT(matches)
  return pageMeta(matches, t('browse.reports.title'), t('browse.reports.lead'))
}

export async function loader({ request }: LoaderFunctionArgs) {
  const filters = parseFilters(new URL(request.url).searchParams, reportStatuses)
  const locale = localeFromRequest(request)
  const db = await getDb()
  const [page, options] = await Promise.all([
    listReports(db, filters, locale),
    filterOptions(db, locale),
  ])
  return { filters, page, options }
}

export default function Reports() {
  const t = useT()
  const locale = useLocale()
  const { filters, page, options } = useLoaderData<typeof loader>()
  return (
    <section>
      <h1>{t('browse.reports.title')}</h1>
      <p className="muted">{t('browse.reports.lead')}</p>
      <BrowseFilterForm
        filters={filters}
        options={options}
        statuses={reportStatuses}
        statusLabel={(s) => t(`report.status.${s}` as MessageKey)}
      />
      <ResultCount total={page.total} />
      {page.items.length === 0 ? (
        <p>{t('browse.empty')}</p>
      ) : (
        <ol className="feed browse-list">
          {page.items.map((r) => (
            <li key={r.id} className="feed__item">
              <p className="feed__title">
                <a href={`/reports/${r.id}`}>{r.title}</a>
              </p>
              <p className="feed__meta">
                <span className="badge">{t(`report.status.${r.status}` as MessageKey)}</span>{' '}
                {r.duty ? (
                  <span className="badge">
                    {t(`follow.duty.status.${r.duty.status}` as MessageKey)}
                  </span>
                ) : null}{' '}
                <OverdueBadge overdue={r.duty?.overdue ?? false} /> {r.categoryName} · {r.areaName}{' '}
                · {formatDate(new Date(r.createdAt), locale)} ·{' '}
                {r.reporterName ?? t('browse.anonymous')}
              </p>
              <p>{r.excerpt}</p>
            </li>
          ))}
        </ol>
      )}
      <Pager filters={filters} next={page.next} />
    </section>
  )
}
