import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { NavLink, Outlet } from '@remix-run/react'
import { useCanEdit, type AdminLayoutData } from '../admin/admin'
import { requireAdminReader } from '../admin/admin-route.server'
import { metaT, pageMeta, useT } from '../ui/i18n'

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, metaT(matches)('admin.title'))

export async function loader({ request }: LoaderFunctionArgs): Promise<AdminLayoutData> {
  const staff = await requireAdminReader(request)
  return { canEdit: staff.role === 'admin' }
}

const sections = ['units', 'categories', 'areas', 'routing', 'staff', 'calendar'] as const

export default function AdminLayout() {
  const t = useT()
  const canEdit = useCanEdit()
  return (
    <div className="admin">
      <nav className="admin-nav" aria-label={t('admin.nav.label')}>
        <ul>
          <li>
            <NavLink to="/admin" end>
              {t('admin.nav.home')}
            </NavLink>
          </li>
          {sections.map((s) => (
            <li key={s}>
              <NavLink to={`/admin/${s}`}>{t(`admin.nav.${s}`)}</NavLink>
            </li>
          ))}
          {/* Admin only: the coordinator may read the settings above but not the API keys. */}
          {canEdit ? (
            <li>
              <NavLink to="/admin/api-keys">{t('admin.nav.apiKeys')}</NavLink>
            </li>
          ) : null}
          {canEdit ? (
            <li>
              <NavLink to="/admin/contact-views">{t('admin.nav.contactViews')}</NavLink>
            </li>
          ) : null}
        </ul>
      </nav>
      {canEdit ? null : (
        <p className="notice" role="note">
          {t('admin.readOnly')}
        </p>
      )}
      <Outlet />
    </div>
  )
}
