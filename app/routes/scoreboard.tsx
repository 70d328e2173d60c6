import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { AreaMap } from '../accountability/area-map/area-map'
import { areaMapForPage } from '../accountability/area-map/area-map.server'
import {
  Formulas,
  PeriodPicker,
  ScoreCharts,
  ScoreFigures,
} from '../accountability/scoreboard/scoreboard'
import { getDb } from '../platform/db.server'
import { localeFromRequest } from '../platform/i18n'
import { forPage, scoreboardView } from '../accountability/scoreboard/scoreboard-view.server'
import { invariantResponse } from '../platform/http.server'
import { metaT, pageMeta, useT } from '../ui/i18n'
import { sharedPageHeaders } from '../platform/response/page-cache.server'

export { sharedPageHeaders as headers }

export const meta: MetaFunction = ({ matches }) => {
  const t = metaT(matches)
  return pageMeta(
    matches,
    t('accountability.scoreboard.title'),
    t('accountability.scoreboard.lead'),
  )
}

export async function loader({ request }: LoaderFunctionArgs) {
  const period = new URL(request.url).searchParams.get('period')
  const locale = localeFromRequest(request)
  const db = await getDb()
  const [view, areaMap] = await Promise.all([
    scoreboardView(db, period, locale),
    areaMapForPage(db, locale),
  ])
  invariantResponse(view, 'Unknown period', { status: 400 })
  return { view: forPage(view, locale), areaMap }
}

export default function ScoreboardPage() {
  const { view, areaMap } = useLoaderData<typeof loader>()
  const t = useT()
  const rate = (value: string | null) => value ?? t('accountability.scoreboard.noData')
  const columns = [
    { key: 'response', label: t('accountability.rates.response') },
    { key: 'onTime', label: t('accountability.rates.onTime') },
    { key: 'satisfaction', label: t('accountability.rates.satisfaction') },
    { key: 'publicSatisfaction', label: t('accountability.rates.publicSatisfaction') },
    { key: 'open', label: t('accountability.counts.open') },
    { key: 'overdue', label: t('accountability.counts.overdue') },
    { key: 'callbacks', label: t('accountability.counts.callbacks') },
    { key: 'score', label: t('accountability.scoreboard.score') },
  ] as const
  return (
    <section className="scoreboard">
      <h1>{t('accountability.scoreboard.title')}</h1>
      <p className="muted">{t('accountability.scoreboard.lead')}</p>
      <PeriodPicker view={view} />
      <h2>{t('accountability.scoreboard.overall', { period: view.periodLabel })}</h2>
      <ScoreFigures counts={view.totals} />
      <Formulas />
      <h2 id="ranking-heading">{t('accountability.scoreboard.ranking')}</h2>
      {view.units.length === 0 ? (
        <p>{t('accountability.scoreboard.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table table--cards" aria-labelledby="ranking-heading">
            <thead>
              <tr>
                <th scope="col">{t('accountability.scoreboard.rank')}</th>
                <th scope="col">{t('accountability.scoreboard.unit')}</th>
                {columns.map((c) => (
                  <th key={c.key} scope="col">
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {view.units.map((u) => {
                const cells = {
                  response: rate(u.response.value),
                  onTime: rate(u.onTime.value),
                  satisfaction: rate(u.satisfaction.value),
                  publicSatisfaction: rate(u.publicSatisfaction.value),
                  open: u.open,
                  overdue: u.overdue,
                  callbacks: u.callbacks,
                  score: rate(u.score),
                }
                return (
                  <tr key={u.slug}>
                    <td className="table__rank" data-label={t('accountability.scoreboard.rank')}>
                      {u.rank}
                    </td>
                    <th scope="row" className="table__title">
                      <Link to={`/units/${u.slug}`}>{u.name}</Link>
                    </th>
                    {columns.map((c) => (
                      <td
                        key={c.key}
                        data-label={c.label}
                        className={
                          c.key === 'overdue' && u.overdue > 0 ? 'cell--overdue' : undefined
                        }
                      >
                        {cells[c.key]}
                      </td>
                    ))}
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
      <AreaMap view={areaMap} />
      <h2>{t('accountability.charts.heading')}</h2>
      <ScoreCharts view={view} idPrefix="all" />
    </section>
  )
}
