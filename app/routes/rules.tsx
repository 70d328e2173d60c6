import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { getDb } from '../platform/db.server'
import { formatDate, localeFromRequest } from '../platform/i18n'
import { listRuleChanges } from '../accountability/rule-change.server'
import { metaT, pageMeta, useT } from '../ui/i18n'

export const meta: MetaFunction = ({ matches }) => {
  const t = metaT(matches)
  return pageMeta(matches, t('accountability.rules.title'), t('accountability.rules.lead'))
}

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = localeFromRequest(request)
  const slug = new URL(request.url).searchParams.get('unit')
  const db = await getDb()
  const units = await db
    .selectFrom('units')
    .select(['id', 'slug', 'name', 'name_en'])
    .orderBy('sort_order')
    .execute()
  const unit = slug ? units.find((u) => u.slug === slug) : undefined
  const rules = await listRuleChanges(db, { unitId: unit?.id })
  const name = (u: { name: string; name_en: string }) => (locale === 'en' ? u.name_en : u.name)
  return {
    unit: unit ? { slug: unit.slug, name: name(unit) } : null,
    units: units.map((u) => ({ slug: u.slug, name: name(u) })),
    rules: rules.map((r) => ({
      id: r.id,
      title: r.title,
      action: r.action,
      summary: r.summary,
      documentUrl: r.document_url,
      effective: formatDate(r.effective_on, locale),
      unitSlug: r.unit_slug,
      unitName: locale === 'en' ? r.unit_name_en : r.unit_name,
      duties: r.duties,
    })),
  }
}

export default function Rules() {
  const { unit, units, rules } = useLoaderData<typeof loader>()
  const t = useT()
  return (
    <section>
      <h1>
        {unit
          ? `${t('accountability.rules.title')} · ${unit.name}`
          : t('accountability.rules.title')}
      </h1>
      <p className="muted">
        {unit
          ? t('accountability.rules.unitLead', { unit: unit.name })
          : t('accountability.rules.lead')}
      </p>
      <Form method="get" className="inline-form">
        <label htmlFor="rules-unit">{t('accountability.rules.filter')}</label>
        <select id="rules-unit" name="unit" defaultValue={unit?.slug ?? ''}>
          <option value="">{t('accountability.rules.all')}</option>
          {units.map((u) => (
            <option key={u.slug} value={u.slug}>
              {u.name}
            </option>
          ))}
        </select>
        <button type="submit" className="button button--secondary">
          {t('accountability.scoreboard.show')}
        </button>
      </Form>
      {rules.length === 0 ? (
        <p>{t('accountability.rules.empty')}</p>
      ) : (
        <ol className="feed">
          {rules.map((r) => (
            <li key={r.id} className="feed__item">
              <p className="feed__meta">
                <span className="badge">{t(`accountability.rules.actions.${r.action}`)}</span> ·{' '}
                <Link to={`/rules?unit=${r.unitSlug}`}>{r.unitName}</Link> ·{' '}
                {t('accountability.rules.effective', { date: r.effective })}
              </p>
              <h2 className="feed__title">{r.title}</h2>
              <p className="prewrap">{r.summary}</p>
              {r.documentUrl ? (
                <p>
                  <a href={r.documentUrl} rel="noopener noreferrer nofollow">
                    {t('accountability.rules.document')}
                  </a>
                </p>
              ) : null}
              {r.duties.length ? (
                <p>
                  {t('accountability.rules.relatedDuties')}：
                  {r.duties.map((d, i) => (
                    <span key={d.id}>
                      {i > 0 ? '、' : null}
                      <Link to={`/duties/${d.id}`}>{d.title}</Link>
                    </span>
                  ))}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
