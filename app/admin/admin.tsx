import {
  getFormProps,
  useForm,
  type DefaultValue,
  type FormMetadata,
  type SubmissionResult,
} from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { Form, useLocation, useRouteLoaderData, useSearchParams } from '@remix-run/react'
import type { ReactNode } from 'react'
import type { z } from 'zod'
import { ErrorList, FormErrors, validationTiming } from '../ui/forms'
import { useT } from '../ui/i18n'

/**
 * The parts every admin page is made of: a list table with row actions, the create/edit form
 * below it (both only for those who may edit), and the notices after a change. A page declares
 * its columns and fields; these place them, with the same headings, labels and notices.
 */

/** What the admin layout route tells its pages. */
export interface AdminLayoutData {
  canEdit: boolean
}

/** Whether the visitor may change what the admin pages show (admins) or only read (coordinator). */
export function useCanEdit(): boolean {
  return useRouteLoaderData<AdminLayoutData>('routes/admin')?.canEdit ?? false
}

/** The "saved" line after a change (the action redirects with ?saved=…). */
export function SavedNotice({ children }: { children: ReactNode }) {
  return (
    <p className="notice" role="status">
      {children}
    </p>
  )
}

export interface Column<Row> {
  header: string
  cell: (row: Row) => ReactNode
}

/**
 * An admin page: title and lead, the notices after a change, the rows as a table (with each
 * row's actions for those who may edit), then the form (`children`), for them too.
 */
export function AdminPage<Row extends { id: number }>({
  title,
  lead,
  notices,
  rowErrors,
  rows,
  columns,
  rowActions,
  rowActionsClassName,
  empty,
  children,
}: {
  title: string
  lead: string
  /** Further notices, shown after the "saved" one. */
  notices?: ReactNode
  /** A row action's refusal: the row has no form of its own to show it in. */
  rowErrors?: string[]
  rows: Row[]
  columns: Column<Row>[]
  rowActions: (row: Row) => ReactNode
  rowActionsClassName?: string
  /** Shown instead of an empty table. */
  empty?: string
  children: ReactNode
}) {
  const t = useT()
  const canEdit = useCanEdit()
  const [params] = useSearchParams()
  return (
    <section>
      <h1>{title}</h1>
      <p className="muted">{lead}</p>
      {params.get('saved') ? <SavedNotice>{t('admin.common.saved')}</SavedNotice> : null}
      {notices}
      {rowErrors?.length ? (
        <div className="form-errors" role="alert">
          <ErrorList errors={rowErrors} />
        </div>
      ) : null}
      {empty && rows.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption>{t('admin.common.count', { count: rows.length })}</caption>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c.header} scope="col">
                    {c.header}
                  </th>
                ))}
                {canEdit ? <th scope="col">{t('admin.common.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  {columns.map((c) => (
                    <td key={c.header}>{c.cell(row)}</td>
                  ))}
                  {canEdit ? <td className={rowActionsClassName}>{rowActions(row)}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canEdit ? children : null}
    </section>
  )
}

/** The row's link to edit it in the form below (?edit=id). */
export function EditLink({ id, label }: { id: number; label: string }) {
  const t = useT()
  return (
    <a href={`?edit=${id}`} aria-label={label}>
      {t('admin.common.edit')}
    </a>
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

/** The page's form, checked in the browser with the schema that the action checks again. */
export function useAdminForm<Schema extends z.ZodType<Record<string, unknown>>>(
  schema: Schema,
  options: {
    id?: string
    lastResult?: SubmissionResult<string[]>
    defaultValue?: DefaultValue<z.input<Schema>>
  },
) {
  return useForm<z.input<Schema>, z.output<Schema>>({
    id: options.id,
    lastResult: options.lastResult,
    defaultValue: options.defaultValue,
    constraint: getZodConstraint(schema),
    ...validationTiming,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  })
}

/**
 * "Add …", or "Editing: …" with a way back to adding; the fields (`children`); and a button
 * that creates or saves.
 */
export function AdminForm<Schema extends Record<string, unknown>>({
  form,
  headingId,
  title,
  editing,
  intent,
  submitLabel,
  children,
}: {
  form: FormMetadata<Schema, string[]>
  headingId: string
  title: string
  /** The row being edited: its id goes along with the form, its name heads it. */
  editing?: { id: number; name: string } | null
  intent?: string
  submitLabel?: string
  children: ReactNode
}) {
  const t = useT()
  const { pathname } = useLocation()
  return (
    <Form method="post" className="form" {...getFormProps(form)} aria-labelledby={headingId}>
      <h2 id={headingId}>{editing ? t('admin.common.editing', { name: editing.name }) : title}</h2>
      {editing ? (
        <p>
          <a href={pathname}>{t('admin.common.cancel')}</a>
        </p>
      ) : null}
      <FormErrors form={form} />
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      {editing ? <input type="hidden" name="id" value={editing.id} /> : null}
      {children}
      <div>
        <button type="submit" className="button">
          {submitLabel ?? (editing ? t('admin.common.save') : t('admin.common.create'))}
        </button>
      </div>
    </Form>
  )
}

/**
 * Kept for the duty-sheet import page's cast until it reads its action data typed; the admin
 * pages type theirs with `AdminAnswer`.
 */
export type AdminReply<T = object> = ({ result?: SubmissionResult<string[]> } & T) | undefined
