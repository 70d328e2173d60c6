import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { dutyPage } from '../browse/detail-page.server'
import { Timeline } from '../browse/timeline'
import { OverdueBadge } from '../duties/overdue-badge'
import { formAction, invariantResponse, idParam } from '../platform/http.server'
import { formatDate } from '../platform/i18n'
import { metaT, pageMeta, useLocale, useT } from '../ui/i18n'
import { Comments } from '../verdict/comments'
import { participate } from '../verdict/participation.server'
import { RatingForm, RatingSummary } from '../verdict/ratings'
import { sharedPageHeaders } from '../platform/response/page-cache.server'

export { sharedPageHeaders as headers }

function dutyId(params: LoaderFunctionArgs['params']): number {
  const id = idParam(params.id)
  return id
}

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => {
  const t = metaT(matches)
  return [
    ...pageMeta(matches, data?.duty.title ?? t('browse.duties.title'), data?.duty.commitment),
    ...(data
      ? [
          {
            tagName: 'link',
            rel: 'alternate',
            type: 'application/rss+xml',
            href: `/feeds/duties/${data.duty.id}.xml`,
          },
        ]
      : []),
  ]
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const page = await dutyPage(request, dutyId(params))
  invariantResponse(page, 'Not found', { status: 404 })
  return page
}

export const action = /* @__PURE__ */ formAction(async ({ request, params, form }) => {
  const outcome = await participate(request, form, { dutyId: dutyId(params) })
  return outcome.status === 'done'
    ? redirect(outcome.location)
    : data({ intent: outcome.intent, result: outcome.result }, { status: 400 })
})

export default function DutyPage() {
  const t = useT()
  const locale = useLocale()
  const { duty, comments, ratings, own, viewer, notice, moderation } =
    useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <article className="duty-page">
      <h1>{duty.title}</h1>
      <p className="feed__meta">
        <span className="badge">{t(`follow.duty.status.${duty.status}`)}</span>{' '}
        <OverdueBadge overdue={duty.overdue} deadline={duty.deadline} />{' '}
        {duty.reopenedCount > 0 ? (
          <span className="badge badge--warn">
            {t('verdict.reopenedTimes', { count: duty.reopenedCount })}
          </span>
        ) : null}
      </p>
      {notice ? (
        <p className="notice" role="status">
          {t(`verdict.notices.${notice}`)}
        </p>
      ) : null}
      <dl className="details">
        <dt>{t('follow.duty.unit')}</dt>
        <dd>
          <a href={`/units/${duty.unit.slug}`}>{duty.unit.name}</a>
        </dd>
        <dt>{t('follow.duty.leader')}</dt>
        <dd>{t('follow.duty.leaderValue', { name: duty.leaderName, title: duty.leaderTitle })}</dd>
        <dt>{t('follow.duty.commitment')}</dt>
        <dd>{duty.commitment}</dd>
        <dt>{t('browse.mode')}</dt>
        <dd>{t(`browse.modes.${duty.mode}`)}</dd>
        <dt>{t('follow.duty.deadline')}</dt>
        <dd>{duty.deadline ? formatDate(duty.deadline, locale) : t('follow.duty.ongoing')}</dd>
        <dt>{t('browse.category')}</dt>
        <dd>
          {duty.categoryName}
          {duty.areaName ? ` · ${duty.areaName}` : ''}
        </dd>
        <dt>{t('follow.duty.progress')}</dt>
        <dd>
          <div
            className="progress-bar"
            role="progressbar"
            aria-label={t('follow.duty.progress')}
            aria-valuenow={duty.progress}
            aria-valuemin={0}
            aria-valuemax={100}
          >
            <span style={{ width: `${duty.progress}%` }} />
          </div>
          {t('follow.duty.percent', { percent: duty.progress })}
        </dd>
        {duty.resolutionSummary ? (
          <>
            <dt>{t('follow.duty.summary')}</dt>
            <dd>{duty.resolutionSummary}</dd>
          </>
        ) : null}
      </dl>

      {duty.milestones.length ? (
        <section aria-labelledby="milestones-heading">
          <h2 id="milestones-heading">{t('browse.milestones')}</h2>
          <ol className="milestones">
            {duty.milestones.map((m, i) => (
              <li key={i}>
                {m.done ? '✓ ' : ''}
                {m.title}
                {m.dueOn ? <span className="muted"> · {formatDate(m.dueOn, locale)}</span> : null}
                <span className="visually-hidden">
                  {m.done ? t('browse.done') : t('browse.notDone')}
                </span>
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      <section aria-labelledby="reports-heading">
        <h2 id="reports-heading">{t('browse.linkedReports')}</h2>
        <ul className="feed">
          {duty.reports.map((r) => (
            <li key={r.id} className="feed__item">
              <a href={`/reports/${r.id}`}>{r.title}</a>
              <span className="muted">
                {' '}
                · {t('browse.number', { number: r.number })} ·{' '}
                {r.reporterName ?? t(`browse.anonymous.${r.kind}`)} ·{' '}
                {formatDate(new Date(r.createdAt), locale)}
              </span>
            </li>
          ))}
        </ul>
      </section>

      <Timeline entries={duty.timeline} />

      <section aria-labelledby="ratings-heading" id="ratings">
        <h2 id="ratings-heading">{t('verdict.ratings.heading')}</h2>
        <RatingSummary reporters={ratings.reporters} publicRatings={ratings.public} />
        {duty.status === 'resolved' ? (
          viewer.verified ? (
            <RatingForm
              lastResult={actionData?.intent === 'rate' ? actionData.result : undefined}
              own={own}
              reasonRequired={false}
              legend={t('verdict.rate.legendPublic')}
            />
          ) : (
            <p className="notice">
              {t('verdict.rate.verifyFirst')}{' '}
              <a href={`/verify?redirectTo=${encodeURIComponent(`/duties/${duty.id}`)}`}>
                {t('verdict.verifyLink')}
              </a>
            </p>
          )
        ) : (
          <p className="muted">
            {duty.status === 'closed' ? t('verdict.rate.closedNote') : t('verdict.rate.notYet')}
          </p>
        )}
      </section>

      <Comments
        comments={comments}
        viewer={viewer}
        returnTo={`/duties/${duty.id}`}
        lastResult={actionData && actionData.intent !== 'rate' ? actionData.result : undefined}
        moderation={moderation}
      />
      <p className="muted">
        <a href={`/feeds/duties/${duty.id}.xml`}>{t('browse.dutyFeed')}</a>
      </p>
    </article>
  )
}
