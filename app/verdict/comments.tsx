import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { Form } from '@remix-run/react'
import { formatDate, formatDateTime } from '../platform/i18n'
import { useLocale, useT } from '../ui/i18n'
import { FormErrors, TextareaField, validationTiming } from '../ui/forms'
import { COMMENT_MAX, CommentSchema } from './comment-schema'

/** A comment as loaders send it (dates as strings after serialisation). */
export interface CommentItem {
  id: number
  body: string | null
  author: string
  official: boolean
  status: string
  hiddenReason: string | null
  moderatedAt: string | Date | null
  createdAt: string | Date
  awaiting: boolean
  replies: CommentItem[]
}

export interface Viewer {
  verified: boolean
  name: string | null
  /** Unit staff of the duty's own unit may answer officially. */
  canAnswer: boolean
}

function CommentBody({ c }: { c: CommentItem }) {
  const t = useT()
  const locale = useLocale()
  if (c.status === 'hidden') {
    return (
      <p className="comment__removed">
        {t('verdict.comments.removed', {
          date: c.moderatedAt ? formatDate(new Date(c.moderatedAt), locale) : '',
          reason: c.hiddenReason ?? '',
        })}
      </p>
    )
  }
  return <p className="prewrap">{c.body}</p>
}

function CommentView({
  c,
  viewer,
  returnTo,
  reply,
}: {
  c: CommentItem
  viewer: Viewer
  returnTo: string
  reply: boolean
}) {
  const t = useT()
  const locale = useLocale()
  return (
    <article className={`comment${c.official ? ' comment--official' : ''}`} id={`comment-${c.id}`}>
      <p className="feed__meta">
        <strong>{c.author}</strong>{' '}
        {c.official ? (
          <span className="badge badge--ok">{t('verdict.comments.official')}</span>
        ) : null}{' '}
        <time dateTime={new Date(c.createdAt).toISOString()}>
          {formatDateTime(new Date(c.createdAt), locale)}
        </time>
        {c.awaiting ? (
          <>
            {' '}
            <span className="badge badge--warn">{t('verdict.comments.awaiting')}</span>
          </>
        ) : null}
      </p>
      <CommentBody c={c} />
      {c.status === 'published' ? (
        <div className="comment__actions">
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="flag" />
            <input type="hidden" name="commentId" value={c.id} />
            <button
              type="submit"
              className="link-button"
              aria-label={t('verdict.comments.flagLabel', { author: c.author })}
            >
              {t('verdict.comments.flag')}
            </button>
          </Form>
          {reply && (viewer.verified || viewer.canAnswer) ? (
            <details className="comment__reply">
              <summary>{t('verdict.comments.reply')}</summary>
              <Form method="post" className="form">
                <input
                  type="hidden"
                  name="intent"
                  value={viewer.canAnswer ? 'official' : 'comment'}
                />
                <input type="hidden" name="parentId" value={c.id} />
                <div className="field">
                  <label htmlFor={`reply-${c.id}`}>
                    {t('verdict.comments.replyTo', { author: c.author })}
                  </label>
                  <textarea
                    id={`reply-${c.id}`}
                    name="body"
                    rows={3}
                    required
                    maxLength={COMMENT_MAX}
                  />
                </div>
                <div>
                  <button type="submit" className="button button--secondary">
                    {t('verdict.comments.sendReply')}
                  </button>
                </div>
              </Form>
            </details>
          ) : null}
        </div>
      ) : null}
      {c.replies.length ? (
        <ol className="comment__replies">
          {c.replies.map((r) => (
            <li key={r.id}>
              <CommentView c={r} viewer={viewer} returnTo={returnTo} reply={false} />
            </li>
          ))}
        </ol>
      ) : null}
    </article>
  )
}

/** Comments of a duty or a report: the thread, then the form (or the way to verify). */
export function Comments({
  comments,
  viewer,
  returnTo,
  lastResult,
  moderation,
}: {
  comments: CommentItem[]
  viewer: Viewer
  returnTo: string
  lastResult?: SubmissionResult<string[]>
  moderation: 'pre' | 'post'
}) {
  const t = useT()
  const [form, fields] = useForm({
    id: 'comment-form',
    lastResult,
    constraint: getZodConstraint(CommentSchema),
    ...validationTiming,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CommentSchema }),
  })
  return (
    <section aria-labelledby="comments-heading" id="comments">
      <h2 id="comments-heading">{t('verdict.comments.heading', { count: comments.length })}</h2>
      {comments.length === 0 ? <p>{t('verdict.comments.empty')}</p> : null}
      <ol className="comments">
        {comments.map((c) => (
          <li key={c.id}>
            <CommentView c={c} viewer={viewer} returnTo={returnTo} reply />
          </li>
        ))}
      </ol>
      {viewer.verified || viewer.canAnswer ? (
        <Form method="post" className="form" {...getFormProps(form)}>
          <FormErrors form={form} />
          <input type="hidden" name="intent" value={viewer.canAnswer ? 'official' : 'comment'} />
          <TextareaField
            field={fields.body}
            label={
              viewer.canAnswer ? t('verdict.comments.officialLabel') : t('verdict.comments.label')
            }
            hint={
              viewer.canAnswer
                ? t('verdict.comments.officialHint')
                : t(
                    moderation === 'pre' ? 'verdict.comments.hintPre' : 'verdict.comments.hintPost',
                    {
                      max: COMMENT_MAX,
                    },
                  )
            }
            rows={4}
          />
          <div>
            <button type="submit" className="button">
              {viewer.canAnswer ? t('verdict.comments.sendOfficial') : t('verdict.comments.send')}
            </button>
          </div>
        </Form>
      ) : (
        <p className="notice">
          {t('verdict.comments.verifyFirst')}{' '}
          <a href={`/verify?redirectTo=${encodeURIComponent(returnTo)}`}>
            {t('verdict.verifyLink')}
          </a>
        </p>
      )}
    </section>
  )
}
