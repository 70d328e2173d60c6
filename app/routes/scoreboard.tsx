import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
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
  const view = await scoreboardView(await getDb(), period, locale)
  invariantResponse(view, 'Unknown period', { status: 400 })
  return { view: forPage(view, locale) }
}

export default function ScoreboardPage() {
  const { view } = useLoaderData<typeof loader>()
  const t = useT()
  const rate = (value: string | null) => value ?? t('accountability.scoreboard.noData')
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
          <table className="table" aria-labelledby="ranking-heading">
            <thead>
              <tr>
                <th scope="col">{t('accountability.scoreboard.rank')}</th>
                <th scope="col">{t('accountability.scoreboard.unit')}</th>
                <th scope="col">{t('accountability.rates.response')}</th>
                <th scope="col">{t('accountability.rates.onTime')}</th>
                <th scope="col">{t('accountability.rates.satisfaction')}</th>
                <th scope="col">{t('accountability.rates.publicSatisfaction')}</th>
                <th scope="col">{t('accountability.counts.open')}</th>
                <th scope="col">{t('accountability.counts.overdue')}</th>
                <th scope="col">{t('accountability.scoreboard.score')}</th>
              </tr>
            </thead>
            <tbody>
              {view.units.map((u) => (
                <tr key={u.slug}>
                  <td>{u.rank}</td>
                  <th scope="row">
                    <Link to={`/units/${u.slug}`}>{u.name}</Link>
                  </th>
                  <td>{rate(u.response.value)}</td>
                  <td>{rate(u.onTime.value)}</td>
                  <td>{rate(u.satisfaction.value)}</td>
                  <td>{rate(u.publicSatisfaction.value)}</td>
                  <td>{u.open}</td>
                  <td className={u.overdue > 0 ? 'cell--overdue' : undefined}>{u.overdue}</td>
                  <td>{rate(u.score)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t('accountability.charts.heading')}</h2>
      <ScoreCharts view={view} idPrefix="all" />
    </section>
  )
}
