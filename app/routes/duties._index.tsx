import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { BrowseFilterForm, Pager, ResultCount } from '../browse/list-controls'
import { OverdueBadge } from '../duties/overdue-badge'
import { getDb } from '../platform/db.server'
import { formatDate, localeFromRequest } from '../platform/i18n'
import type { MessageKey } from '../locales/types'
import { dutyStatusFilters, parseFilters } from '../browse/list-query'
import { filterOptions, listDuties } from '../browse/lists.server'
import { metaT, pageMeta, useLocale, useT } from '../ui/i18n'

export const meta: MetaFunction = ({ matches }) => {
  const t = metaT(matches)
  return [
    ...pageMeta(matches, t('browse.duties.title'), t('browse.duties.lead')),
    { tagName: 'link', rel: 'alternate', type: 'application/rss+xml', href: '/feeds/progress.xml' },
  ]
}

export async function loader({ request }: LoaderFunctionArgs) {
  const filters = parseFilters(new URL(request.url).searchParams, dutyStatusFilters)
  const locale = localeFromRequest(request)
  const db = await getDb()
  const [page, options] = await Promise.all([
    listDuties(db, filters, locale),
    filterOptions(db, locale),
  ])
  return { filters, page, options }
}

export default function Duties() {
  const t = useT()
  const locale = useLocale()
  const { filters, page, options } = useLoaderData<typeof loader>()
  return (
    <section>
      <h1>{t('browse.duties.title')}</h1>
      <p className="muted">{t('browse.duties.lead')}</p>
      <BrowseFilterForm
        filters={filters}
        options={options}
        statuses={dutyStatusFilters}
        statusLabel={(s) => t(`follow.duty.status.${s}` as MessageKey)}
      />
      <ResultCount total={page.total} />
      {page.items.length === 0 ? (
        <p>{t('browse.empty')}</p>
      ) : (
        <ol className="feed browse-list">
          {page.items.map((d) => (
            <li key={d.id} className="feed__item">
              <p className="feed__title">
                <a href={`/duties/${d.id}`}>{d.title}</a>
              </p>
              <p className="feed__meta">
                <span className="badge">{t(`follow.duty.status.${d.status}` as MessageKey)}</span>{' '}
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
            </li>
          ))}
        </ol>
      )}
      <Pager filters={filters} next={page.next} />
      <p className="muted">
        <a href="/feeds/progress.xml">{t('browse.feed')}</a> ·{' '}
        <a href="/feeds/progress.atom">{t('browse.feedAtom')}</a>
      </p>
    </section>
  )
}
