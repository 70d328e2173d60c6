import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { ProgressBar } from '../duties/duty-badges'
import { isDutyOverdue, OverdueBadge } from '../duties/overdue-badge'
import { getDb } from '../platform/db.server'
import { localeFromRequest } from '../platform/i18n'
import { topicView } from '../accountability/topic.server'
import { invariantResponse } from '../platform/http.server'
import { metaT, pageMeta, useT } from '../ui/i18n'
import { sharedPageHeaders } from '../platform/response/page-cache.server'

export { sharedPageHeaders as headers }

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageMeta(
    matches,
    data?.topic.title ?? metaT(matches)('accountability.topics.title'),
    data?.topic.description,
  )

export async function loader({ request, params }: LoaderFunctionArgs) {
  const topic = await topicView(await getDb(), params.slug ?? '', localeFromRequest(request))
  invariantResponse(topic, 'Not found', { status: 404 })
  return { topic }
}

export default function TopicPage() {
  const { topic } = useLoaderData<typeof loader>()
  const t = useT()
  return (
    <article>
      <p>
        <Link to="/topics">{t('accountability.topics.title')}</Link>
      </p>
      <h1>{topic.title}</h1>
      <p className="muted">
        <span className="badge">
          {topic.status === 'open'
            ? t('accountability.topics.statusOpen')
            : t('accountability.topics.statusConcluded')}
        </span>{' '}
        · {t('accountability.topics.leadUnit')}：
        <Link to={`/units/${topic.leadUnitSlug}`}>{topic.leadUnit}</Link>
      </p>
      <p className="prewrap">{topic.description}</p>
      <h2>{t('accountability.topics.progress')}</h2>
      <ProgressBar percent={topic.progress.percent} label={t('accountability.topics.progress')} />
      <p>{t('accountability.topics.progressValue', topic.progress)}</p>
      <h2>{t('accountability.topics.duties')}</h2>
      <ol className="feed">
        {topic.duties.map((d) => (
          <li key={d.id} className="feed__item">
            <h3 className="feed__title">
              <Link to={`/duties/${d.id}`}>{d.title}</Link>
            </h3>
            <p className="feed__meta">
              {d.unit} · {t(`accountability.supervision.statuses.${d.status}`)}
              {d.deadlineText ? ` · ${d.deadlineText}` : null}{' '}
              <OverdueBadge overdue={isDutyOverdue(d)} deadline={d.deadline} />
            </p>
            <ProgressBar percent={d.progress} label={d.title} />
          </li>
        ))}
      </ol>
    </article>
  )
}
