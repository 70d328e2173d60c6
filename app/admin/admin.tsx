import type { SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useT } from '../ui/i18n'

/** A tree level shown in a list or an option: two spaces of indent per level. */
export function indented(depth: number, name: string): string {
  return `${'\u3000'.repeat(depth)}${name}`
}

/** The "saved" line after a change (the action redirects with ?saved=…). */
export function SavedNotice({ children }: { children: ReactNode }) {
  return (
    <p className="notice" role="status">
      {children}
    </p>
  )
}

/** Heading of the form: "Add …", or "Editing: …" with a way back to adding. */
export function FormHeading({
  id,
  title,
  editing,
  cancelTo,
}: {
  id: string
  title: string
  editing?: string | null
  cancelTo: string
}) {
  const t = useT()
  return (
    <>
      <h2 id={id}>{editing ? t('admin.common.editing', { name: editing }) : title}</h2>
      {editing ? (
        <p>
          <a href={cancelTo}>{t('admin.common.cancel')}</a>
        </p>
      ) : null}
    </>
  )
}

/** A one-button form for a row action (works without JavaScript). */
export function RowAction({
  intent,
  id,
  label,
  children,
}: {
  intent: string
  id: number
  label: string
  children: ReactNode
}) {
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="id" value={id} />
      <button type="submit" className="button button--secondary" aria-label={label}>
        {children}
      </button>
    </Form>
  )
}

/** What an admin action answers with data(…, { status }); at run time the hook gets the data itself. */
export type AdminReply<T = object> = ({ result?: SubmissionResult<string[]> } & T) | undefined
