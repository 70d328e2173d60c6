import { Form } from '@remix-run/react'
import type { ReactNode } from 'react'
import type { FilterOptions } from './filter-options.server'
import type { Page } from './keyset.server'
import { filterQuery, periods, sorts, type BrowseFilters } from './list-query'
import { useT } from '../ui/i18n'

/**
 * A public list page (the problem list or the duty list): heading, filter form, the count for
 * the filter, one page of rows and the link to the next. `children` come after the pager.
 */
export function PublicList<S extends string, T extends { id: number }>({
  heading,
  lead,
  filters,
  page,
  options,
  statuses,
  statusLabel,
  renderItem,
  children,
}: {
  heading: string
  lead: string
  filters: BrowseFilters<S>
  page: Page<T>
  options: FilterOptions
  statuses: readonly S[]
  statusLabel: (status: S) => string
  renderItem: (item: T) => ReactNode
  children?: ReactNode
}) {
  const t = useT()
  return (
    <section>
      <h1>{heading}</h1>
      <p className="muted">{lead}</p>
      <BrowseFilterForm
        filters={filters}
        options={options}
        statuses={statuses}
        statusLabel={statusLabel}
      />
      <ResultCount total={page.total} />
      {page.items.length === 0 ? (
        <p>{t('browse.empty')}</p>
      ) : (
        <ol className="feed browse-list">
          {page.items.map((item) => (
            <li key={item.id} className="feed__item">
              {renderItem(item)}
            </li>
          ))}
        </ol>
      )}
      <Pager filters={filters} next={page.next} />
      {children}
    </section>
  )
}

/**
 * The filter form of a public list: a plain GET form, so the filters live in the URL and it
 * works without JavaScript. Changing a filter starts again from the first page.
 */
function BrowseFilterForm<S extends string>({
  filters,
  options,
  statuses,
  statusLabel,
}: {
  filters: BrowseFilters<S>
  options: FilterOptions
  statuses: readonly S[]
  statusLabel: (status: S) => string
}) {
  const t = useT()
  return (
    <Form method="get" className="browse-filters" role="search" aria-label={t('browse.filters')}>
      <div className="field">
        <label htmlFor="browse-q">{t('browse.search')}</label>
        <span id="browse-q-hint" className="field__hint">
          {t('browse.searchHint')}
        </span>
        <input
          id="browse-q"
          type="search"
          name="q"
          defaultValue={filters.q}
          maxLength={60}
          aria-describedby="browse-q-hint"
        />
      </div>
      <details className="browse-filters__more" open={filtersInUse(filters)}>
        <summary>{t('browse.filters')}</summary>
        <div className="browse-filters__grid">
          <Select id="browse-kind" name="kind" label={t('browse.kind')} value={filters.kind}>
            <option value="concern">{t('browse.kinds.concern')}</option>
            <option value="demand">{t('browse.kinds.demand')}</option>
          </Select>
          <Select
            id="browse-category"
            name="category"
            label={t('browse.category')}
            value={filters.category}
          >
            {options.categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </Select>
          <Select id="browse-area" name="area" label={t('browse.area')} value={filters.area}>
            {options.areas.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </Select>
          <Select id="browse-unit" name="unit" label={t('browse.unit')} value={filters.unit}>
            {options.units.map((u) => (
              <option key={u.slug} value={u.slug}>
                {u.name}
              </option>
            ))}
          </Select>
          <Select
            id="browse-status"
            name="status"
            label={t('browse.status')}
            value={filters.status}
          >
            {statuses.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </Select>
          <Select
            id="browse-period"
            name="period"
            label={t('browse.period')}
            value={filters.period}
          >
            {periods.map((p) => (
              <option key={p} value={p}>
                {t(`browse.periods.${p}`)}
              </option>
            ))}
          </Select>
          <div className="field">
            <label htmlFor="browse-sort">{t('browse.sort')}</label>
            <select id="browse-sort" name="sort" defaultValue={filters.sort}>
              {sorts.map((s) => (
                <option key={s} value={s}>
                  {t(`browse.sorts.${s}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <label className="choice">
          <input type="checkbox" name="overdue" value="1" defaultChecked={filters.overdue} />
          <span>{t('browse.overdueOnly')}</span>
        </label>
      </details>
      <div className="actions">
        <button type="submit" className="button">
          {t('browse.apply')}
        </button>
        <a href="?" className="button button--secondary">
          {t('browse.reset')}
        </a>
      </div>
    </Form>
  )
}

/** A filter beyond the search is applied: the disclosure opens, so the visitor sees it. */
function filtersInUse(filters: BrowseFilters<string>) {
  const { kind, category, area, unit, status, period, overdue } = filters
  return overdue || [kind, category, area, unit, status, period].some((v) => v !== null)
}

function Select({
  id,
  name,
  label,
  value,
  children,
}: {
  id: string
  name: string
  label: string
  value: string | number | null
  children: React.ReactNode
}) {
  const t = useT()
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value ?? ''}>
        <option value="">{t('browse.any')}</option>
        {children}
      </select>
    </div>
  )
}

/** "N found" for the current filter. */
function ResultCount({ total }: { total: number }) {
  const t = useT()
  return (
    <p className="browse-count" role="status">
      {t('browse.count', { count: total })}
    </p>
  )
}

/** The link to the next page (keyset: forward only), and back to the first. */
function Pager<S extends string>({
  filters,
  next,
}: {
  filters: BrowseFilters<S>
  next: string | null
}) {
  const t = useT()
  if (!next && !filters.after) return null
  return (
    <nav className="pager" aria-label={t('browse.pages')}>
      {filters.after ? (
        <a href={filterQuery(filters, { after: null }) || '?'}>{t('browse.first')}</a>
      ) : null}
      {next ? (
        <a href={filterQuery(filters, { after: next })} rel="next">
          {t('browse.next')}
        </a>
      ) : null}
    </nav>
  )
}
