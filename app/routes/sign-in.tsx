import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useSearchParams } from '@remix-run/react'
import { getDb } from '../platform/db.server'
import { formAction, safeRedirectPath } from '../platform/http.server'
import { clientAddress } from '../platform/rate-limit.server'
import { readCookie, sessionCookie } from '../platform/session.server'
import { getStaff, STAFF_COOKIE } from '../staff/auth.server'
import { SignInSchema } from '../staff/sign-in-schema'
import { signIn, STAFF_SESSION_DAYS } from '../staff/staff.server'
import { FormErrors, TextField, validationTiming } from '../ui/forms'
import { metaT, pageMeta, useT } from '../ui/i18n'

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, metaT(matches)('auth.signIn.title'))

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getStaff(request)) throw redirect('/staff')
  return null
}

export const action = /* @__PURE__ */ formAction(async ({ request, form }) => {
  const submission = parseWithZod(form, { schema: SignInSchema })
  if (submission.status !== 'success')
    return { result: submission.reply({ hideFields: ['password'] }) }
  const signedIn = await signIn(await getDb(), {
    email: submission.value.email,
    password: submission.value.password,
    clientAddress: clientAddress(request),
    previousToken: readCookie(request, STAFF_COOKIE),
  })
  if (!signedIn.ok)
    return {
      result: submission.reply({ formErrors: [signedIn.message], hideFields: ['password'] }),
    }
  return redirect(safeRedirectPath(submission.value.redirectTo, '/staff'), {
    headers: {
      'Set-Cookie': sessionCookie(STAFF_COOKIE, signedIn.token, STAFF_SESSION_DAYS * 86_400),
    },
  })
})

export default function SignIn() {
  const t = useT()
  const answer = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const [form, fields] = useForm({
    lastResult: answer?.result,
    constraint: getZodConstraint(SignInSchema),
    ...validationTiming,
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
