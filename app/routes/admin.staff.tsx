import type { MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import {
  AdminForm,
  AdminPage,
  EditLink,
  RowAction,
  SavedNotice,
  useAdminForm,
} from '../admin/admin'
import { STAFF_ROLES } from '../admin/admin-options'
import {
  adminAction,
  adminLoader,
  editedRow,
  rowAction,
  submitForm,
  type AdminAnswer,
} from '../admin/admin-route.server'
import {
  STAFF_ROW_ACTIONS,
  StaffAccountSchema,
  type StaffRowAction,
} from '../admin/staff-account-schema'
import {
  changeStaffAccount,
  saveStaffAccount,
  staffAccountsWithUnits,
} from '../admin/staff-accounts.server'
import { indented } from '../admin/tree'
import { SelectField, TextField } from '../ui/forms'
import { metaT, pageMeta, useLocale, useT } from '../ui/i18n'

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, metaT(matches)('admin.staff.title'))

export const loader = /* @__PURE__ */ adminLoader(async (db, url) => {
  const { accounts, units } = await staffAccountsWithUnits(db)
  return { accounts, units, now: Date.now(), editing: editedRow(accounts, url) }
})

/** A one-time password is shown once, in the answer; it is never stored readable. */
interface OneTimePassword {
  email: string
  password: string
}

interface StaffAnswer extends AdminAnswer {
  created?: OneTimePassword
  reset?: OneTimePassword
  done?: StaffRowAction
}

export const action = /* @__PURE__ */ adminAction(async ({ staff, db, form }) => {
  const intent = STAFF_ROW_ACTIONS.find((a) => a === form.get('intent'))
  if (intent)
    return rowAction(form, async (targetId): Promise<StaffAnswer> => {
      const { email, password } = await changeStaffAccount(db, staff.id, targetId, intent)
      return { intent, done: intent, reset: password ? { email, password } : undefined }
    })
  return submitForm(
    form,
    StaffAccountSchema,
    (account) => saveStaffAccount(db, staff.id, account),
    ({ id, email, password }, { intent, reply }): StaffAnswer | Response =>
      password
        ? { intent, result: reply({ resetForm: true }), created: { email, password } }
        : redirect(`/admin/staff?saved=${id}`),
  )
})

function OneTimePasswordNotice({ lead, password }: { lead: string; password: string }) {
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
  const { accounts, units, now, editing } = useLoaderData<typeof loader>()
  const answer: StaffAnswer | undefined = useActionData<typeof action>()
  const [form, fields] = useAdminForm(StaffAccountSchema, {
    id: `staff-account-${editing?.id ?? 'new'}`,
    lastResult: answer?.result,
    defaultValue: editing
      ? {
          name: editing.name,
          email: editing.email,
          role: editing.role,
          unitId: editing.unitId ? String(editing.unitId) : '',
        }
      : undefined,
  })
  const doneMessage = {
    disable: t('admin.staff.disabled'),
    enable: t('admin.staff.enabled'),
    signOut: t('admin.staff.signedOut'),
    reset: null,
  }
  const en = locale === 'en'
  return (
    <AdminPage
      title={t('admin.staff.title')}
      lead={t('admin.staff.lead')}
      notices={
        <>
          {answer?.created ? (
            <OneTimePasswordNotice
              lead={t('admin.staff.created', { email: answer.created.email })}
              password={answer.created.password}
            />
          ) : null}
          {answer?.reset ? (
            <OneTimePasswordNotice
              lead={t('admin.staff.reset', { email: answer.reset.email })}
              password={answer.reset.password}
            />
          ) : null}
          {answer?.done && doneMessage[answer.done] ? (
            <SavedNotice>{doneMessage[answer.done]}</SavedNotice>
          ) : null}
        </>
      }
      rowErrors={answer?.rowErrors}
      rows={accounts}
      columns={[
        {
          header: t('admin.fields.staffName'),
          cell: (a) => (
            <>
              {a.name}
              <br />
              <span className="muted">{a.email}</span>
            </>
          ),
        },
        {
          header: t('admin.fields.role'),
          cell: (a) => (
            <>
              {t(`auth.roles.${a.role}`)}
              {a.unitName ? (
                <>
                  <br />
                  <span className="muted">{en ? a.unitNameEn : a.unitName}</span>
                </>
              ) : null}
            </>
          ),
        },
        {
          header: t('admin.fields.status'),
          cell: (a) => {
            const locked = a.lockedUntil && new Date(a.lockedUntil).getTime() > now
            return t(
              `admin.staff.state.${a.disabledAt ? 'disabled' : locked ? 'locked' : 'active'}`,
            )
          },
        },
      ]}
      rowActionsClassName="row-actions"
      rowActions={(a) => (
        <>
          <EditLink
            id={a.id}
            label={t('admin.staff.actionLabel', { action: t('admin.common.edit'), name: a.name })}
          />
          {([a.disabledAt ? 'enable' : 'disable', 'reset', 'signOut'] as const).map((act) => {
            const text = t(act === 'reset' ? 'admin.staff.resetPassword' : `admin.staff.${act}`)
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
        </>
      )}
    >
      <AdminForm
        form={form}
        headingId="staff-form"
        title={t('admin.staff.new')}
        editing={editing ? { id: editing.id, name: editing.name } : null}
        intent="save"
      >
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
      </AdminForm>
    </AdminPage>
  )
}
