import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { getDb } from '../platform/db.server'
import { localeFromRequest } from '../platform/i18n'
import { unitDirectory } from '../duties/unit-duty-list.server'
import { metaT, pageMeta, useT } from '../ui/i18n'
import { sharedPageHeaders } from '../platform/response/page-cache.server'

export { sharedPageHeaders as headers }

export const meta: MetaFunction = ({ matches }) => {
  const t = metaT(matches)
  return pageMeta(matches, t('duties.units.title'), t('duties.units.lead'))
}

export async function loader({ request }: LoaderFunctionArgs) {
  return { units: await unitDirectory(await getDb(), localeFromRequest(request)) }
}

export default function Units() {
  const t = useT()
  const { units } = useLoaderData<typeof loader>()
  return (
    <section>
      <h1>{t('duties.units.title')}</h1>
      <p className="muted">{t('duties.units.lead')}</p>
      <ul className="card-list">
        {units.map((u) => (
          <li key={u.slug} className="card">
            <h2>
              <Link to={`/units/${u.slug}`}>{u.name}</Link>
            </h2>
            <p className="muted">
              {t('duties.units.counts', { total: u.total, open: u.open, resolved: u.resolved })}
            </p>
          </li>
        ))}
      </ul>
    </section>
  )
}
