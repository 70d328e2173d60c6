import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData } from '@remix-run/react'
import { z } from 'zod'
import { FormErrors, TextField } from '../ui/forms'
import { getDb } from '../platform/db.server'
import { getEnv } from '../platform/env.server'
import { changeStaffPassword } from '../staff/staff.server'
import { requireStaff, STAFF_COOKIE } from '../staff/auth.server'
import { requireSameOrigin, readForm } from '../platform/http.server'
import { metaT, pageMeta, useT } from '../ui/i18n'
import { consume } from '../platform/rate-limit.server'
import { readCookie } from '../platform/session.server'
import { message, text } from '../platform/validation'

const PasswordSchema = z
  .object({ current: text(1, 200), next: text(10, 200), confirm: text(1, 200) })
  .refine((v) => v.next === v.confirm, {
    path: ['confirm'],
    message: message('auth.password.mismatch'),
  })

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, metaT(matches)('auth.password.title'))

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request)
  return null
}

export async function action({ request }: ActionFunctionArgs) {
  requireSameOrigin(request, getEnv().PUBLIC_URL)
  const staff = await requireStaff(request)
  const submission = parseWithZod(await readForm(request), { schema: PasswordSchema })
  const hide = ['current', 'next', 'confirm']
  if (submission.status !== 'success')
    return { result: submission.reply({ hideFields: hide }), done: false }
  const limit = await consume('passwordByStaff', String(staff.id))
  if (!limit.ok) {
    return {
      result: submission.reply({
        formErrors: [
          message('auth.password.tooMany', { minutes: Math.ceil(limit.retryAfter / 60) }),
        ],
        hideFields: hide,
      }),
      done: false,
    }
  }
  const changed = await changeStaffPassword(
    await getDb(),
    staff.id,
    submission.value.current,
    submission.value.next,
    readCookie(request, STAFF_COOKIE),
  )
  if (!changed) {
    return {
      result: submission.reply({
        fieldErrors: { current: [message('auth.password.wrongCurrent')] },
        hideFields: hide,
      }),
      done: false,
    }
  }
  return { result: submission.reply({ resetForm: true }), done: true }
}

export default function ChangePassword() {
  const t = useT()
  const data = useActionData<typeof action>()
  const [form, fields] = useForm({
    lastResult: data?.result,
    constraint: getZodConstraint(PasswordSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PasswordSchema }),
  })
  return (
    <section>
      <h1>{t('auth.password.title')}</h1>
      {data?.done ? (
        <p className="notice" role="status">
          {t('auth.password.done')}
        </p>
      ) : null}
      <Form method="post" className="form" {...getFormProps(form)}>
        <FormErrors form={form} />
        <TextField
          field={fields.current}
          label={t('auth.password.current')}
          type="password"
          autoComplete="current-password"
        />
        <TextField
          field={fields.next}
          label={t('auth.password.next')}
          hint={t('auth.password.nextHint')}
          type="password"
          autoComplete="new-password"
        />
        <TextField
          field={fields.confirm}
          label={t('auth.password.confirm')}
          type="password"
          autoComplete="new-password"
        />
        <div>
          <button type="submit" className="button">
            {t('auth.password.submit')}
          </button>
        </div>
      </Form>
    </section>
  )
}
