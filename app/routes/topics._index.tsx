import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { ProgressBar } from '../duties/duty-badges'
import { getDb } from '../platform/db.server'
import { localeFromRequest } from '../platform/i18n'
import { topicSummaries } from '../accountability/topic.server'
import { metaT, pageMeta, useT } from '../ui/i18n'
import { sharedPageHeaders } from '../platform/response/page-cache.server'

export { sharedPageHeaders as headers }

export const meta: MetaFunction = ({ matches }) => {
  const t = metaT(matches)
  return pageMeta(matches, t('accountability.topics.title'), t('accountability.topics.lead'))
}

export async function loader({ request }: LoaderFunctionArgs) {
  return { topics: await topicSummaries(await getDb(), localeFromRequest(request)) }
}

export default function Topics() {
  const { topics } = useLoaderData<typeof loader>()
  const t = useT()
  return (
    <section>
      <h1>{t('accountability.topics.title')}</h1>
      <p className="muted">{t('accountability.topics.lead')}</p>
      {topics.length === 0 ? (
        <p>{t('accountability.topics.empty')}</p>
      ) : (
        <ol className="feed">
          {topics.map((topic) => (
            <li key={topic.slug} className="feed__item">
              <h2 className="feed__title">
                <Link to={`/topics/${topic.slug}`}>{topic.title}</Link>
              </h2>
              <p className="feed__meta">
                <span className="badge">
                  {topic.status === 'open'
                    ? t('accountability.topics.statusOpen')
                    : t('accountability.topics.statusConcluded')}
                </span>{' '}
                · {t('accountability.topics.leadUnit')}：{topic.leadUnit}
              </p>
              <ProgressBar
                percent={topic.progress.percent}
                label={`${t('accountability.topics.progress')} · ${topic.title}`}
              />
              <p>{t('accountability.topics.progressValue', topic.progress)}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
