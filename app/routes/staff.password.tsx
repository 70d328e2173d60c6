import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData } from '@remix-run/react'
import { getDb } from '../platform/db.server'
import { formAction } from '../platform/http.server'
import { readCookie } from '../platform/session.server'
import { requireStaff, STAFF_COOKIE } from '../staff/auth.server'
import { PasswordSchema } from '../staff/password-schema'
import { changeStaffPassword } from '../staff/staff.server'
import { FormErrors, TextField, validationTiming } from '../ui/forms'
import { metaT, pageMeta, useT } from '../ui/i18n'

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, metaT(matches)('auth.password.title'))

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request)
  return null
}

interface PasswordAnswer {
  result: SubmissionResult<string[]>
  done?: boolean
}

// No password typed here is ever sent back to the browser.
const hideFields = ['current', 'next', 'confirm']

export const action = /* @__PURE__ */ formAction(async ({ request, form }) => {
  const staff = await requireStaff(request)
  const submission = parseWithZod(form, { schema: PasswordSchema })
  if (submission.status !== 'success')
    return { result: submission.reply({ hideFields }), done: false }
  const changed = await changeStaffPassword(await getDb(), staff.id, {
    current: submission.value.current,
    next: submission.value.next,
    keepSessionToken: readCookie(request, STAFF_COOKIE),
  })
  if (!changed.ok) {
    const errors = changed.field
      ? { fieldErrors: { [changed.field]: [changed.message] } }
      : { formErrors: [changed.message] }
    return { result: submission.reply({ ...errors, hideFields }), done: false }
  }
  return { result: submission.reply({ resetForm: true }), done: true }
})

export default function ChangePassword() {
  const t = useT()
  const answer: PasswordAnswer | undefined = useActionData<typeof action>()
  const [form, fields] = useForm({
    lastResult: answer?.result,
    constraint: getZodConstraint(PasswordSchema),
    ...validationTiming,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PasswordSchema }),
  })
  return (
    <section>
      <h1>{t('auth.password.title')}</h1>
      {answer?.done ? (
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
