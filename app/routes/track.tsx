import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { FormErrors, TextField, validationTiming } from '../ui/forms'
import { getDb } from '../platform/db.server'
import { formAction } from '../platform/http.server'
import { metaT, pageMeta, useT } from '../ui/i18n'
import { clientAddress } from '../platform/rate-limit.server'
import { message } from '../platform/text'
import { trackReportFor } from '../reporting/follow.server'
import { TrackSchema } from '../reporting/track-schema'

export const meta: MetaFunction = ({ matches }) => {
  const t = metaT(matches)
  return pageMeta(matches, t('track.title'), t('track.lead'))
}

export async function loader({ request }: LoaderFunctionArgs) {
  return { code: new URL(request.url).searchParams.get('code')?.slice(0, 40) ?? '' }
}

export const action = /* @__PURE__ */ formAction(async ({ request, form }) => {
  const submission = parseWithZod(form, { schema: TrackSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const { code, contact } = submission.value
  const found = await trackReportFor(await getDb(), clientAddress(request), code, contact)
  switch (found.outcome) {
    case 'found':
      return redirect(`/follow/${found.followToken}`)
    case 'notFound':
      return data(
        { result: submission.reply({ formErrors: [message('track.notFound')] }) },
        { status: 404 },
      )
    case 'locked':
      return data(
        {
          result: submission.reply({
            formErrors: [message('track.locked', { hours: Math.ceil(found.retryAfter / 3600) })],
          }),
        },
        { status: 429, headers: { 'Retry-After': String(found.retryAfter) } },
      )
    case 'tooMany':
      return data(
        {
          result: submission.reply({
            formErrors: [message('track.tooMany', { minutes: Math.ceil(found.retryAfter / 60) })],
          }),
        },
        { status: 429, headers: { 'Retry-After': String(found.retryAfter) } },
      )
  }
})

export default function Track() {
  const t = useT()
  const { code } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [form, fields] = useForm<{ code: string; contact: string }>({
    lastResult: actionData?.result,
    defaultValue: { code },
    constraint: getZodConstraint(TrackSchema),
    ...validationTiming,
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
