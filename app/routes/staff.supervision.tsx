import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { isDutyOverdue, OverdueBadge } from '../duties/overdue-badge'
import { getDb } from '../platform/db.server'
import { formatDate, localeFromRequest } from '../platform/i18n'
import { supervisionBoard } from '../accountability/supervision.server'
import { requireStaff } from '../staff/auth.server'
import { metaT, pageMeta, useLocale, useT } from '../ui/i18n'

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, metaT(matches)('accountability.supervision.title'))

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, 'coordinator', 'unit_staff')
  return supervisionBoard(await getDb(), {
    unitId: staff.role === 'unit_staff' ? staff.unitId! : undefined,
    locale: localeFromRequest(request),
  })
}

export default function Supervision() {
  const { units, soonDays } = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
  return (
    <section>
      <h1>{t('accountability.supervision.title')}</h1>
      <p className="muted">{t('accountability.supervision.lead', { days: soonDays })}</p>
      {units.length === 0 ? <p>{t('accountability.supervision.none')}</p> : null}
      {units.map((unit) => {
        const overdue = unit.duties.filter((d) => d.left < 0).length
        return (
          <section key={unit.id} aria-labelledby={`unit-${unit.id}`}>
            <h2 id={`unit-${unit.id}`}>
              {unit.name}{' '}
              <span className="muted">
                {t('accountability.supervision.overdue')} {overdue} ·{' '}
                {t('accountability.supervision.soon')} {unit.duties.length - overdue}
              </span>
            </h2>
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('accountability.supervision.duty')}</th>
                    <th scope="col">{t('accountability.supervision.deadline')}</th>
                    <th scope="col">{t('accountability.supervision.status')}</th>
                    <th scope="col">{t('accountability.supervision.steps')}</th>
                  </tr>
                </thead>
                <tbody>
                  {unit.duties.map((d) => (
                    <tr key={d.id}>
                      <th scope="row">
                        <Link to={`/duties/${d.id}`}>{d.title}</Link>{' '}
                        <OverdueBadge overdue={isDutyOverdue(d)} deadline={d.deadline} />
                      </th>
                      <td>
                        {formatDate(d.deadline, locale)}
                        <br />
                        <span className={d.left < 0 ? 'cell--overdue' : 'muted'}>
                          {d.left < 0
                            ? t('accountability.supervision.daysOver', { days: -d.left })
                            : t('accountability.supervision.daysLeft', { days: d.left })}
                        </span>
                      </td>
                      <td>{t(`accountability.supervision.statuses.${d.status}`)}</td>
                      <td>
                        {d.steps
                          .map((s) => t(`accountability.supervision.stepNames.${s}`))
                          .join('、') || '—'}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        )
      })}
    </section>
  )
}
