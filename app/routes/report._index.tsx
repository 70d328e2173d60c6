import type { MetaFunction } from '@remix-run/node'
import { Link } from '@remix-run/react'
import { metaT, pageMeta, useT } from '../ui/i18n'

export const meta: MetaFunction = ({ matches }) => {
  const t = metaT(matches)
  return pageMeta(matches, t('report.chooser.title'), t('report.chooser.lead'))
}

export default function ChooseReportKind() {
  const t = useT()
  return (
    <section>
      <h1>{t('report.chooser.title')}</h1>
      <p>{t('report.chooser.lead')}</p>
      <ul className="card-list report-kinds">
        <li className="card">
          <h2>{t('report.chooser.concern.title')}</h2>
          <p>{t('report.chooser.concern.description')}</p>
          <p>
            <Link className="button" to="/report/concern">
              {t('report.chooser.concern.action')}
            </Link>
          </p>
        </li>
        <li className="card">
          <h2>{t('report.chooser.demand.title')}</h2>
          <p>{t('report.chooser.demand.description')}</p>
          <p>
            <Link className="button" to="/report/demand">
              {t('report.chooser.demand.action')}
            </Link>
          </p>
        </li>
      </ul>
      <p>
        <Link to="/track">{t('report.chooser.track')}</Link>
      </p>
    </section>
  )
}
