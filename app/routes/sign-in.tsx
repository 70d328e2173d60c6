import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { FormErrors, TextField } from '../ui/forms'
import { getDb } from '../platform/db.server'
import { getEnv } from '../platform/env.server'
import { createStaffSession, verifyStaffSignIn } from '../staff/staff.server'
import { getStaff, STAFF_COOKIE } from '../staff/auth.server'
import { requireSameOrigin, safeRedirectPath, readForm } from '../platform/http.server'
import { metaT, pageMeta, useT } from '../ui/i18n'
import { clientAddress, consume } from '../platform/rate-limit.server'
import { readCookie, sessionCookie } from '../platform/session.server'
import { message, text } from '../platform/validation'
import { STAFF_SESSION_DAYS } from '../staff/staff.server'

const SignInSchema = z.object({
  email: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
    z.string().email(),
  ),
  password: text(1, 200),
  redirectTo: z.string().optional(),
})

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, metaT(matches)('auth.signIn.title'))

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getStaff(request)) throw redirect('/staff')
  return null
}

export async function action({ request }: ActionFunctionArgs) {
  requireSameOrigin(request, getEnv().PUBLIC_URL)
  const formData = await readForm(request)
  const submission = parseWithZod(formData, { schema: SignInSchema })
  if (submission.status !== 'success') return submission.reply({ hideFields: ['password'] })

  const limit = await consume('signInByIp', clientAddress(request))
  if (!limit.ok) {
    return submission.reply({
      formErrors: [message('auth.signIn.tooMany', { minutes: Math.ceil(limit.retryAfter / 60) })],
      hideFields: ['password'],
    })
  }
  const db = await getDb()
  const result = await verifyStaffSignIn(db, submission.value.email, submission.value.password)
  if (!result.ok) {
    return submission.reply({
      formErrors: [
        message(result.reason === 'locked' ? 'auth.signIn.locked' : 'auth.signIn.invalid'),
      ],
      hideFields: ['password'],
    })
  }
  const token = await createStaffSession(db, result.staffId, readCookie(request, STAFF_COOKIE))
  return redirect(safeRedirectPath(submission.value.redirectTo, '/staff'), {
    headers: { 'Set-Cookie': sessionCookie(STAFF_COOKIE, token, STAFF_SESSION_DAYS * 86_400) },
  })
}

export default function SignIn() {
  const t = useT()
  const lastResult = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(SignInSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SignInSchema }),
  })
  return (
    <section>
      <h1>{t('auth.signIn.title')}</h1>
      <p className="muted">{t('auth.signIn.lead')}</p>
      <Form method="post" className="form" {...getFormProps(form)}>
        <FormErrors form={form} />
        <input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
        <TextField
          field={fields.email}
          label={t('auth.signIn.email')}
          type="email"
          autoComplete="username"
        />
        <TextField
          field={fields.password}
          label={t('auth.signIn.password')}
          type="password"
          autoComplete="current-password"
        />
        <div>
          <button type="submit" className="button">
            {t('auth.signIn.submit')}
          </button>
        </div>
      </Form>
    </section>
  )
}
