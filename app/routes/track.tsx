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
import { trackReport } from '../reporting/report.server'
import { readForm, requireSameOrigin } from '../platform/http.server'
import { metaT, pageMeta, useT } from '../ui/i18n'
import { clientAddress, consume } from '../platform/rate-limit.server'
import { message, text } from '../platform/validation'

const TrackSchema = z.object({ code: text(4, 40), contact: text(5, 254) })

export const meta: MetaFunction = ({ matches }) => {
  const t = metaT(matches)
  return pageMeta(matches, t('track.title'), t('track.lead'))
}

export async function loader({ request }: LoaderFunctionArgs) {
  return { code: new URL(request.url).searchParams.get('code')?.slice(0, 40) ?? '' }
}

export async function action({ request }: ActionFunctionArgs) {
  requireSameOrigin(request, getEnv().PUBLIC_URL)
  const submission = parseWithZod(await readForm(request), { schema: TrackSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })

  const limit = await consume('trackByIp', clientAddress(request))
  if (!limit.ok) {
    return data(
      submission.reply({
        formErrors: [message('track.tooMany', { minutes: Math.ceil(limit.retryAfter / 60) })],
      }),
      { status: 429, headers: { 'Retry-After': String(limit.retryAfter) } },
    )
  }
  const token = await trackReport(await getDb(), submission.value.code, submission.value.contact)
  if (!token)
    return data(submission.reply({ formErrors: [message('track.notFound')] }), { status: 404 })
  return redirect(`/follow/${token}`)
}

export default function Track() {
  const t = useT()
  const { code } = useLoaderData<typeof loader>()
  // The action answers with data(…, { status }); at run time the hook gets the data itself.
  const lastResult = useActionData<typeof action>() as SubmissionResult<string[]> | undefined
  const [form, fields] = useForm<{ code: string; contact: string }>({
    lastResult,
    defaultValue: { code },
    constraint: getZodConstraint(TrackSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TrackSchema }),
  })
  return (
    <section>
      <h1>{t('track.title')}</h1>
      <p className="muted">{t('track.lead')}</p>
      <Form method="post" className="form" {...getFormProps(form)}>
        <FormErrors form={form} />
        <TextField
          field={fields.code}
          label={t('track.code')}
          hint={t('track.codeHint')}
          autoComplete="off"
        />
        <TextField
          field={fields.contact}
          label={t('track.contact')}
          hint={t('track.contactHint')}
          autoComplete="tel"
        />
        <div>
          <button type="submit" className="button">
            {t('track.submit')}
          </button>
        </div>
      </Form>
    </section>
  )
}
