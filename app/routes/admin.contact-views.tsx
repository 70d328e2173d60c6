import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { getDb } from '../platform/db.server'
import { formatDateTime, localeFromRequest } from '../platform/i18n'
import { contactLogChoices, contactLogFilters, contactViewLog } from '../privacy/contact-log.server'
import { requireStaff } from '../staff/auth.server'
import { metaT, pageMeta, useT } from '../ui/i18n'

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, metaT(matches)('admin.contactViews.title'))

/** The access log of contact views: admins only (the coordinator's own views are in it). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, 'admin')
  const url = new URL(request.url)
  const filters = contactLogFilters(url)
  const db = await getDb()
  const locale = localeFromRequest(request)
  const en = locale === 'en'
  const [page, choices] = await Promise.all([contactViewLog(db, filters), contactLogChoices(db)])
  const nextParams = new URLSearchParams(url.searchParams)
  if (page.next !== null) nextParams.set('after', String(page.next))
  return {
    filters: { ...filters, unit: filters.unit === undefined ? '' : String(filters.unit) },
    units: choices.units.map((u) => ({ id: u.id, name: en ? u.name_en : u.name })),
    staff: choices.staff.map((s) => ({ id: s.id, label: `${s.name}（${s.email}）` })),
    rows: page.rows.map((r) => ({
      id: r.id,
      viewedAt: formatDateTime(r.viewedAt, locale),
      staff: `${r.staffName}（${r.staffEmail}）`,
      unit: en ? r.unitNameEn : r.unitName,
      reportId: r.reportId,
      reportNumber: r.reportNumber,
      reason: r.reason,
      channel: r.channel,
    })),
    next: page.next === null ? null : `?${nextParams}`,
  }
}

export default function ContactViews() {
  const t = useT()
  const { filters, units, staff, rows, next } = useLoaderData<typeof loader>()
  return (
    <section>
      <h1>{t('admin.contactViews.title')}</h1>
      <p className="muted">{t('admin.contactViews.lead')}</p>
      <Form method="get" className="form inline-form" aria-label={t('admin.contactViews.filter')}>
        <div className="field">
          <label htmlFor="log-unit">{t('admin.contactViews.unit')}</label>
          <select id="log-unit" name="unit" defaultValue={filters.unit}>
            <option value="">{t('admin.contactViews.any')}</option>
            <option value="office">{t('privacy.contactView.coordinator')}</option>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="log-staff">{t('admin.contactViews.staff')}</label>
          <select id="log-staff" name="staff" defaultValue={filters.staff ?? ''}>
            <option value="">{t('admin.contactViews.any')}</option>
            {staff.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="log-report">{t('admin.contactViews.report')}</label>
          <input
            id="log-report"
            name="report"
            defaultValue={filters.report ?? ''}
            inputMode="numeric"
          />
        </div>
        <div className="field">
          <label htmlFor="log-from">{t('admin.contactViews.from')}</label>
          <input id="log-from" name="from" type="date" defaultValue={filters.from ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="log-to">{t('admin.contactViews.to')}</label>
          <input id="log-to" name="to" type="date" defaultValue={filters.to ?? ''} />
        </div>
        <div>
          <button type="submit" className="button">
            {t('admin.contactViews.apply')}
          </button>
        </div>
      </Form>
      {rows.length === 0 ? (
        <p>{t('admin.contactViews.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption>{t('admin.contactViews.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.contactViews.when')}</th>
                <th scope="col">{t('admin.contactViews.staff')}</th>
                <th scope="col">{t('admin.contactViews.unit')}</th>
                <th scope="col">{t('admin.contactViews.report')}</th>
                <th scope="col">{t('admin.contactViews.reason')}</th>
                <th scope="col">{t('admin.contactViews.channel')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>{r.viewedAt}</td>
                  <td>{r.staff}</td>
                  <td>{r.unit ?? t('privacy.contactView.coordinator')}</td>
                  <td>
                    <Link to={`/reports/${r.reportId}`}>{r.reportNumber}</Link>
                  </td>
                  <td>{r.reason}</td>
                  <td>{t(`admin.contactViews.channels.${r.channel}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next ? (
        <p>
          <Link to={next}>{t('admin.contactViews.next')}</Link>
        </p>
      ) : null}
    </section>
  )
}
