import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { ProgressBar } from '../duties/duty-badges'
import { OverdueBadge } from '../duties/overdue-badge'
import { UnitScoreboard, unitScoreboard } from '../accountability/scoreboard/scoreboard'
import { getDb } from '../platform/db.server'
import { formatDate, localeFromRequest } from '../platform/i18n'
import { publicUnitDutyList } from '../duties/unit-duty-list.server'
import { invariantResponse } from '../platform/http.server'
import { metaT, pageMeta, useT } from '../ui/i18n'
import { sharedPageHeaders } from '../platform/response/page-cache.server'

export { sharedPageHeaders as headers }

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => {
  const t = metaT(matches)
  return pageMeta(
    matches,
    data ? t('duties.units.pageTitle', { unit: data.unit.name }) : t('duties.units.title'),
  )
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const beforeParam = Number(url.searchParams.get('before'))
  const before = Number.isSafeInteger(beforeParam) && beforeParam > 0 ? beforeParam : undefined
  const locale = localeFromRequest(request)
  const db = await getDb()
  const list = await publicUnitDutyList(db, params.slug ?? '', locale, { before })
  invariantResponse(list, 'Not found', { status: 404 })
  // A period the unit's scoreboard cannot name falls back to the campaign to date.
  const scoreboard =
    (await unitScoreboard(db, list.unit.id, url.searchParams.get('period'), locale)) ??
    (await unitScoreboard(db, list.unit.id, null, locale))
  return {
    ...list,
    scoreboard,
    firstPage: before === undefined,
    duties: list.duties.map((d) => ({
      ...d,
      deadlineText: d.deadline ? formatDate(d.deadline, locale) : null,
    })),
  }
}

export default function UnitDutyList() {
  const t = useT()
  const { unit, duties, nextBefore, firstPage, scoreboard } = useLoaderData<typeof loader>()
  return (
    <article>
      <p>
        <Link to="/units">{t('duties.units.back')}</Link>
      </p>
      <h1>{t('duties.units.pageTitle', { unit: unit.name })}</h1>
      <p className="muted">{t('duties.units.pageLead')}</p>

      {scoreboard ? <UnitScoreboard view={scoreboard} /> : null}

      <section aria-labelledby="duty-list-heading">
        <h2 id="duty-list-heading">{t('duties.units.listHeading')}</h2>
        {duties.length === 0 ? (
          <p>{t('duties.units.empty')}</p>
        ) : (
          <ol className="feed duty-list">
            {duties.map((d) => (
              <li key={d.id} className="feed__item" id={`duty-${d.id}`}>
                <h3 className="feed__title">
                  <Link to={`/duties/${d.id}`}>{d.title}</Link>
                </h3>
                <p>
                  <span className="badge">{t(`duties.status.${d.status}`)}</span>{' '}
                  <OverdueBadge overdue={d.overdue} deadline={d.deadline} />{' '}
                  <span className="badge">{t(`duties.modes.${d.mode}`)}</span>
                </p>
                <dl className="details">
                  <dt>{t('duties.fields.commitment')}</dt>
                  <dd className="prewrap">{d.commitment}</dd>
                  <dt>{t('duties.fields.leader')}</dt>
                  <dd>{t('duties.leaderValue', { name: d.leaderName, title: d.leaderTitle })}</dd>
                  <dt>{t('duties.fields.deadline')}</dt>
                  <dd>{d.deadlineText ?? t('duties.modes.ongoing')}</dd>
                  <dt>{t('duties.fields.progress')}</dt>
                  <dd>
                    <ProgressBar
                      percent={d.progress}
                      label={t('duties.units.progressOf', { title: d.title })}
                    />
                  </dd>
                  <dt>{t('duties.fields.reports')}</dt>
                  <dd>{t('duties.units.reports', { count: d.reports })}</dd>
                </dl>
              </li>
            ))}
          </ol>
        )}
        <nav className="pager" aria-label={t('duties.units.pager')}>
          {!firstPage ? <Link to={`/units/${unit.slug}`}>{t('duties.units.first')}</Link> : null}
          {nextBefore ? (
            <Link to={`/units/${unit.slug}?before=${nextBefore}`}>{t('duties.units.next')}</Link>
          ) : null}
        </nav>
      </section>
    </article>
  )
}
