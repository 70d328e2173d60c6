import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { Timeline } from '../browse/timeline'
import { getDb } from '../platform/db.server'
import { formatDate, formatDateTime, localeFromRequest } from '../platform/i18n'
import { reportForFollower } from '../reporting/follow.server'
import { invariantResponse } from '../platform/http.server'
import { metaT, pageMeta, useT } from '../ui/i18n'

export const meta: MetaFunction = ({ matches }) => [
  ...pageMeta(matches, metaT(matches)('follow.title')),
  { name: 'robots', content: 'noindex' },
]

/** The reporter's own page shows their contact details: no shared cache may keep it. */
export const headers: HeadersFunction = () => ({
  'Cache-Control': 'private, no-store',
  'X-Robots-Tag': 'noindex',
})

export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = params.token ?? ''
  const followed = await reportForFollower(await getDb(), token)
  invariantResponse(followed, 'Not found', { status: 404 })
  const locale = localeFromRequest(request)
  const en = locale === 'en'
  const { report, current, duty, timeline, contactViews } = followed
  return {
    token,
    report: {
      ...report,
      createdAt: formatDateTime(report.createdAt, locale),
      category: en ? report.category.nameEn : report.category.name,
      area: report.areas.map((a) => (en ? a.nameEn : a.name)).join(' · '),
    },
    current,
    merged: current.id !== report.id,
    duty: duty
      ? {
          ...duty,
          unitName: en ? duty.unitNameEn : duty.unitName,
          deadline: duty.deadline ? formatDate(duty.deadline, locale) : null,
        }
      : null,
    timeline,
    contactViews: contactViews.map((v) => ({
      id: v.id,
      unit: en ? v.unitNameEn : v.unitName,
      date: formatDate(v.viewedAt, locale),
    })),
  }
}

export default function FollowReport() {
  const t = useT()
  const { token, report, current, merged, duty, timeline, contactViews } =
    useLoaderData<typeof loader>()
  return (
    <article className="follow">
      <h1>{report.title}</h1>
      <p className="muted">
        {t('follow.code', { code: report.trackingCode })} ·{' '}
        {t('follow.submittedAt', { date: report.createdAt })}
      </p>
      <p className="notice">{t('follow.private')}</p>

      <section aria-labelledby="status-heading">
        <h2 id="status-heading">{t('follow.status')}</h2>
        {merged ? (
          <>
            <p>{t('follow.merged')}</p>
            <p>
              <a href={`/reports/${current.id}`}>
                {t('follow.mergedInto', { title: current.title })}
              </a>
            </p>
          </>
        ) : null}
        <p>
          <span className="badge">{t(`report.status.${current.status}`)}</span>
          {duty ? (
            <>
              {' '}
              <span className="badge">{t(`follow.duty.status.${duty.status}`)}</span>
            </>
          ) : null}
        </p>
        {current.status === 'pending' ? <p>{t('follow.pendingHint')}</p> : null}
        {current.status === 'declined' && current.declineReason ? (
          <p>{t('follow.declined', { reason: current.declineReason })}</p>
        ) : null}
        {duty?.status === 'resolved' ? (
          <p className="notice">
            {t('follow.rateHint')}{' '}
            <a className="button" href={`/rate/${token}`}>
              {t('follow.rate')}
            </a>
          </p>
        ) : null}
      </section>

      {duty ? (
        <section aria-labelledby="duty-heading">
          <h2 id="duty-heading">{t('follow.duty.heading')}</h2>
          <dl className="details">
            <dt>{t('follow.duty.unit')}</dt>
            <dd>{duty.unitName}</dd>
            <dt>{t('follow.duty.commitment')}</dt>
            <dd>{duty.commitment}</dd>
            <dt>{t('follow.duty.leader')}</dt>
            <dd>
              {t('follow.duty.leaderValue', { name: duty.leaderName, title: duty.leaderTitle })}
            </dd>
            <dt>{t('follow.duty.deadline')}</dt>
            <dd>{duty.deadline ?? t('follow.duty.ongoing')}</dd>
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
        </section>
      ) : null}

      <Timeline entries={timeline} />

      <section aria-labelledby="details-heading">
        <h2 id="details-heading">{t('follow.details.heading')}</h2>
        <dl className="details">
          <dt>{t('follow.details.kind')}</dt>
          <dd>{t(`follow.details.kinds.${report.kind}`)}</dd>
          <dt>{t('follow.details.category')}</dt>
          <dd>{report.category}</dd>
          <dt>{t('follow.details.area')}</dt>
          <dd>{report.area}</dd>
          <dt>{t('follow.details.title')}</dt>
          <dd>{report.title}</dd>
          <dt>{t('follow.details.body')}</dt>
          <dd className="prewrap">{report.body}</dd>
          {report.address ? (
            <>
              <dt>{t('follow.details.address')}</dt>
              <dd>
                {report.address}{' '}
                <span className="muted">
                  {report.addressPublic
                    ? t('follow.details.addressPublic')
                    : t('follow.details.addressPrivate')}
                </span>
              </dd>
            </>
          ) : null}
          {report.companyName ? (
            <>
              <dt>{t('follow.details.company')}</dt>
              <dd>{report.companyName}</dd>
              <dt>{t('follow.details.creditCode')}</dt>
              <dd>{report.creditCode}</dd>
              <dt>{t('follow.details.demandType')}</dt>
              <dd>{report.demandType ? t(`report.demandTypes.${report.demandType}`) : null}</dd>
            </>
          ) : null}
        </dl>
        {report.photos.length ? (
          <>
            <h3>{t('follow.details.photos')}</h3>
            <ul className="photos">
              {report.photos.map((p, i) => (
                <li key={p.key}>
                  <img
                    src={`/media/${p.key}`}
                    alt={t('follow.details.photoAlt', { n: i + 1 })}
                    width={p.width ?? undefined}
                    height={p.height ?? undefined}
                    loading="lazy"
                  />
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section aria-labelledby="contact-heading">
        <h2 id="contact-heading">{t('follow.contact.heading')}</h2>
        <dl className="details">
          <dt>{t('follow.contact.name')}</dt>
          <dd>{report.contactName ?? t('follow.contact.none')}</dd>
          <dt>{t('follow.contact.mobile')}</dt>
          <dd>{report.contactMobile ?? t('follow.contact.none')}</dd>
          <dt>{t('follow.contact.email')}</dt>
          <dd>{report.contactEmail ?? t('follow.contact.none')}</dd>
          <dt>{t('follow.contact.display')}</dt>
          <dd>
            {t(
              report.display === 'masked'
                ? 'report.form.displayMasked'
                : 'report.form.displayAnonymous',
            )}
          </dd>
        </dl>
        <h3>{t('privacy.contactView.followHeading')}</h3>
        {contactViews.length === 0 ? (
          <p>{t('privacy.contactView.followNone')}</p>
        ) : (
          <ul className="contact-views">
            {contactViews.map((v) => (
              <li key={v.id}>
                {t('privacy.contactView.followLine', {
                  unit: v.unit ?? t('privacy.contactView.coordinator'),
                  date: v.date,
                })}
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  )
}
