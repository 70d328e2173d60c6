import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { getDb } from '../platform/db.server'
import { getEnv } from '../platform/env.server'
import { formatDateTime } from '../platform/i18n'
import type { MessageKey } from '../locales/types'
import { DomainError } from '../platform/errors'
import { decideReview, openReviews, RatingError, reopenDeadline } from '../verdict/rating.server'
import { chinaToday } from '../duties/working-days'
import { requireStaff } from '../staff/auth.server'
import { readForm, requireSameOrigin } from '../platform/http.server'
import { metaT, pageMeta, useLocale, useT } from '../ui/i18n'
import { optionalText } from '../platform/validation'

const DecisionSchema = z.object({
  intent: z.enum(['reopen', 'dismiss']),
  reviewId: z.coerce.number().int().positive(),
  note: optionalText(500),
  deadline: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
  ),
})

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

export async function action({ request }: ActionFunctionArgs) {
  requireSameOrigin(request, getEnv().PUBLIC_URL)
  const staff = await requireStaff(request, 'coordinator')
  const form = await readForm(request)
  const parsed = DecisionSchema.safeParse(Object.fromEntries(form))
  const reviewId = Number(form.get('reviewId')) || null
  const fail = (error: MessageKey, status = 400) =>
    data({ reviewId, error, note: String(form.get('note') ?? '').slice(0, 500) }, { status })
  if (!parsed.success) return fail('verdict.reviews.invalid')
  const v = parsed.data
  if (v.intent === 'dismiss' && !v.note) return fail('verdict.reviews.noteRequired')
  if (v.deadline && v.deadline <= chinaToday()) return fail('verdict.reviews.deadlinePast')
  try {
    await decideReview(await getDb(), {
      reviewId: v.reviewId,
      staffId: staff.id,
      decision: v.intent,
      note: v.note ?? null,
      deadline: v.deadline ?? null,
    })
  } catch (error) {
    const illegal = error instanceof DomainError && error.key === 'duties.duty.illegal'
    if (error instanceof RatingError || illegal) return fail('verdict.reviews.stale', 409)
    throw error
  }
  return redirect(`/staff/reviews?done=${v.intent}`)
}

export default function Reviews() {
  const t = useT()
  const locale = useLocale()
  const { reviews, defaultDeadline, done } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>() as
    { reviewId: number | null; error: MessageKey; note: string } | undefined
  return (
    <section>
      <h1>{t('verdict.reviews.title')}</h1>
      <p className="muted">{t('verdict.reviews.lead')}</p>
      {done === 'reopen' || done === 'dismiss' ? (
        <p className="notice" role="status">
          {t(done === 'reopen' ? 'verdict.reviews.reopened' : 'verdict.reviews.dismissed')}
        </p>
      ) : null}
      {reviews.length === 0 ? <p>{t('verdict.reviews.none')}</p> : null}
      <ul className="card-list">
        {reviews.map((r) => {
          const mine = result?.reviewId === r.id ? result : null
          return (
            <li key={r.id} className="card">
              <h2>
                <a href={`/duties/${r.duty_id}`}>{r.title}</a>
              </h2>
              <p className="feed__meta">
                {r.unit_name} · {formatDateTime(new Date(r.created_at), locale)}
                {r.level ? ` · ${t(`timeline.levels.${r.level}` as MessageKey)}` : ''}
              </p>
              <p>{t('timeline.reason', { reason: r.reason })}</p>
              {mine?.error ? (
                <p className="field-errors" role="alert">
                  {t(mine.error)}
                </p>
              ) : null}
              <Form method="post" className="form">
                <input type="hidden" name="reviewId" value={r.id} />
                <div className="field">
                  <label htmlFor={`deadline-${r.id}`}>{t('verdict.reviews.deadline')}</label>
                  <span id={`deadline-${r.id}-hint`} className="field__hint">
                    {t('verdict.reviews.deadlineHint')}
                  </span>
                  <input
                    id={`deadline-${r.id}`}
                    type="date"
                    name="deadline"
                    defaultValue={defaultDeadline}
                    aria-describedby={`deadline-${r.id}-hint`}
                  />
                </div>
                <div className="field">
                  <label htmlFor={`note-${r.id}`}>{t('verdict.reviews.note')}</label>
                  <textarea
                    id={`note-${r.id}`}
                    name="note"
                    rows={2}
                    maxLength={500}
                    defaultValue={mine?.note ?? ''}
                  />
                </div>
                <div className="actions">
                  <button type="submit" name="intent" value="reopen" className="button">
                    {t('verdict.reviews.reopen')}
                  </button>
                  <button
                    type="submit"
                    name="intent"
                    value="dismiss"
                    className="button button--secondary"
                  >
                    {t('verdict.reviews.dismiss')}
                  </button>
                </div>
              </Form>
            </li>
          )
        })}
      </ul>
    </section>
  )
}
