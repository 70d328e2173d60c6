import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { requireStaff } from '../staff/auth.server'
import { metaT, pageMeta, useT } from '../ui/i18n'

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, metaT(matches)('auth.dashboard.title'))

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request)
  return { staff }
}

export default function StaffDashboard() {
  const { staff } = useLoaderData<typeof loader>()
  const t = useT()
  return (
    <section>
      <h1>{t('auth.dashboard.welcome', { name: staff.name })}</h1>
      <p>
        {t('auth.dashboard.role', { role: t(`auth.roles.${staff.role}`) })}
        {staff.unitName ? ` · ${t('auth.dashboard.unit', { unit: staff.unitName })}` : null}
      </p>
      <ul className="card-list" aria-label={t('auth.dashboard.title')}>
        {staff.role === 'coordinator' ? (
          <li className="card">
            <Link to="/staff/triage">{t('duties.triage.title')}</Link>
          </li>
        ) : null}
        {staff.role === 'coordinator' || staff.role === 'unit_staff' ? (
          <li className="card">
            <Link to="/staff/duties">{t('duties.list.title')}</Link>
          </li>
        ) : null}
        <li className="card">
          <Link to="/staff/password">{t('auth.dashboard.changePassword')}</Link>
        </li>
        {staff.role === 'admin' || staff.role === 'coordinator' ? (
          <li className="card">
            <Link to="/admin">{t('admin.title')}</Link>
          </li>
        ) : null}
        {staff.role === 'unit_staff' || staff.role === 'coordinator' ? (
          <li className="card">
            <Link to="/staff/import">{t('admin.sheet.navLink')}</Link>
          </li>
        ) : null}
        {/* Accountability */}
        {staff.role === 'unit_staff' || staff.role === 'coordinator' ? (
          <li className="card">
            <Link to="/staff/supervision">{t('accountability.supervision.title')}</Link>
          </li>
        ) : null}
        {staff.role === 'coordinator' ? (
          <li className="card">
            <Link to="/staff/topics">{t('accountability.topics.staffTitle')}</Link>
          </li>
        ) : null}
        {staff.role === 'coordinator' ? (
          <li className="card">
            <Link to="/staff/notices">{t('accountability.notices.staffTitle')}</Link>
          </li>
        ) : null}
        {staff.role === 'unit_staff' ? (
          <li className="card">
            <Link to="/staff/rules">{t('accountability.rules.staffTitle')}</Link>
          </li>
        ) : null}
        {staff.role === 'admin' ? (
          <li className="card">
            <Link to="/admin/api-keys">{t('accountability.apiKeys.title')}</Link>
          </li>
        ) : null}
        {staff.role === 'coordinator' ? (
          <>
            <li className="card">
              <Link to="/staff/moderation">{t('verdict.moderation.title')}</Link>
            </li>
            <li className="card">
              <Link to="/staff/reviews">{t('verdict.reviews.title')}</Link>
            </li>
          </>
        ) : null}
        {staff.role === 'coordinator' || staff.role === 'unit_staff' ? (
          <li className="card">
            <Link to="/staff/appeals">{t('verdict.appeals.title')}</Link>
          </li>
        ) : null}
      </ul>
      <div className="actions">
        <Form method="post" action="/sign-out">
          <button type="submit" className="button button--secondary">
            {t('auth.signOut')}
          </button>
        </Form>
        <Form method="post" action="/sign-out">
          <input type="hidden" name="everywhere" value="yes" />
          <button type="submit" className="button button--secondary">
            {t('auth.signOutEverywhere')}
          </button>
        </Form>
      </div>
    </section>
  )
}
