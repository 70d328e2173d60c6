import type { PageAreaMapView } from './area-map.server'
import { useT } from '../../ui/i18n'

/**
 * Where problems are: the map of the streets (an image drawn on the server) and beside it the
 * same numbers as a table whose street names link to each street's problem list; the table also
 * lists the streets the map cannot draw yet, having no boundary.
 */
export function AreaMap({ view }: { view: PageAreaMapView }) {
  const t = useT()
  return (
    <section className="area-map" aria-labelledby="area-map-heading">
      <h2 id="area-map-heading">{t('accountability.areaMap.heading')}</h2>
      <p className="muted">{t('accountability.areaMap.lead')}</p>
      {view.rows.length === 0 ? (
        <p>{t('accountability.areaMap.empty')}</p>
      ) : (
        <div className="area-map__body">
          {view.src ? (
            <figure className="chart">
              <div className="chart__svg">
                <img src={view.src} alt={view.caption} width={340} height={320} />
              </div>
            </figure>
          ) : (
            <p>{t('accountability.areaMap.noMap')}</p>
          )}
          <div className="table-wrap">
            <table className="table">
              <caption>{view.caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('accountability.areaMap.area')}</th>
                  <th scope="col">{t('accountability.areaMap.open')}</th>
                  <th scope="col">{t('accountability.areaMap.overdue')}</th>
                </tr>
              </thead>
              <tbody>
                {view.rows.map((row) => (
                  <tr key={row.id}>
                    <th scope="row">
                      <a href={`/reports?area=${row.id}`}>{row.name}</a>
                      {row.mapped ? null : (
                        <span className="muted"> {t('accountability.areaMap.unmapped')}</span>
                      )}
                    </th>
                    <td>{row.open}</td>
                    <td className={row.overdue > 0 ? 'cell--overdue' : undefined}>
                      {row.overdue > 0 ? (
                        <a href={`/reports?area=${row.id}&overdue=1`}>{row.overdue}</a>
                      ) : (
                        row.overdue
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  )
}
