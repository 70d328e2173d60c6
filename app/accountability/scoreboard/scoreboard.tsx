import { Form } from '@remix-run/react'
import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema'
import type { Locale } from '../../platform/i18n'
import type {
  CountsView,
  PageChartView,
  PageScoreboardView,
  RateView,
} from './scoreboard-view.server'
import { useT } from '../../ui/i18n'

type ScoreboardView = PageScoreboardView

/**
 * One unit's scoreboard for a period, ready for `<UnitScoreboard view={…} />`; null when
 * `period` ('2026-11', '2026-Q4', 'campaign' or null for the campaign) names no period.
 * Call it in a loader only: it runs on the server.
 */
export async function unitScoreboard(
  db: Kysely<Database>,
  unitId: number,
  period: string | null,
  locale: Locale,
): Promise<ScoreboardView | null> {
  const { forPage, unitScoreboardView } = await import('./scoreboard-view.server')
  const view = await unitScoreboardView(db, unitId, period, locale)
  return view && forPage(view, locale, unitId)
}

/** The period choice: a plain GET form, so it works without JavaScript. */
export function PeriodPicker({ view, id = 'period' }: { view: ScoreboardView; id?: string }) {
  const t = useT()
  return (
    <Form method="get" className="inline-form period-picker">
      <label htmlFor={id}>{t('accountability.scoreboard.period')}</label>
      <select id={id} name="period" defaultValue={view.period}>
        {view.choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
      <button type="submit" className="button button--secondary">
        {t('accountability.scoreboard.show')}
      </button>
    </Form>
  )
}

function Rate({ label, rate }: { label: string; rate: RateView }) {
  const t = useT()
  return (
    <div className="stat">
      <dt>{label}</dt>
      <dd>{rate.value ?? t('accountability.scoreboard.noData')}</dd>
      <dd className="stat__detail">
        {t('accountability.scoreboard.ofCount', { met: rate.met, due: rate.due })}
      </dd>
    </div>
  )
}

export function ScoreFigures({ counts }: { counts: CountsView }) {
  const t = useT()
  const figures = [
    { key: 'reports', value: counts.reports },
    { key: 'assigned', value: counts.assigned },
    { key: 'open', value: counts.open },
    { key: 'resolved', value: counts.resolved },
    { key: 'overdue', value: counts.overdue },
    { key: 'callbacks', value: counts.callbacks },
  ] as const
  return (
    <>
      <dl className="stats scoreboard-rates">
        <Rate label={t('accountability.rates.response')} rate={counts.response} />
        <Rate label={t('accountability.rates.onTime')} rate={counts.onTime} />
        <Rate label={t('accountability.rates.satisfaction')} rate={counts.satisfaction} />
        <Rate
          label={t('accountability.rates.publicSatisfaction')}
          rate={counts.publicSatisfaction}
        />
      </dl>
      <dl className="stats">
        {figures.map((f) => (
          <div key={f.key} className={`stat stat--${f.key}`}>
            <dt>{t(`accountability.counts.${f.key}`)}</dt>
            <dd>{f.value.toLocaleString()}</dd>
          </div>
        ))}
      </dl>
    </>
  )
}

/** The formulas, stated where the numbers are. */
export function Formulas() {
  const t = useT()
  return (
    <details className="details formulas">
      <summary>{t('accountability.formulas.title')}</summary>
      <dl>
        <dt>{t('accountability.rates.response')}</dt>
        <dd>{t('accountability.formulas.response')}</dd>
        <dt>{t('accountability.rates.onTime')}</dt>
        <dd>{t('accountability.formulas.onTime')}</dd>
        <dt>{t('accountability.rates.satisfaction')}</dt>
        <dd>{t('accountability.formulas.satisfaction')}</dd>
        <dt>{t('accountability.formulas.countsTitle')}</dt>
        <dd>{t('accountability.formulas.counts')}</dd>
        <dt>{t('accountability.formulas.rankingTitle')}</dt>
        <dd>{t('accountability.formulas.ranking')}</dd>
      </dl>
    </details>
  )
}

export function Chart({ chart, id }: { chart: PageChartView; id: string }) {
  const t = useT()
  return (
    <figure className="chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>{chart.caption}</figcaption>
      {/* SVG drawn on the server by ECharts from numbers only, served as its own image. */}
      <div className="chart__svg">
        <img src={chart.src} alt={chart.caption} width={chart.width} height={chart.height} />
      </div>
      <details className="details">
        <summary>{t('accountability.charts.table')}</summary>
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{chart.caption}</caption>
            <thead>
              <tr>
                {chart.columns.map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {chart.rows.map((row) => (
                <tr key={String(row[0])}>
                  {row.map((cell, i) =>
                    i === 0 ? (
                      <th key={i} scope="row">
                        {cell}
                      </th>
                    ) : (
                      <td key={i}>{cell}</td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  )
}

export function ScoreCharts({ view, idPrefix }: { view: ScoreboardView; idPrefix: string }) {
  return (
    <div className="charts">
      <Chart chart={view.charts.trend} id={`${idPrefix}-trend`} />
      <Chart chart={view.charts.status} id={`${idPrefix}-status`} />
      <Chart chart={view.charts.ratings} id={`${idPrefix}-ratings`} />
    </div>
  )
}

/** A unit's scoreboard (三率) with its period choice, figures, formulas and charts. */
export function UnitScoreboard({ view }: { view: ScoreboardView }) {
  const t = useT()
  return (
    <section aria-labelledby="unit-scoreboard-heading" className="scoreboard">
      <h2 id="unit-scoreboard-heading">
        {t('accountability.scoreboard.unitHeading', { period: view.periodLabel })}
      </h2>
      <PeriodPicker view={view} id="unit-period" />
      <ScoreFigures counts={view.totals} />
      <Formulas />
      <ScoreCharts view={view} idPrefix="unit" />
    </section>
  )
}
