import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { getDb } from '../platform/db.server'
import { formatDateTime, localeFromRequest } from '../platform/i18n'
import { triageFilterOptions, triageQueue } from '../duties/triage/triage-queue.server'
import { requireStaff } from '../staff/auth.server'
import { metaT, pageMeta, useT } from '../ui/i18n'

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, metaT(matches)('duties.triage.title'))

const FilterSchema = z.object({
  kind: z.enum(['concern', 'demand']).optional().catch(undefined),
  category: z.coerce.number().int().positive().optional().catch(undefined),
  area: z.coerce.number().int().positive().optional().catch(undefined),
})

const doneMessages = ['accepted', 'merged', 'declined'] as const

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, 'coordinator')
  const url = new URL(request.url)
  const filters = FilterSchema.parse({
    kind: url.searchParams.get('kind') || undefined,
    category: url.searchParams.get('category') || undefined,
    area: url.searchParams.get('area') || undefined,
  })
  const locale = localeFromRequest(request)
  const db = await getDb()
  const [queue, options] = await Promise.all([
    triageQueue(
      db,
      { kind: filters.kind, categoryId: filters.category, areaId: filters.area },
      locale,
    ),
    triageFilterOptions(db, locale),
  ])
  const done = doneMessages.find((d) => d === url.searchParams.get('done')) ?? null
  return {
    filters,
    options,
    done,
    total: queue.total,
    items: queue.items.map((i) => ({ ...i, createdAt: formatDateTime(i.createdAt, locale) })),
  }
}

export default function TriageQueue() {
  const t = useT()
  const { items, total, options, filters, done } = useLoaderData<typeof loader>()
  return (
    <section>
      <h1>{t('duties.triage.title')}</h1>
      <p className="muted">{t('duties.triage.lead')}</p>
      {done ? (
        <p className="notice" role="status">
          {t(`duties.triage.done.${done}`)}
        </p>
      ) : null}
      <Form
        method="get"
        className="form inline-form"
        aria-label={t('duties.triage.filters.heading')}
      >
        <div className="field">
          <label htmlFor="filter-kind">{t('duties.triage.filters.kind')}</label>
          <select id="filter-kind" name="kind" defaultValue={filters.kind ?? ''}>
            <option value="">{t('duties.triage.filters.all')}</option>
            <option value="concern">{t('follow.details.kinds.concern')}</option>
            <option value="demand">{t('follow.details.kinds.demand')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-category">{t('duties.triage.filters.category')}</label>
          <select id="filter-category" name="category" defaultValue={filters.category ?? ''}>
            <option value="">{t('duties.triage.filters.all')}</option>
            {options.categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-area">{t('duties.triage.filters.area')}</label>
          <select id="filter-area" name="area" defaultValue={filters.area ?? ''}>
            <option value="">{t('duties.triage.filters.all')}</option>
            {options.areas.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <div className="actions">
          <button type="submit" className="button">
            {t('duties.triage.filters.apply')}
          </button>
          <Link to="/staff/triage" className="button button--secondary">
            {t('duties.triage.filters.clear')}
          </Link>
        </div>
      </Form>
      <p role="status">
        {t('duties.triage.count', { count: total })}
        {total > items.length ? ` ${t('duties.triage.shown', { count: items.length })}` : null}
      </p>
      {items.length === 0 ? (
        <p>{t('duties.triage.empty')}</p>
      ) : (
        <ol className="feed">
          {items.map((item) => (
            <li key={item.id} className="feed__item">
              <p className="feed__title">
                <Link to={`/staff/triage/${item.id}`}>{item.title}</Link>
              </p>
              <p className="feed__meta">
                {t(`follow.details.kinds.${item.kind}`)} · {item.category} · {item.area} ·{' '}
                {t('duties.triage.submitted', { date: item.createdAt })}
              </p>
              <p className="feed__meta">
                {t('duties.triage.proposedUnit', {
                  unit: item.proposedUnit ?? t('duties.triage.noProposal'),
                })}
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
