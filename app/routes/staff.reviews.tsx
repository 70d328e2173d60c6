import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { getDb } from '../platform/db.server'
import { getEnv } from '../platform/env.server'
import { formatDateTime } from '../platform/i18n'
import { formAction } from '../platform/http.server'
import { message } from '../platform/text'
import { requireStaff } from '../staff/auth.server'
import { metaT, pageMeta, useLocale, useT } from '../ui/i18n'
import { DecisionHeader, DecisionQueue } from '../verdict/decision-queue'
import { ReviewDecisionSchema } from '../verdict/rating-schema'
import { LevelName } from '../verdict/ratings'
import { decideReview, openReviews, reopenDeadline } from '../verdict/review.server'

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, metaT(matches)('verdict.reviews.title'))

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, 'coordinator')
  return {
    reviews: await openReviews(await getDb()),
    defaultDeadline: reopenDeadline(),
    done: new URL(request.url).searchParams.get('done'),
  }
}

export const action = /* @__PURE__ */ formAction(async ({ request, form }) => {
  const staff = await requireStaff(request, 'coordinator')
  const submission = parseWithZod(form, { schema: ReviewDecisionSchema })
  if (submission.status !== 'success')
    return data(
      { result: submission.reply({ formErrors: [message('verdict.reviews.invalid')] }) },
      { status: 400 },
    )
  const { intent, reviewId, note, deadline } = submission.value
  await decideReview(await getDb(), {
    reviewId,
    staffId: staff.id,
    decision: intent,
    note: note ?? null,
    deadline: deadline ?? null,
    publicUrl: getEnv().PUBLIC_URL,
  })
  return redirect(`/staff/reviews?done=${intent}`)
})

export default function Reviews() {
  const t = useT()
  const locale = useLocale()
  const { reviews, defaultDeadline, done } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  return (
    <section>
      <DecisionHeader
        title={t('verdict.reviews.title')}
        lead={t('verdict.reviews.lead')}
        notice={
          done === 'reopen'
            ? t('verdict.reviews.reopened')
            : done === 'dismiss'
              ? t('verdict.reviews.dismissed')
              : null
        }
      />
      <DecisionQueue
        items={reviews.map((r) => ({
          id: r.id,
          dutyId: r.duty_id,
          title: r.title,
          meta: (
            <>
              {r.unit_name} · {formatDateTime(new Date(r.created_at), locale)}
              {r.level ? (
                <>
                  {' · '}
                  <LevelName level={r.level} />
                </>
              ) : null}
            </>
          ),
          reasons: <p>{t('timeline.reason', { reason: r.reason })}</p>,
        }))}
        idField="reviewId"
        none={t('verdict.reviews.none')}
        reply={reply}
        noteLabel={t('verdict.reviews.note')}
        decisions={[
          { intent: 'reopen', label: t('verdict.reviews.reopen') },
          { intent: 'dismiss', label: t('verdict.reviews.dismiss') },
        ]}
        fields={(id) => (
          <div className="field">
            <label htmlFor={`deadline-${id}`}>{t('verdict.reviews.deadline')}</label>
            <span id={`deadline-${id}-hint`} className="field__hint">
              {t('verdict.reviews.deadlineHint')}
            </span>
            <input
              id={`deadline-${id}`}
              type="date"
              name="deadline"
              defaultValue={defaultDeadline}
              aria-describedby={`deadline-${id}-hint`}
            />
          </div>
        )}
      />
    </section>
  )
}
