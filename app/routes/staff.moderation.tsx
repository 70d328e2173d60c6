import {
  data,
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
import { moderateComment, moderationQueue, type QueuedComment } from '../verdict/comment.server'
import { requireStaff } from '../staff/auth.server'
import { readForm, requireSameOrigin } from '../platform/http.server'
import { metaT, pageMeta, useLocale, useT } from '../ui/i18n'
import { text } from '../platform/validation'

/** Also in the page's markup, which cannot read a .server module's constants. */
const HIDE_REASON_MAX = 200

const DecisionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('approve'), commentId: z.coerce.number().int().positive() }),
  z.object({ intent: z.literal('restore'), commentId: z.coerce.number().int().positive() }),
  z.object({
    intent: z.literal('hide'),
    commentId: z.coerce.number().int().positive(),
    reason: text(2, HIDE_REASON_MAX),
  }),
])

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, metaT(matches)('verdict.moderation.title'))

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, 'coordinator')
  return { queue: await moderationQueue(await getDb()) }
}

export async function action({ request }: ActionFunctionArgs) {
  requireSameOrigin(request, getEnv().PUBLIC_URL)
  await requireStaff(request, 'coordinator')
  const form = await readForm(request)
  const parsed = DecisionSchema.safeParse(Object.fromEntries(form))
  const commentId = Number(form.get('commentId')) || null
  if (!parsed.success) {
    return data(
      {
        commentId,
        error: 'verdict.moderation.reasonRequired' as MessageKey,
        reason: String(form.get('reason') ?? '').slice(0, HIDE_REASON_MAX),
      },
      { status: 400 },
    )
  }
  const v = parsed.data
  const done = await moderateComment(
    await getDb(),
    v.commentId,
    v.intent === 'hide' ? { action: 'hide', reason: v.reason } : { action: v.intent },
  )
  if (!done)
    return data(
      { commentId, error: 'verdict.moderation.stale' as MessageKey, reason: '' },
      { status: 409 },
    )
  return { commentId, error: null, reason: '' }
}

function QueueItem({ c }: { c: QueuedComment }) {
  const t = useT()
  const locale = useLocale()
  const result = useActionData<typeof action>() as
    { commentId: number | null; error: MessageKey | null; reason: string } | undefined
  const mine = result?.commentId === c.id ? result : null
  const errorId = `reason-${c.id}-error`
  return (
    <li className="card">
      <p className="feed__meta">
        <a
          href={`/${c.subject.kind === 'duty' ? 'duties' : 'reports'}/${c.subject.id}#comment-${c.id}`}
        >
          {c.subject.title}
        </a>{' '}
        · {formatDateTime(c.createdAt, locale)}
        {c.flagCount ? ` · ${t('verdict.moderation.flags', { count: c.flagCount })}` : ''}
      </p>
      <p className="prewrap">{c.body}</p>
      {c.hiddenReason ? (
        <p className="muted">{t('timeline.reason', { reason: c.hiddenReason })}</p>
      ) : null}
      {mine?.error ? (
        <p className="field-errors" role="alert">
          {t(mine.error)}
        </p>
      ) : null}
      <div className="actions">
        {c.status === 'pending' ? (
          <Form method="post">
            <input type="hidden" name="commentId" value={c.id} />
            <button type="submit" name="intent" value="approve" className="button">
              {t('verdict.moderation.approve')}
            </button>
          </Form>
        ) : null}
        {c.status === 'hidden' ? (
          <Form method="post">
            <input type="hidden" name="commentId" value={c.id} />
            <button
              type="submit"
              name="intent"
              value="restore"
              className="button button--secondary"
            >
              {t('verdict.moderation.restore')}
            </button>
          </Form>
        ) : (
          <Form method="post" className="form">
            <input type="hidden" name="commentId" value={c.id} />
            <div className="field">
              <label htmlFor={`reason-${c.id}`}>{t('verdict.moderation.reason')}</label>
              <input
                id={`reason-${c.id}`}
                name="reason"
                maxLength={HIDE_REASON_MAX}
                defaultValue={mine?.reason ?? ''}
                aria-invalid={mine?.error ? true : undefined}
                aria-describedby={mine?.error ? errorId : undefined}
              />
              {mine?.error ? (
                <span id={errorId} className="visually-hidden">
                  {t(mine.error)}
                </span>
              ) : null}
            </div>
            <div>
              <button type="submit" name="intent" value="hide" className="button button--secondary">
                {t('verdict.moderation.hide')}
              </button>
            </div>
          </Form>
        )}
      </div>
    </li>
  )
}

export default function Moderation() {
  const t = useT()
  const { queue } = useLoaderData<typeof loader>()
  const sections = [
    ['pending', queue.pending],
    ['flagged', queue.flagged],
    ['hidden', queue.hidden],
  ] as const
  return (
    <section>
      <h1>{t('verdict.moderation.title')}</h1>
      {sections.map(([key, items]) => (
        <section key={key} aria-labelledby={`mod-${key}`}>
          <h2 id={`mod-${key}`}>
            {t(`verdict.moderation.${key}` as MessageKey)} ({items.length})
          </h2>
          {items.length === 0 ? (
            <p>{t('verdict.moderation.none')}</p>
          ) : (
            <ul className="card-list">
              {items.map((c) => (
                <QueueItem key={c.id} c={c} />
              ))}
            </ul>
          )}
        </section>
      ))}
    </section>
  )
}
