import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { FormErrors, TextField } from '../ui/forms'
import { getDb } from '../platform/db.server'
import { getEnv } from '../platform/env.server'
import { localeFromRequest } from '../platform/i18n'
import {
  checkCode,
  createPublicSession,
  endPublicSession,
  OTP_MINUTES,
  participantName,
  PUBLIC_SESSION_DAYS,
  requestCode,
} from '../verdict/verify.server'
import { readForm, requireSameOrigin, safeRedirectPath } from '../platform/http.server'
import { metaT, pageMeta, useT } from '../ui/i18n'
import { getPublicUser, PUBLIC_COOKIE } from '../verdict/public-session.server'
import { clientAddress, consume } from '../platform/rate-limit.server'
import { clearCookie, readCookie, sessionCookie } from '../platform/session.server'
import { cleanText, message } from '../platform/validation'

const email = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
  z.string().max(254).email(),
)
/** A public name: never an email or a phone number by mistake. */
const displayName = z.preprocess(
  (v) => (typeof v === 'string' ? cleanText(v) || undefined : v),
  z
    .string()
    .min(2)
    .max(20)
    .refine((v) => !/@|\d{5,}|[<>]/.test(v), { message: message('verdict.verify.nameInvalid') })
    .optional(),
)
const RequestSchema = z.object({
  intent: z.literal('request'),
  email,
  displayName,
  redirectTo: z.string().max(300).optional(),
})
const CheckSchema = z.object({
  intent: z.literal('check'),
  email,
  displayName,
  code: z.preprocess(
    (v) => (typeof v === 'string' ? v.replace(/\s/g, '') : v),
    z.string().regex(/^\d{6}$/, { message: message('verdict.verify.codeFormat') }),
  ),
  redirectTo: z.string().max(300).optional(),
})

export const meta: MetaFunction = ({ matches }) => [
  ...pageMeta(matches, metaT(matches)('verdict.verify.title')),
  { name: 'robots', content: 'noindex' },
]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getPublicUser(request)
  const redirectTo = safeRedirectPath(new URL(request.url).searchParams.get('redirectTo'), '/')
  return { user: user ? { name: participantName(user) } : null, redirectTo, minutes: OTP_MINUTES }
}

type ActionResult = {
  stage: 'request' | 'check'
  email?: string
  displayName?: string
  result: SubmissionResult<string[]>
}

export async function action({ request }: ActionFunctionArgs) {
  requireSameOrigin(request, getEnv().PUBLIC_URL)
  const formData = await readForm(request)
  const db = await getDb()
  const intent = formData.get('intent')
  if (intent === 'signout') {
    const token = readCookie(request, PUBLIC_COOKIE)
    if (token && token.length <= 100) await endPublicSession(db, token)
    return redirect('/verify', { headers: { 'Set-Cookie': clearCookie(PUBLIC_COOKIE) } })
  }
  if (intent === 'check') {
    const submission = parseWithZod(formData, { schema: CheckSchema })
    const kept = {
      email: String(formData.get('email') ?? '').slice(0, 254),
      displayName: String(formData.get('displayName') ?? '').slice(0, 20),
    }
    if (submission.status !== 'success')
      return data<ActionResult>(
        { stage: 'check', ...kept, result: submission.reply({ hideFields: ['code'] }) },
        { status: 400 },
      )
    const limit = await consume('otpVerifyByIp', clientAddress(request))
    if (!limit.ok)
      return data<ActionResult>(
        {
          stage: 'check',
          ...kept,
          result: submission.reply({
            formErrors: [message('verdict.tooMany')],
            hideFields: ['code'],
          }),
        },
        { status: 429 },
      )
    const checked = await checkCode(
      db,
      submission.value.email,
      submission.value.code,
      submission.value.displayName ?? null,
    )
    if (!checked.ok) {
      return data<ActionResult>(
        {
          stage: checked.reason === 'wrong' ? 'check' : 'request',
          ...kept,
          result: submission.reply({
            fieldErrors:
              checked.reason === 'wrong' ? { code: [message('verdict.verify.wrong')] } : {},
            formErrors:
              checked.reason === 'wrong' ? [] : [message(`verdict.verify.${checked.reason}`)],
            hideFields: ['code'],
          }),
        },
        { status: 400 },
      )
    }
    const token = await createPublicSession(db, checked.user.id, readCookie(request, PUBLIC_COOKIE))
    return redirect(safeRedirectPath(submission.value.redirectTo, '/'), {
      headers: { 'Set-Cookie': sessionCookie(PUBLIC_COOKIE, token, PUBLIC_SESSION_DAYS * 86_400) },
    })
  }
  const submission = parseWithZod(formData, { schema: RequestSchema })
  if (submission.status !== 'success')
    return data<ActionResult>({ stage: 'request', result: submission.reply() }, { status: 400 })
  const limit = await consume('otpByEmail', submission.value.email)
  const byIp = limit.ok ? await consume('otpVerifyByIp', clientAddress(request)) : limit
  if (!limit.ok || !byIp.ok)
    return data<ActionResult>(
      {
        stage: 'request',
        result: submission.reply({ formErrors: [message('verdict.tooMany')] }),
      },
      { status: 429 },
    )
  await requestCode(db, submission.value.email, localeFromRequest(request))
  return data<ActionResult>({
    stage: 'check',
    email: submission.value.email,
    displayName: submission.value.displayName ?? '',
    result: submission.reply({ resetForm: true }),
  })
}

export default function Verify() {
  const t = useT()
  const { user, redirectTo, minutes } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ActionResult | undefined
  const stage = actionData?.stage ?? 'request'
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
          result={actionData?.result}
          email={actionData?.email ?? ''}
          displayName={actionData?.displayName ?? ''}
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
    constraint: getZodConstraint(RequestSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RequestSchema }),
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
  displayName,
  redirectTo,
  minutes,
}: {
  result?: SubmissionResult<string[]>
  email: string
  displayName: string
  redirectTo: string
  minutes: number
}) {
  const t = useT()
  const [form, fields] = useForm({
    id: 'verify-code',
    lastResult: result,
    constraint: getZodConstraint(CheckSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CheckSchema }),
  })
  return (
    <>
      <p className="notice" role="status">
        {t('verdict.verify.sent', { email, minutes })}
      </p>
      <Form method="post" className="form" {...getFormProps(form)}>
        <FormErrors form={form} />
        <input type="hidden" name="intent" value="check" />
        <input type="hidden" name="email" value={email} />
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
        <input type="hidden" name="displayName" value={displayName} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <button type="submit" className="button button--secondary">
          {t('verdict.verify.resend')}
        </button>
      </Form>
    </>
  )
}
