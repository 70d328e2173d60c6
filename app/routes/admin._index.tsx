import { Link, useLoaderData } from '@remix-run/react'
import { adminLoader } from '../admin/admin-route.server'
import { adminOverview } from '../admin/overview.server'
import { useT } from '../ui/i18n'

export const loader = /* @__PURE__ */ adminLoader(async (db) => adminOverview(db))

export default function AdminHome() {
  const t = useT()
  const { counts, calendarYearDue } = useLoaderData<typeof loader>()
  return (
    <section>
      <h1>{t('admin.title')}</h1>
      <p className="muted">{t('admin.lead')}</p>
      {calendarYearDue ? (
        <p className="notice" role="alert">
          <Link to={`/admin/calendar?year=${calendarYearDue}`}>
            {t('admin.calendar.missingWarning', { year: calendarYearDue })}
          </Link>
        </p>
      ) : null}
      <ul className="card-list" aria-label={t('admin.nav.label')}>
        {(['units', 'categories', 'areas', 'routing', 'staff'] as const).map((s) => (
          <li key={s} className="card">
            <Link to={`/admin/${s}`}>{t(`admin.nav.${s}`)}</Link>
            <p className="muted">{t('admin.common.count', { count: counts[s] })}</p>
          </li>
        ))}
      </ul>
    </section>
  )
}
