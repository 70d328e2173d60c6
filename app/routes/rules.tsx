import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { getDb } from '../platform/db.server'
import { localeFromRequest } from '../platform/i18n'
import { publicRuleChanges } from '../accountability/rule-change.server'
import { metaT, pageMeta, useT } from '../ui/i18n'
import { sharedPageHeaders } from '../platform/response/page-cache.server'

export { sharedPageHeaders as headers }

export const meta: MetaFunction = ({ matches }) => {
  const t = metaT(matches)
  return pageMeta(matches, t('accountability.rules.title'), t('accountability.rules.lead'))
}

export async function loader({ request }: LoaderFunctionArgs) {
  const unitSlug = new URL(request.url).searchParams.get('unit')
  return publicRuleChanges(await getDb(), unitSlug, localeFromRequest(request))
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
