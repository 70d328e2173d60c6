import type { SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type LoaderFunctionArgs } from '@remix-run/node'
import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { Database } from '../../db/schema'
import { getDb } from '../platform/db.server'
import { DomainError } from '../platform/errors'
import { formAction } from '../platform/http.server'
import { id } from '../platform/validation'
import { message } from '../platform/text'
import { requireStaff } from '../staff/auth.server'
import type { Staff } from '../staff/staff.server'
import { FieldRefusal } from './admin-change.server'

/**
 * The request side of the admin pages, shared by all of them: who may read and change, and the
 * loader/action plumbing around the domain modules (units.server.ts and its neighbours).
 */

/** Admins change the admin pages; the coordinator may read them (decision 012). */
export function requireAdminReader(request: Request): Promise<Staff> {
  return requireStaff(request, 'admin', 'coordinator')
}

/** What an admin form or row action answers when the page stays. */
export interface AdminAnswer {
  intent: string | null
  result?: SubmissionResult<string[]>
  rowErrors?: string[]
}

/** An admin page's loader: readers only; `read` gets the database and the page's address. */
export function adminLoader<T>(read: (db: Kysely<Database>, url: URL) => Promise<T>) {
  return async ({ request }: LoaderFunctionArgs): Promise<T> => {
    await requireAdminReader(request)
    return read(await getDb(), new URL(request.url))
  }
}

/** The row that `?edit=id` names, if it is in the list. */
export function editedRow<T extends { id: number }>(rows: T[], url: URL): T | null {
  const editId = Number(url.searchParams.get('edit'))
  return rows.find((row) => row.id === editId) ?? null
}

/** An admin page's action: through formAction (same site, size cap), for an admin only. */
export function adminAction<T>(
  handler: (args: { staff: Staff; db: Kysely<Database>; form: FormData }) => Promise<T>,
  options: { maxBytes?: number } = {},
) {
  return formAction(async ({ request, form }) => {
    const staff = await requireStaff(request, 'admin')
    return handler({ staff, db: await getDb(), form })
  }, options)
}

function intentOf(form: FormData): string | null {
  const intent = form.get('intent')
  return typeof intent === 'string' ? intent : null
}

/**
 * A create/edit form: parsed with its schema, then saved; `answer` says what follows. On a
 * refusal what was typed comes back with the message, beside its field when it names one.
 */
export async function submitForm<Schema extends z.ZodTypeAny, Saved, Answer>(
  form: FormData,
  schema: Schema,
  save: (value: z.output<Schema>) => Promise<Saved>,
  answer: (
    saved: Saved,
    form: {
      intent: string | null
      reply: (options?: { resetForm?: boolean }) => SubmissionResult<string[]>
    },
  ) => Answer,
) {
  const intent = intentOf(form)
  const submission = parseWithZod(form, { schema })
  if (submission.status !== 'success')
    return data<AdminAnswer>({ intent, result: submission.reply() }, { status: 400 })
  try {
    return answer(await save(submission.value), {
      intent,
      reply: (options) => submission.reply(options),
    })
  } catch (error) {
    if (!(error instanceof FieldRefusal)) throw error
    const fieldErrors = Object.fromEntries(
      Object.entries(error.fields).map(([field, key]) => [field, [message(key)]]),
    )
    return data<AdminAnswer>(
      { intent, result: submission.reply({ fieldErrors }) },
      { status: error.status },
    )
  }
}

/** The usual admin action: save the form, then back to the list saying which row was saved. */
export function adminSaveAction<Schema extends z.ZodTypeAny>(
  schema: Schema,
  save: (db: Kysely<Database>, staffId: number, value: z.output<Schema>) => Promise<{ id: number }>,
  listPath: string,
) {
  return adminAction(({ staff, db, form }) =>
    submitForm(
      form,
      schema,
      (value) => save(db, staff.id, value),
      (saved) => redirect(`${listPath}?saved=${saved.id}`),
    ),
  )
}

/**
 * A one-button action on a list row, given the row's id. A refusal (the row is gone, or the
 * action not allowed) is answered with its status and shown above the list: a row has no form
 * to show it in, and a vanished row should not cost the operator the page.
 */
export async function rowAction<Answer>(form: FormData, run: (rowId: number) => Promise<Answer>) {
  const intent = intentOf(form)
  const rowId = id.safeParse(form.get('id'))
  if (!rowId.success)
    return data<AdminAnswer>(
      { intent, rowErrors: [message('admin.errors.notFound')] },
      { status: 404 },
    )
  try {
    return await run(rowId.data)
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
    return data<AdminAnswer>({ intent, rowErrors: [error.text] }, { status: error.status })
  }
}
