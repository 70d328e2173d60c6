import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { getDb } from '../platform/db.server'
import { adminCounts, requireAdminReader } from '../admin/admin.server'
import { useT } from '../ui/i18n'

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdminReader(request)
  return { counts: await adminCounts(await getDb()) }
}

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
