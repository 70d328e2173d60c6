import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import type { MessageKey } from '../locales/types'
import { formAction, safeRedirectPath } from '../platform/http.server'
import { message } from '../platform/text'
import { FormErrors, TextField, validationTiming } from '../ui/forms'
import { metaT, pageMeta, useT } from '../ui/i18n'
import { getPublicUser, signInWithCode, signOut } from '../verdict/public-session.server'
import { addressOf, CodeCheckSchema, CodeRequestSchema } from '../verdict/verify-schema'
import { OTP_MINUTES, participantName, sendCode } from '../verdict/verify.server'

export const meta: MetaFunction = ({ matches }) => [
  ...pageMeta(matches, metaT(matches)('verdict.verify.title')),
  { name: 'robots', content: 'noindex' },
]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getPublicUser(request)
  const redirectTo = safeRedirectPath(new URL(request.url).searchParams.get('redirectTo'), '/')
  return { user: user ? { name: participantName(user) } : null, redirectTo, minutes: OTP_MINUTES }
}

/** Why a code was refused; a wrong code is shown beside the field, the rest above the form. */
const refusals: Record<'expired' | 'tooManyAttempts' | 'blocked' | 'tooMany', MessageKey> = {
  expired: 'verdict.verify.expired',
  tooManyAttempts: 'verdict.verify.tooManyAttempts',
  blocked: 'verdict.verify.blocked',
  tooMany: 'verdict.tooMany',
}

interface Kept {
  email: string
  mobile: string
  displayName: string
}

/** The page's state after a post: which step to show, with the address carried along. */
function step(
  stage: 'request' | 'check',
  result: SubmissionResult<string[]>,
  kept: Kept = { email: '', mobile: '', displayName: '' },
  status = 200,
) {
  return data({ stage, ...kept, result }, { status })
}

export const action = /* @__PURE__ */ formAction(async ({ request, form }) => {
  const intent = form.get('intent')
  if (intent === 'signout')
    return redirect('/verify', { headers: { 'Set-Cookie': await signOut(request) } })
  if (intent === 'check') {
    const submission = parseWithZod(form, { schema: CodeCheckSchema })
    const kept = {
      email: String(form.get('email') ?? '').slice(0, 254),
      mobile: String(form.get('mobile') ?? '').slice(0, 30),
      displayName: String(form.get('displayName') ?? '').slice(0, 20),
    }
    if (submission.status !== 'success')
      return step('check', submission.reply({ hideFields: ['code'] }), kept, 400)
    const signedIn = await signInWithCode(request, {
      address: addressOf(submission.value),
      code: submission.value.code,
      displayName: submission.value.displayName,
    })
    if (signedIn.ok)
      return redirect(safeRedirectPath(submission.value.redirectTo, '/'), {
        headers: { 'Set-Cookie': signedIn.cookie },
      })
    const { reason } = signedIn
    const result =
      reason === 'wrong'
        ? submission.reply({
            fieldErrors: { code: [message('verdict.verify.wrong')] },
            hideFields: ['code'],
          })
        : submission.reply({ formErrors: [message(refusals[reason])], hideFields: ['code'] })
    const again = reason === 'wrong' || reason === 'tooMany' ? 'check' : 'request'
    return step(again, result, kept, reason === 'tooMany' ? 429 : 400)
  }
  const submission = parseWithZod(form, { schema: CodeRequestSchema })
  if (submission.status !== 'success') return step('request', submission.reply(), undefined, 400)
  await sendCode(request, addressOf(submission.value))
  return step('check', submission.reply({ resetForm: true }), {
    email: submission.value.email ?? '',
    mobile: submission.value.mobile ?? '',
    displayName: submission.value.displayName ?? '',
  })
})

export default function Verify() {
  const t = useT()
  const { user, redirectTo, minutes } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  // A refused request (too many codes) comes back without a step: the first one again.
  const state = actionData && 'stage' in actionData ? actionData : null
  const stage = state?.stage ?? 'request'
  return (
    <section>
      <h1>{t('verdict.verify.title')}</h1>
      {user ? (
        <>
          <p className="notice" role="status">
            {t('verdict.verify.already', { name: user.name })}
          </p>
          <p>
            <a href={redirectTo}>{t('verdict.verify.back')}</a>
          </p>
          <Form method="post">
            <input type="hidden" name="intent" value="signout" />
            <button type="submit" className="button button--secondary">
              {t('verdict.verify.signOut')}
            </button>
          </Form>
        </>
      ) : stage === 'check' ? (
        <CodeForm
          result={state?.result}
          email={state?.email ?? ''}
          mobile={state?.mobile ?? ''}
          displayName={state?.displayName ?? ''}
          redirectTo={redirectTo}
          minutes={minutes}
        />
      ) : (
        <EmailForm result={actionData?.result} redirectTo={redirectTo} />
      )}
    </section>
  )
}

function EmailForm({
  result,
  redirectTo,
}: {
  result?: SubmissionResult<string[]>
  redirectTo: string
}) {
  const t = useT()
  const [form, fields] = useForm({
    id: 'verify-email',
    lastResult: result,
    constraint: getZodConstraint(CodeRequestSchema),
    ...validationTiming,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CodeRequestSchema }),
  })
  return (
    <>
      <p className="muted">{t('verdict.verify.lead')}</p>
      <Form method="post" className="form" {...getFormProps(form)}>
        <FormErrors form={form} />
        <input type="hidden" name="intent" value="request" />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField
          field={fields.email}
          label={t('verdict.verify.email')}
          hint={t('verdict.verify.emailHint')}
          type="email"
          autoComplete="email"
        />
        <TextField
          field={fields.mobile}
          label={t('verdict.verify.mobile')}
          hint={t('verdict.verify.mobileHint')}
          type="tel"
          inputMode="tel"
          autoComplete="tel"
        />
        <TextField
          field={fields.displayName}
          label={t('verdict.verify.displayName')}
          hint={t('verdict.verify.displayNameHint')}
          autoComplete="nickname"
        />
        <div>
          <button type="submit" className="button">
            {t('verdict.verify.send')}
          </button>
        </div>
      </Form>
    </>
  )
}

function CodeForm({
  result,
  email,
  mobile,
  displayName,
  redirectTo,
  minutes,
}: {
  result?: SubmissionResult<string[]>
  email: string
  mobile: string
  displayName: string
  redirectTo: string
  minutes: number
}) {
  const t = useT()
  const [form, fields] = useForm({
    id: 'verify-code',
    lastResult: result,
    constraint: getZodConstraint(CodeCheckSchema),
    ...validationTiming,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CodeCheckSchema }),
  })
  return (
    <>
      <p className="notice" role="status">
        {t('verdict.verify.sent', { email: email || mobile, minutes })}
      </p>
      <Form method="post" className="form" {...getFormProps(form)}>
        <FormErrors form={form} />
        <input type="hidden" name="intent" value="check" />
        <input type="hidden" name="email" value={email} />
        <input type="hidden" name="mobile" value={mobile} />
        <input type="hidden" name="displayName" value={displayName} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField
          field={fields.code}
          label={t('verdict.verify.code')}
          hint={t('verdict.verify.codeHint')}
          autoComplete="one-time-code"
          inputMode="numeric"
        />
        <div>
          <button type="submit" className="button">
            {t('verdict.verify.confirm')}
          </button>
        </div>
      </Form>
      <Form method="post" className="form">
        <input type="hidden" name="intent" value="request" />
        <input type="hidden" name="email" value={email} />
        <input type="hidden" name="mobile" value={mobile} />
        <input type="hidden" name="displayName" value={displayName} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <button type="submit" className="button button--secondary">
          {t('verdict.verify.resend')}
        </button>
      </Form>
    </>
  )
}
