import type { SubmissionResult } from '@conform-to/react'
import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { OverdueBadge } from '../duties/overdue-badge'
import { Comments } from '../verdict/comments'
import { Timeline } from '../browse/timeline'
import { getDb } from '../platform/db.server'
import { formatDate, formatDateTime, localeFromRequest } from '../platform/i18n'
import type { MessageKey } from '../locales/types'
import { publicReport } from '../browse/lists.server'
import { commentsFor, moderationMode } from '../verdict/comment.server'
import { participantName } from '../verdict/verify.server'
import { formAction, invariantResponse } from '../platform/http.server'
import { metaT, pageMeta, useLocale, useT } from '../ui/i18n'
import { noticeFrom, participate } from '../verdict/participation.server'
import { getPublicUser } from '../verdict/public-session.server'

function reportId(params: LoaderFunctionArgs['params']): number {
  const id = Number(params.id)
  invariantResponse(/^\d{1,9}$/.test(params.id ?? '') && id > 0, 'Not found', { status: 404 })
  return id
}

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageMeta(matches, data?.report.title ?? metaT(matches)('browse.reports.title'))

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = reportId(params)
  const db = await getDb()
  const report = await publicReport(db, id, localeFromRequest(request))
  invariantResponse(report, 'Not found', { status: 404 })
  const [user, moderation] = await Promise.all([getPublicUser(request), moderationMode(db)])
  const comments = await commentsFor(db, { reportId: id }, { publicUserId: user?.id ?? null })
  return {
    report,
    comments,
    moderation,
    notice: noticeFrom(request),
    viewer: {
      verified: Boolean(user),
      name: user ? participantName(user) : null,
      canAnswer: false,
    },
  }
}

export const action = formAction(async ({ request, params, form }) => {
  const outcome = await participate(request, form, { reportId: reportId(params) })
  return outcome.status === 'done'
    ? redirect(outcome.location)
    : data({ intent: outcome.intent, result: outcome.result }, { status: 400 })
})

export default function ReportPage() {
  const t = useT()
  const locale = useLocale()
  const { report, comments, viewer, notice, moderation } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as
    { intent: string; result: SubmissionResult<string[]> } | undefined
  return (
    <article className="report-page">
      <h1>{report.title}</h1>
      <p className="feed__meta">
        <span className="badge">{t(`report.status.${report.status}` as MessageKey)}</span>{' '}
        {report.duty ? (
          <span className="badge">
            {t(`follow.duty.status.${report.duty.status}` as MessageKey)}
          </span>
        ) : null}{' '}
        <OverdueBadge overdue={report.duty?.overdue ?? false} />
      </p>
      {notice ? (
        <p className="notice" role="status">
          {t(`verdict.notices.${notice}` as MessageKey)}
        </p>
      ) : null}
      <dl className="details">
        <dt>{t('browse.kind')}</dt>
        <dd>{t(`browse.kinds.${report.kind}` as MessageKey)}</dd>
        <dt>{t('browse.category')}</dt>
        <dd>{report.categoryName}</dd>
        <dt>{t('browse.area')}</dt>
        <dd>{report.areaName}</dd>
        {report.address ? (
          <>
            <dt>{t('browse.address')}</dt>
            <dd>{report.address}</dd>
          </>
        ) : null}
        <dt>{t('browse.reporter')}</dt>
        <dd>{report.reporterName ?? t('browse.anonymous')}</dd>
        <dt>{t('browse.submittedAt')}</dt>
        <dd>{formatDateTime(new Date(report.createdAt), locale)}</dd>
        <dt>{t('browse.body')}</dt>
        <dd className="prewrap">{report.body}</dd>
        {report.declineReason ? (
          <>
            <dt>{t('browse.declineReason')}</dt>
            <dd>{report.declineReason}</dd>
          </>
        ) : null}
      </dl>
      {report.mergedInto ? (
        <p>
          {t('browse.mergedInto')}{' '}
          <a href={`/reports/${report.mergedInto.id}`}>{report.mergedInto.title}</a>
        </p>
      ) : null}
      {report.duty ? (
        <section aria-labelledby="duty-heading">
          <h2 id="duty-heading">{t('follow.duty.heading')}</h2>
          <dl className="details">
            <dt>{t('browse.dutyLink')}</dt>
            <dd>
              <a href={`/duties/${report.duty.id}`}>{report.duty.title}</a>
            </dd>
            <dt>{t('follow.duty.unit')}</dt>
            <dd>
              <a href={`/units/${report.duty.unitSlug}`}>{report.duty.unitName}</a>
            </dd>
            <dt>{t('follow.duty.leader')}</dt>
            <dd>
              {t('follow.duty.leaderValue', {
                name: report.duty.leaderName,
                title: report.duty.leaderTitle,
              })}
            </dd>
            <dt>{t('follow.duty.deadline')}</dt>
            <dd>
              {report.duty.deadline
                ? formatDate(report.duty.deadline, locale)
                : t('follow.duty.ongoing')}
            </dd>
          </dl>
        </section>
      ) : null}
      <Timeline entries={report.timeline} />
      <Comments
        comments={comments}
        viewer={viewer}
        returnTo={`/reports/${report.id}`}
        lastResult={actionData?.result}
        moderation={moderation}
      />
    </article>
  )
}
