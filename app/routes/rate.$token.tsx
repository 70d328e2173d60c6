import {
  data,
  redirect,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { RatingForm } from '../verdict/ratings'
import { isUnsatisfied } from '../verdict/rating'
import { getDb } from '../platform/db.server'
import { ratingContext } from '../verdict/rating.server'
import { rateAsReporter } from '../verdict/participation.server'
import { formAction, invariantResponse } from '../platform/http.server'
import { metaT, pageMeta, useT } from '../ui/i18n'

export const meta: MetaFunction = ({ matches }) => [
  ...pageMeta(matches, metaT(matches)('verdict.rate.reporterTitle')),
  { name: 'robots', content: 'noindex' },
]

/** Reached by the reporter's private link: no shared cache may keep it. */
export const headers: HeadersFunction = () => ({
  'Cache-Control': 'private, no-store',
  'X-Robots-Tag': 'noindex',
})

export async function loader({ params, request }: LoaderFunctionArgs) {
  const found = await ratingContext(await getDb(), params.token ?? '')
  invariantResponse(found, 'Not found', { status: 404 })
  return {
    duty: { id: found.dutyId, title: found.title, status: found.status, summary: found.summary },
    own: found.own,
    done: new URL(request.url).searchParams.get('done') === '1',
  }
}

export const action = /* @__PURE__ */ formAction(async ({ request, params, form }) => {
  const outcome = await rateAsReporter(request, params.token ?? '', form)
  return outcome.status === 'done'
    ? redirect(`/rate/${params.token}?done=1`)
    : data({ intent: 'rate', result: outcome.result }, { status: 400 })
})

export default function RateAsReporter() {
  const t = useT()
  const { duty, own, done } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <section>
      <h1>{t('verdict.rate.reporterTitle')}</h1>
      <p>
        <a href={`/duties/${duty.id}`}>{duty.title}</a>
      </p>
      {duty.summary ? <p>{t('timeline.summary', { summary: duty.summary })}</p> : null}
      {done ? (
        <p className="notice" role="status">
          {own && isUnsatisfied(own.level)
            ? t('verdict.rate.thanksReview')
            : t('verdict.rate.thanks')}
        </p>
      ) : null}
      {duty.status === 'resolved' ? (
        <RatingForm
          lastResult={actionData?.result}
          own={own}
          reasonRequired
          legend={t('verdict.rate.legendReporter')}
        />
      ) : (
        <p className="notice">
          {duty.status === 'closed' ? t('verdict.rate.closedNote') : t('verdict.rate.notYet')}
        </p>
      )}
    </section>
  )
}
