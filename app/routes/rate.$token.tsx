import type { SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { RatingForm, ratingFormSchema } from '../verdict/ratings'
import { getDb } from '../platform/db.server'
import { getEnv } from '../platform/env.server'
import { rateDuty, ratingContext, RatingError } from '../verdict/rating.server'
import { invariantResponse, readForm, requireSameOrigin } from '../platform/http.server'
import { metaT, pageMeta, useT } from '../ui/i18n'
import { clientAddress, consume } from '../platform/rate-limit.server'
import { message } from '../platform/validation'

export const meta: MetaFunction = ({ matches }) => [
  ...pageMeta(matches, metaT(matches)('verdict.rate.reporterTitle')),
  { name: 'robots', content: 'noindex' },
]

/** Reached by the reporter's private link: no shared cache may keep it. */
export const headers: HeadersFunction = () => ({
  'Cache-Control': 'private, no-store',
  'X-Robots-Tag': 'noindex',
})

async function context(token: string | undefined) {
  const found = await ratingContext(await getDb(), token ?? '')
  invariantResponse(found, 'Not found', { status: 404 })
  return found
}

export async function loader({ params, request }: LoaderFunctionArgs) {
  const found = await context(params.token)
  return {
    duty: { id: found.dutyId, title: found.title, status: found.status, summary: found.summary },
    own: found.own,
    done: new URL(request.url).searchParams.get('done') === '1',
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  requireSameOrigin(request, getEnv().PUBLIC_URL)
  const formData = await readForm(request)
  const found = await context(params.token)
  const submission = parseWithZod(formData, { schema: ratingFormSchema(true) })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const limit = await consume(
    'ratingByUser',
    `reporter:${found.reportId}:${clientAddress(request)}`,
  )
  if (!limit.ok)
    return data(submission.reply({ formErrors: [message('verdict.tooMany')] }), { status: 429 })
  try {
    await rateDuty(await getDb(), {
      dutyId: found.dutyId,
      rater: { reportId: found.reportId },
      level: Number(submission.value.level),
      reason: submission.value.reason ?? null,
    })
  } catch (error) {
    if (error instanceof RatingError)
      return data(
        submission.reply({
          formErrors: [
            message(
              error.reason === 'reasonRequired'
                ? 'verdict.rate.reasonRequired'
                : 'verdict.rate.closed',
            ),
          ],
        }),
        { status: 409 },
      )
    throw error
  }
  return redirect(`/rate/${params.token}?done=1`)
}

export default function RateAsReporter() {
  const t = useT()
  const { duty, own, done } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>() as SubmissionResult<string[]> | undefined
  return (
    <section>
      <h1>{t('verdict.rate.reporterTitle')}</h1>
      <p>
        <a href={`/duties/${duty.id}`}>{duty.title}</a>
      </p>
      {duty.summary ? <p>{t('timeline.summary', { summary: duty.summary })}</p> : null}
      {done ? (
        <p className="notice" role="status">
          {own && own.level <= 2 ? t('verdict.rate.thanksReview') : t('verdict.rate.thanks')}
        </p>
      ) : null}
      {duty.status === 'resolved' ? (
        <RatingForm
          lastResult={lastResult}
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
