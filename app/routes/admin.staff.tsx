import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { FormHeading, indented, RowAction, SavedNotice, type AdminReply } from '../admin/admin'
import { ErrorList, FormErrors, SelectField, TextField } from '../ui/forms'
import { getDb } from '../platform/db.server'
import {
  adminAction,
  changeStaffAccount,
  createStaffAccount,
  listStaffAccounts,
  listUnits,
  replyErrors,
  requireAdminReader,
  type StaffAction,
  updateStaffAccount,
} from '../admin/admin.server'
import { STAFF_ROLES } from '../admin/admin-options'
import { metaT, pageMeta, useLocale, useT } from '../ui/i18n'
import { id, message, text } from '../platform/validation'
import { useCanEdit } from './admin'

const StaffSchema = z
  .object({
    id: id.optional(),
    email: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim().toLowerCase() || undefined : v),
      z.string().email().max(200),
    ),
    name: text(2, 40),
    role: z.enum(STAFF_ROLES),
    unitId: id.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.role === 'unit_staff' && !v.unitId)
      ctx.addIssue({
        code: 'custom',
        path: ['unitId'],
        message: message('admin.errors.unitForRole'),
      })
    if (v.role !== 'unit_staff' && v.unitId)
      ctx.addIssue({
        code: 'custom',
        path: ['unitId'],
        message: message('admin.errors.unitOnlyForUnitStaff'),
      })
  })

const rowActions = ['disable', 'enable', 'reset', 'signOut'] as const satisfies StaffAction[]

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, metaT(matches)('admin.staff.title'))

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdminReader(request)
  const db = await getDb()
  const [accounts, units] = await Promise.all([listStaffAccounts(db), listUnits(db)])
  const editId = Number(new URL(request.url).searchParams.get('edit'))
  return {
    accounts,
    units,
    now: Date.now(),
    editing: accounts.find((a) => a.id === editId) ?? null,
  }
}

type StaffReply = AdminReply<{
  created?: { email: string; password: string }
  reset?: { email: string; password: string }
  done?: StaffAction
  rowErrors?: string[]
}>

export async function action({ request }: ActionFunctionArgs) {
  const { staff, form, db } = await adminAction(request)
  const intent = form.get('intent')
  const rowAction = rowActions.find((a) => a === intent)
  if (rowAction) {
    const targetId = id.safeParse(form.get('id'))
    if (!targetId.success) return data({ rowErrors: ['admin.errors.notFound'] }, { status: 404 })
    const changed = await changeStaffAccount(db, staff.id, targetId.data, rowAction)
    if (!changed.ok)
      return data({ rowErrors: Object.values(changed.errors).flat() }, { status: 400 })
    const target = await db
      .selectFrom('staff_users')
      .select('email')
      .where('id', '=', targetId.data)
      .executeTakeFirstOrThrow()
    return {
      done: rowAction,
      reset: changed.value.password
        ? { email: target.email, password: changed.value.password }
        : undefined,
    }
  }
  const submission = parseWithZod(form, { schema: StaffSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  if (submission.value.id) {
    const updated = await updateStaffAccount(db, staff.id, submission.value.id, submission.value)
    if (!updated.ok)
      return data({ result: submission.reply(replyErrors(updated.errors)) }, { status: 400 })
    return redirect(`/admin/staff?saved=${updated.value.id}`)
  }
  const created = await createStaffAccount(db, staff.id, submission.value)
  if (!created.ok)
    return data({ result: submission.reply(replyErrors(created.errors)) }, { status: 400 })
  return {
    result: submission.reply({ resetForm: true }),
    created: { email: created.value.email, password: created.value.password },
  }
}

function OneTimePassword({ lead, password }: { lead: string; password: string }) {
  const t = useT()
  return (
    <div className="notice one-time-password" role="status">
      <p>{lead}</p>
      <p>
        {t('admin.staff.passwordOnce')} <code>{password}</code>
      </p>
    </div>
  )
}

export default function AdminStaff() {
  const t = useT()
  const locale = useLocale()
  const canEdit = useCanEdit()
  const { accounts, units, now, editing } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as StaffReply
  const [params] = useSearchParams()
  const [form, fields] = useForm({
    id: `staff-account-${editing?.id ?? 'new'}`,
    defaultValue: editing
      ? {
          name: editing.name,
          email: editing.email,
          role: editing.role,
          unitId: editing.unitId ? String(editing.unitId) : '',
        }
      : undefined,
    lastResult: actionData?.result,
    constraint: getZodConstraint(StaffSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: StaffSchema }),
  })
  const doneMessage = {
    disable: t('admin.staff.disabled'),
    enable: t('admin.staff.enabled'),
    signOut: t('admin.staff.signedOut'),
    reset: null,
  }
  const en = locale === 'en'
  return (
    <section>
      <h1>{t('admin.staff.title')}</h1>
      <p className="muted">{t('admin.staff.lead')}</p>
      {params.get('saved') ? <SavedNotice>{t('admin.common.saved')}</SavedNotice> : null}
      {actionData?.created ? (
        <OneTimePassword
          lead={t('admin.staff.created', { email: actionData.created.email })}
          password={actionData.created.password}
        />
      ) : null}
      {actionData?.reset ? (
        <OneTimePassword
          lead={t('admin.staff.reset', { email: actionData.reset.email })}
          password={actionData.reset.password}
        />
      ) : null}
      {actionData?.done && doneMessage[actionData.done] ? (
        <SavedNotice>{doneMessage[actionData.done]}</SavedNotice>
      ) : null}
      {actionData?.rowErrors ? (
        <div className="form-errors" role="alert">
          <ErrorList errors={actionData.rowErrors} />
        </div>
      ) : null}
      <div className="table-wrap">
        <table className="table">
          <caption>{t('admin.common.count', { count: accounts.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.fields.staffName')}</th>
              <th scope="col">{t('admin.fields.role')}</th>
              <th scope="col">{t('admin.fields.status')}</th>
              {canEdit ? <th scope="col">{t('admin.common.actions')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => {
              const locked = a.lockedUntil && new Date(a.lockedUntil).getTime() > now
              const state = a.disabledAt ? 'disabled' : locked ? 'locked' : 'active'
              return (
                <tr key={a.id}>
                  <td>
                    {a.name}
                    <br />
                    <span className="muted">{a.email}</span>
                  </td>
                  <td>
                    {t(`auth.roles.${a.role}`)}
                    {a.unitName ? (
                      <>
                        <br />
                        <span className="muted">{en ? a.unitNameEn : a.unitName}</span>
                      </>
                    ) : null}
                  </td>
                  <td>{t(`admin.staff.state.${state}`)}</td>
                  {canEdit ? (
                    <td className="row-actions">
                      <a
                        href={`?edit=${a.id}`}
                        aria-label={t('admin.staff.actionLabel', {
                          action: t('admin.common.edit'),
                          name: a.name,
                        })}
                      >
                        {t('admin.common.edit')}
                      </a>
                      {(
                        [
                          a.disabledAt ? 'enable' : 'disable',
                          'reset',
                          'signOut',
                        ] as const satisfies StaffAction[]
                      ).map((act) => {
                        const text = t(
                          act === 'reset' ? 'admin.staff.resetPassword' : `admin.staff.${act}`,
                        )
                        return (
                          <RowAction
                            key={act}
                            intent={act}
                            id={a.id}
                            label={t('admin.staff.actionLabel', { action: text, name: a.name })}
                          >
                            {text}
                          </RowAction>
                        )
                      })}
                    </td>
                  ) : null}
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      {canEdit ? (
        <Form method="post" className="form" {...getFormProps(form)} aria-labelledby="staff-form">
          <FormHeading
            id="staff-form"
            title={t('admin.staff.new')}
            editing={editing?.name}
            cancelTo="/admin/staff"
          />
          <FormErrors form={form} />
          <input type="hidden" name="intent" value="save" />
          {editing ? <input type="hidden" name="id" value={editing.id} /> : null}
          <TextField field={fields.name} label={t('admin.fields.staffName')} autoComplete="off" />
          <TextField
            field={fields.email}
            label={t('admin.fields.email')}
            type="email"
            autoComplete="off"
          />
          <SelectField
            field={fields.role}
            label={t('admin.fields.role')}
            placeholder=""
            options={STAFF_ROLES.map((r) => ({ value: r, label: t(`auth.roles.${r}`) }))}
          />
          <SelectField
            field={fields.unitId}
            label={t('admin.fields.unit')}
            hint={t('admin.fields.unitHint')}
            placeholder={t('admin.common.none')}
            options={units.map((u) => ({
              value: u.id,
              label: indented(u.depth, en ? u.nameEn : u.name),
            }))}
          />
          <div>
            <button type="submit" className="button">
              {editing ? t('admin.common.save') : t('admin.common.create')}
            </button>
          </div>
        </Form>
      ) : null}
    </section>
  )
}
