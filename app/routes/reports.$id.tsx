import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { reportPage } from '../browse/detail-page.server'
import { Timeline } from '../browse/timeline'
import { OverdueBadge } from '../duties/overdue-badge'
import { formAction, invariantResponse, idParam } from '../platform/http.server'
import { formatDate, formatDateTime } from '../platform/i18n'
import { metaT, pageMeta, useLocale, useT } from '../ui/i18n'
import { Comments } from '../verdict/comments'
import { participate } from '../verdict/participation.server'
import { sharedPageHeaders } from '../platform/response/page-cache.server'

export { sharedPageHeaders as headers }

function reportId(params: LoaderFunctionArgs['params']): number {
  const id = idParam(params.id)
  return id
}

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageMeta(matches, data?.report.title ?? metaT(matches)('browse.reports.title'))

export async function loader({ request, params }: LoaderFunctionArgs) {
  const page = await reportPage(request, reportId(params))
  invariantResponse(page, 'Not found', { status: 404 })
  return page
}

export const action = /* @__PURE__ */ formAction(async ({ request, params, form }) => {
  const outcome = await participate(request, form, { reportId: reportId(params) })
  return outcome.status === 'done'
    ? redirect(outcome.location)
    : data({ intent: outcome.intent, result: outcome.result }, { status: 400 })
})

export default function ReportPage() {
  const t = useT()
  const locale = useLocale()
  const { report, comments, viewer, notice, moderation } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <article className="report-page">
      <h1>{report.title}</h1>
      <p className="feed__meta">
        <span className="badge">{t(`report.status.${report.status}`)}</span>{' '}
        {report.duty ? (
          <span className="badge">{t(`follow.duty.status.${report.duty.status}`)}</span>
        ) : null}{' '}
        <OverdueBadge overdue={report.duty?.overdue ?? false} />
      </p>
      {notice ? (
        <p className="notice" role="status">
          {t(`verdict.notices.${notice}`)}
        </p>
      ) : null}
      <dl className="details">
        <dt>{t('browse.numberLabel')}</dt>
        <dd>{report.number}</dd>
        <dt>{t('browse.kind')}</dt>
        <dd>{t(`browse.kinds.${report.kind}`)}</dd>
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
        <dd>{report.reporterName ?? t(`browse.anonymous.${report.kind}`)}</dd>
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
