import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { getDb } from '../platform/db.server'
import { formatDateTime } from '../platform/i18n'
import { formAction } from '../platform/http.server'
import { message } from '../platform/text'
import { requireStaff } from '../staff/auth.server'
import { metaT, pageMeta, useLocale, useT } from '../ui/i18n'
import {
  appealRating,
  decideAppeal,
  openAppeals,
  ratingsOfUnit,
  type UnitRating,
} from '../verdict/appeal.server'
import {
  DecisionError,
  DecisionHeader,
  DecisionQueue,
  replyFor,
  typed,
  type DecisionReply,
} from '../verdict/decision-queue'
import { AppealDecisionSchema, AppealSchema } from '../verdict/rating-schema'
import { LevelName } from '../verdict/ratings'

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, metaT(matches)('verdict.appeals.title'))

/** Unit staff appeal ratings of their own unit's duties; the coordinator decides. */
export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, 'unit_staff', 'coordinator')
  const db = await getDb()
  const done = new URL(request.url).searchParams.get('done')
  if (staff.role === 'coordinator')
    return { role: 'coordinator' as const, appeals: await openAppeals(db), ratings: [], done }
  return {
    role: 'unit_staff' as const,
    appeals: [],
    ratings: await ratingsOfUnit(db, staff.unitId!),
    done,
  }
}

export const action = /* @__PURE__ */ formAction(async ({ request, form }) => {
  const staff = await requireStaff(request, 'unit_staff', 'coordinator')
  const db = await getDb()
  if (staff.role === 'unit_staff') {
    const submission = parseWithZod(form, { schema: AppealSchema })
    if (submission.status !== 'success')
      return data(
        { result: submission.reply({ formErrors: [message('verdict.appeals.reasonRequired')] }) },
        { status: 400 },
      )
    await appealRating(db, {
      ratingId: submission.value.ratingId,
      staffId: staff.id,
      unitId: staff.unitId!,
      reason: submission.value.reason,
    })
    return redirect('/staff/appeals?done=appealed')
  }
  const submission = parseWithZod(form, { schema: AppealDecisionSchema })
  if (submission.status !== 'success')
    return data(
      { result: submission.reply({ formErrors: [message('verdict.appeals.noteRequired')] }) },
      { status: 400 },
    )
  await decideAppeal(db, {
    appealId: submission.value.appealId,
    staffId: staff.id,
    decision: submission.value.intent,
    note: submission.value.note,
  })
  return redirect('/staff/appeals?done=decided')
})

/** One rating of the unit's own duty, with its appeal or the form to appeal it. */
function RatingToAppeal({ r, reply }: { r: UnitRating; reply: DecisionReply }) {
  const t = useT()
  const locale = useLocale()
  const mine = replyFor(reply, 'ratingId', r.id)
  return (
    <li className="card">
      <p>
        <a href={`/duties/${r.duty_id}`}>{r.title}</a>
      </p>
      <p className="feed__meta">
        <LevelName level={r.level} />{' '}
        {r.report_id ? t('timeline.reporterRating') : t('timeline.publicRating')} ·{' '}
        {formatDateTime(new Date(r.updated_at), locale)}
        {r.status === 'voided' ? ` · ${t('verdict.appeals.voided')}` : ''}
      </p>
      {r.reason ? <p>{t('verdict.appeals.ratingReason', { reason: r.reason })}</p> : null}
      {r.appeal_status ? (
        <p className="muted">
          {t(`verdict.appeals.status.${r.appeal_status}`)}
          {r.decision_note ? ` · ${r.decision_note}` : ''}
        </p>
      ) : null}
      <DecisionError result={mine} />
      {r.status === 'valid' && r.appeal_status !== 'open' ? (
        <details>
          <summary>{t('verdict.appeals.appeal')}</summary>
          <Form method="post" className="form">
            <input type="hidden" name="intent" value="appeal" />
            <input type="hidden" name="ratingId" value={r.id} />
            <div className="field">
              <label htmlFor={`reason-${r.id}`}>{t('verdict.appeals.reason')}</label>
              <textarea
                id={`reason-${r.id}`}
                name="reason"
                rows={2}
                maxLength={500}
                defaultValue={typed(mine, 'reason')}
              />
            </div>
            <div>
              <button type="submit" className="button button--secondary">
                {t('verdict.appeals.send')}
              </button>
            </div>
          </Form>
        </details>
      ) : null}
    </li>
  )
}

export default function Appeals() {
  const t = useT()
  const locale = useLocale()
  const { role, appeals, ratings, done } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  return (
    <section>
      <DecisionHeader
        title={t('verdict.appeals.title')}
        lead={
          role === 'coordinator'
            ? t('verdict.appeals.leadCoordinator')
            : t('verdict.appeals.leadUnit')
        }
        notice={
          done === 'appealed'
            ? t('verdict.appeals.appealed')
            : done === 'decided'
              ? t('verdict.appeals.decided')
              : null
        }
      />
      {role === 'coordinator' ? (
        <DecisionQueue
          items={appeals.map((a) => ({
            id: a.id,
            dutyId: a.duty_id,
            title: a.title,
            meta: (
              <>
                {a.unit_name} · {formatDateTime(new Date(a.created_at), locale)} ·{' '}
                <LevelName level={a.level} />{' '}
                {a.report_id ? t('timeline.reporterRating') : t('timeline.publicRating')}
              </>
            ),
            reasons: (
              <>
                {a.rating_reason ? (
                  <p>{t('verdict.appeals.ratingReason', { reason: a.rating_reason })}</p>
                ) : null}
                <p>{t('verdict.appeals.appealReason', { reason: a.reason })}</p>
              </>
            ),
          }))}
          idField="appealId"
          none={t('verdict.appeals.none')}
          reply={reply}
          noteLabel={t('verdict.appeals.note')}
          decisions={[
            { intent: 'upheld', label: t('verdict.appeals.uphold') },
            { intent: 'rejected', label: t('verdict.appeals.reject') },
          ]}
        />
      ) : ratings.length === 0 ? (
        <p>{t('verdict.appeals.noRatings')}</p>
      ) : (
        <ul className="card-list">
          {ratings.map((r) => (
            <RatingToAppeal key={r.id} r={r} reply={reply} />
          ))}
        </ul>
      )}
    </section>
  )
}
