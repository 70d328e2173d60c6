import type { SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import type { ReactNode } from 'react'
import { ErrorList } from '../ui/forms'

/** What a staff decision form's action sends back: conform's result, naming the item decided. */
export type DecisionReply = { result: SubmissionResult<string[]> } | undefined

/** The refused result of this item's form, when the last post was about this item. */
export function replyFor(
  reply: DecisionReply,
  idField: string,
  id: number,
): SubmissionResult<string[]> | null {
  const result = reply?.result
  return result?.status === 'error' && result.initialValue?.[idField] === String(id) ? result : null
}

/** What the user typed into a refused form, given back so nothing is lost. */
export function typed(result: SubmissionResult<string[]> | null, name: string): string {
  const value = result?.initialValue?.[name]
  return typeof value === 'string' ? value : ''
}

/** Why this item's decision was refused (a stale item, a missing note). */
export function DecisionError({
  result,
  id,
}: {
  result: SubmissionResult<string[]> | null
  id?: string
}) {
  const errors = result?.error?.['']
  if (!errors?.length) return null
  return (
    <div role="alert">
      <ErrorList id={id} errors={errors} />
    </div>
  )
}

/** A decision page's heading, what it is for, and the notice after a decision. */
export function DecisionHeader({
  title,
  lead,
  notice,
}: {
  title: string
  lead: string
  notice: string | null
}) {
  return (
    <>
      <h1>{title}</h1>
      <p className="muted">{lead}</p>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
    </>
  )
}

export interface OpenItem {
  id: number
  dutyId: number
  title: string
  /** The line under the title: unit, date, rating level. */
  meta: ReactNode
  /** The reasons to weigh. */
  reasons: ReactNode
}

/**
 * The coordinator's queue of open items (复核 reviews, 申诉 appeals): each with its reasons and
 * one form that decides it with a note, by one of two buttons (the first is the main one).
 */
export function DecisionQueue({
  items,
  idField,
  none,
  reply,
  noteLabel,
  decisions,
  fields,
}: {
  items: OpenItem[]
  idField: string
  none: string
  reply: DecisionReply
  noteLabel: string
  decisions: [{ intent: string; label: string }, { intent: string; label: string }]
  /** Fields before the note, such as a reopened duty's new deadline. */
  fields?: (id: number) => ReactNode
}) {
  if (items.length === 0) return <p>{none}</p>
  return (
    <ul className="card-list">
      {items.map((item) => {
        const mine = replyFor(reply, idField, item.id)
        return (
          <li key={item.id} className="card">
            <h2>
              <a href={`/duties/${item.dutyId}`}>{item.title}</a>
            </h2>
            <p className="feed__meta">{item.meta}</p>
            {item.reasons}
            <DecisionError result={mine} />
            <Form method="post" className="form">
              <input type="hidden" name={idField} value={item.id} />
              {fields?.(item.id)}
              <div className="field">
                <label htmlFor={`note-${item.id}`}>{noteLabel}</label>
                <textarea
                  id={`note-${item.id}`}
                  name="note"
                  rows={2}
                  maxLength={500}
                  defaultValue={typed(mine, 'note')}
                />
              </div>
              <div className="actions">
                {decisions.map((d, i) => (
                  <button
                    key={d.intent}
                    type="submit"
                    name="intent"
                    value={d.intent}
                    className={i === 0 ? 'button' : 'button button--secondary'}
                  >
                    {d.label}
                  </button>
                ))}
              </div>
            </Form>
          </li>
        )
      })}
    </ul>
  )
}
