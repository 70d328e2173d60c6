import { Link, useLoaderData } from '@remix-run/react'
import { adminLoader } from '../admin/admin-route.server'
import { adminCounts } from '../admin/overview.server'
import { useT } from '../ui/i18n'

export const loader = /* @__PURE__ */ adminLoader(async (db) => ({ counts: await adminCounts(db) }))

export default function AdminHome() {
  const t = useT()
  const { counts } = useLoaderData<typeof loader>()
  return (
    <section>
      <h1>{t('admin.title')}</h1>
      <p className="muted">{t('admin.lead')}</p>
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
