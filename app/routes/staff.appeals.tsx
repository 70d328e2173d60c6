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
import {
  appealRating,
  decideAppeal,
  openAppeals,
  RatingError,
  ratingsOfUnit,
} from '../verdict/rating.server'
import { requireStaff } from '../staff/auth.server'
import { readForm, requireSameOrigin } from '../platform/http.server'
import { metaT, pageMeta, useLocale, useT } from '../ui/i18n'
import { text } from '../platform/validation'

const AppealSchema = z.object({
  intent: z.literal('appeal'),
  ratingId: z.coerce.number().int().positive(),
  reason: text(5, 500),
})
const DecideSchema = z.object({
  intent: z.enum(['upheld', 'rejected']),
  appealId: z.coerce.number().int().positive(),
  note: text(2, 500),
})

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

export async function action({ request }: ActionFunctionArgs) {
  requireSameOrigin(request, getEnv().PUBLIC_URL)
  const staff = await requireStaff(request, 'unit_staff', 'coordinator')
  const form = await readForm(request)
  const db = await getDb()
  const itemId = Number(form.get('ratingId') ?? form.get('appealId')) || null
  const fail = (error: MessageKey, status = 400) =>
    data(
      { itemId, error, text: String(form.get('reason') ?? form.get('note') ?? '').slice(0, 500) },
      { status },
    )
  try {
    if (staff.role === 'unit_staff') {
      const parsed = AppealSchema.safeParse(Object.fromEntries(form))
      if (!parsed.success) return fail('verdict.appeals.reasonRequired')
      await appealRating(db, {
        ratingId: parsed.data.ratingId,
        staffId: staff.id,
        unitId: staff.unitId!,
        reason: parsed.data.reason,
      })
      return redirect('/staff/appeals?done=appealed')
    }
    const parsed = DecideSchema.safeParse(Object.fromEntries(form))
    if (!parsed.success) return fail('verdict.appeals.noteRequired')
    await decideAppeal(db, {
      appealId: parsed.data.appealId,
      staffId: staff.id,
      decision: parsed.data.intent,
      note: parsed.data.note,
    })
    return redirect('/staff/appeals?done=decided')
  } catch (error) {
    if (error instanceof RatingError) {
      if (error.reason === 'notOwnUnit') throw new Response('Not found', { status: 404 })
      return fail(
        error.reason === 'alreadyAppealed' ? 'verdict.appeals.already' : 'verdict.appeals.stale',
        409,
      )
    }
    throw error
  }
}

export default function Appeals() {
  const t = useT()
  const locale = useLocale()
  const { role, appeals, ratings, done } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>() as
    { itemId: number | null; error: MessageKey; text: string } | undefined
  return (
    <section>
      <h1>{t('verdict.appeals.title')}</h1>
      <p className="muted">
        {role === 'coordinator'
          ? t('verdict.appeals.leadCoordinator')
          : t('verdict.appeals.leadUnit')}
      </p>
      {done === 'appealed' || done === 'decided' ? (
        <p className="notice" role="status">
          {t(done === 'appealed' ? 'verdict.appeals.appealed' : 'verdict.appeals.decided')}
        </p>
      ) : null}
      {role === 'coordinator' ? (
        appeals.length === 0 ? (
          <p>{t('verdict.appeals.none')}</p>
        ) : (
          <ul className="card-list">
            {appeals.map((a) => {
              const mine = result?.itemId === a.id ? result : null
              return (
                <li key={a.id} className="card">
                  <h2>
                    <a href={`/duties/${a.duty_id}`}>{a.title}</a>
                  </h2>
                  <p className="feed__meta">
                    {a.unit_name} · {formatDateTime(new Date(a.created_at), locale)} ·{' '}
                    {t(`timeline.levels.${a.level}` as MessageKey)}{' '}
                    {a.report_id ? t('timeline.reporterRating') : t('timeline.publicRating')}
                  </p>
                  {a.rating_reason ? (
                    <p>{t('verdict.appeals.ratingReason', { reason: a.rating_reason })}</p>
                  ) : null}
                  <p>{t('verdict.appeals.appealReason', { reason: a.reason })}</p>
                  {mine?.error ? (
                    <p className="field-errors" role="alert">
                      {t(mine.error)}
                    </p>
                  ) : null}
                  <Form method="post" className="form">
                    <input type="hidden" name="appealId" value={a.id} />
                    <div className="field">
                      <label htmlFor={`note-${a.id}`}>{t('verdict.appeals.note')}</label>
                      <textarea
                        id={`note-${a.id}`}
                        name="note"
                        rows={2}
                        maxLength={500}
                        defaultValue={mine?.text ?? ''}
                      />
                    </div>
                    <div className="actions">
                      <button type="submit" name="intent" value="upheld" className="button">
                        {t('verdict.appeals.uphold')}
                      </button>
                      <button
                        type="submit"
                        name="intent"
                        value="rejected"
                        className="button button--secondary"
                      >
                        {t('verdict.appeals.reject')}
                      </button>
                    </div>
                  </Form>
                </li>
              )
            })}
          </ul>
        )
      ) : ratings.length === 0 ? (
        <p>{t('verdict.appeals.noRatings')}</p>
      ) : (
        <ul className="card-list">
          {ratings.map((r) => {
            const mine = result?.itemId === r.id ? result : null
            return (
              <li key={r.id} className="card">
                <p>
                  <a href={`/duties/${r.duty_id}`}>{r.title}</a>
                </p>
                <p className="feed__meta">
                  {t(`timeline.levels.${r.level}` as MessageKey)}{' '}
                  {r.report_id ? t('timeline.reporterRating') : t('timeline.publicRating')} ·{' '}
                  {formatDateTime(new Date(r.updated_at), locale)}
                  {r.status === 'voided' ? ` · ${t('verdict.appeals.voided')}` : ''}
                </p>
                {r.reason ? <p>{t('verdict.appeals.ratingReason', { reason: r.reason })}</p> : null}
                {r.appeal_status ? (
                  <p className="muted">
                    {t(`verdict.appeals.status.${r.appeal_status}` as MessageKey)}
                    {r.decision_note ? ` · ${r.decision_note}` : ''}
                  </p>
                ) : null}
                {mine?.error ? (
                  <p className="field-errors" role="alert">
                    {t(mine.error)}
                  </p>
                ) : null}
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
                          defaultValue={mine?.text ?? ''}
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
          })}
        </ul>
      )}
    </section>
  )
}
