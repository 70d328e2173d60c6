import type { MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { DueBadge } from '../duties/duty-badges'
import { getDb } from '../platform/db.server'
import { domainLoader } from '../platform/http.server'
import { formatDate, localeFromRequest } from '../platform/i18n'
import { staffDutyList } from '../duties/staff-duty-list.server'
import { dutyStatuses } from '../duties/duty-lifecycle'
import { requireStaff } from '../staff/auth.server'
import { metaT, pageMeta, useT } from '../ui/i18n'

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, metaT(matches)('duties.list.title'))

const FilterSchema = z.object({
  unit: z.coerce.number().int().positive().optional().catch(undefined),
  status: z.enum(['assigned', 'in_progress', 'resolved', 'closed']).optional().catch(undefined),
})

export const loader = /* @__PURE__ */ domainLoader(async ({ request }) => {
  const staff = await requireStaff(request, 'unit_staff', 'coordinator')
  const url = new URL(request.url)
  const filters = FilterSchema.parse({
    unit: url.searchParams.get('unit') || undefined,
    status: url.searchParams.get('status') || undefined,
  })
  const locale = localeFromRequest(request)
  const list = await staffDutyList(
    await getDb(),
    staff,
    { unitId: filters.unit, status: filters.status },
    locale,
  )
  return {
    coordinator: staff.role === 'coordinator',
    unitName: staff.unitName,
    filters: { unit: list.unitId, status: filters.status ?? null },
    units: list.units,
    duties: list.duties.map((d) => ({
      ...d,
      deadlineText: d.deadline ? formatDate(d.deadline, locale) : null,
    })),
  }
})

export default function StaffDuties() {
  const t = useT()
  const { duties, units, filters, coordinator, unitName } = useLoaderData<typeof loader>()
  return (
    <section>
      <h1>{t('duties.list.title')}</h1>
      <p className="muted">
        {coordinator ? t('duties.list.leadAll') : t('duties.list.lead', { unit: unitName ?? '' })}
      </p>
      <Form method="get" className="form inline-form" aria-label={t('duties.list.filter')}>
        {coordinator ? (
          <div className="field">
            <label htmlFor="filter-unit">{t('duties.list.unit')}</label>
            <select id="filter-unit" name="unit" defaultValue={filters.unit ?? ''}>
              <option value="">{t('duties.list.allUnits')}</option>
              {units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="filter-status">{t('duties.list.status')}</label>
          <select id="filter-status" name="status" defaultValue={filters.status ?? ''}>
            <option value="">{t('duties.list.allStatuses')}</option>
            {dutyStatuses.map((s) => (
              <option key={s} value={s}>
                {t(`duties.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <button type="submit" className="button">
            {t('duties.list.apply')}
          </button>
        </div>
      </Form>
      <p role="status">{t('duties.list.count', { count: duties.length })}</p>
      {duties.length === 0 ? (
        <p>{t('duties.list.empty')}</p>
      ) : (
        <ol className="feed">
          {duties.map((d) => (
            <li key={d.id} className="feed__item">
              <p className="feed__title">
                <Link to={`/staff/duties/${d.id}`}>{d.title}</Link>
              </p>
              <p className="feed__meta">
                {coordinator ? `${d.unit} · ` : null}
                <span className="badge">{t(`duties.status.${d.status}`)}</span>{' '}
                <DueBadge daysLeft={d.daysLeft} overdue={d.overdue} />
              </p>
              <p className="feed__meta">
                {d.deadlineText
                  ? t('duties.deadlineOn', { date: d.deadlineText })
                  : t(`duties.modes.${d.mode}`)}{' '}
                · {t('duties.percent', { percent: d.progress })}
              </p>
              {d.reports.length ? (
                <p className="feed__meta">
                  {t('duties.list.reports', { count: d.reports.length })}：
                  {d.reports.map((r) => `${r.number} ${r.title}`).join('；')}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
