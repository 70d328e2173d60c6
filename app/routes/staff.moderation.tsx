import { parseWithZod } from '@conform-to/zod'
import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { getDb } from '../platform/db.server'
import { DomainError } from '../platform/errors'
import { formatDateTime } from '../platform/i18n'
import { formAction } from '../platform/http.server'
import { message } from '../platform/text'
import { requireStaff } from '../staff/auth.server'
import { metaT, pageMeta, useLocale, useT } from '../ui/i18n'
import { HIDE_REASON_MAX, ModerationSchema } from '../verdict/comment-schema'
import { moderateComment, moderationQueue, type QueuedComment } from '../verdict/comment.server'
import { DecisionError, replyFor, typed, type DecisionReply } from '../verdict/decision-queue'

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, metaT(matches)('verdict.moderation.title'))

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, 'coordinator')
  return { queue: await moderationQueue(await getDb()) }
}

export const action = /* @__PURE__ */ formAction(async ({ request, form }) => {
  await requireStaff(request, 'coordinator')
  const submission = parseWithZod(form, { schema: ModerationSchema })
  if (submission.status !== 'success')
    return data(
      { result: submission.reply({ formErrors: [message('verdict.moderation.reasonRequired')] }) },
      { status: 400 },
    )
  const v = submission.value
  const done = await moderateComment(
    await getDb(),
    v.commentId,
    v.intent === 'hide' ? { action: 'hide', reason: v.reason } : { action: v.intent },
  )
  if (!done) throw new DomainError(409, 'verdict.moderation.stale')
  return { result: submission.reply({ resetForm: true }) }
})

function QueueItem({ c, reply }: { c: QueuedComment; reply: DecisionReply }) {
  const t = useT()
  const locale = useLocale()
  const mine = replyFor(reply, 'commentId', c.id)
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
      <DecisionError result={mine} id={errorId} />
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
                defaultValue={typed(mine, 'reason')}
                aria-invalid={mine ? true : undefined}
                aria-describedby={mine ? errorId : undefined}
              />
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
  const reply = useActionData<typeof action>()
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
            {t(`verdict.moderation.${key}`)} ({items.length})
          </h2>
          {items.length === 0 ? (
            <p>{t('verdict.moderation.none')}</p>
          ) : (
            <ul className="card-list">
              {items.map((c) => (
                <QueueItem key={c.id} c={c} reply={reply} />
              ))}
            </ul>
          )}
        </section>
      ))}
    </section>
  )
}
