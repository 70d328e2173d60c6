import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { FormErrors, SelectField, TextareaField, TextField } from '../ui/forms'
import { getDb } from '../platform/db.server'
import { getEnv } from '../platform/env.server'
import { formatDate, localeFromRequest } from '../platform/i18n'
import { listNotices, NOTICE_KINDS, publishNotice } from '../accountability/notice.server'
import { requireStaff } from '../staff/auth.server'
import { readForm, requireSameOrigin } from '../platform/http.server'
import { metaT, pageMeta, useT } from '../ui/i18n'
import { text } from '../platform/validation'

const NoticeSchema = z.object({
  kind: z.enum(['document', 'decision', 'consultation']),
  title: text(4, 120),
  body: text(10, 10000),
})

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, metaT(matches)('accountability.notices.staffTitle'))

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, 'coordinator')
  const locale = localeFromRequest(request)
  const notices = await listNotices(await getDb(), 20)
  return {
    notices: notices.map((n) => ({
      id: n.id,
      kind: n.kind,
      title: n.title,
      published: formatDate(n.published_at, locale),
    })),
  }
}

export async function action({ request }: ActionFunctionArgs) {
  requireSameOrigin(request, getEnv().PUBLIC_URL)
  const staff = await requireStaff(request, 'coordinator')
  const submission = parseWithZod(await readForm(request), { schema: NoticeSchema })
  if (submission.status !== 'success')
    return data({ result: submission.reply(), id: null }, { status: 400 })
  const id = await publishNotice(await getDb(), submission.value, `staff:${staff.id}`)
  return { result: submission.reply({ resetForm: true }), id }
}

export default function StaffNotices() {
  const { notices } = useLoaderData<typeof loader>()
  // The action answers with data(…, { status }) on errors; at run time the hook gets the data itself.
  const answer = useActionData<typeof action>() as
    { result: SubmissionResult<string[]>; id: number | null } | undefined
  const t = useT()
  const [form, fields] = useForm({
    lastResult: answer?.result,
    constraint: getZodConstraint(NoticeSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NoticeSchema }),
  })
  return (
    <section>
      <h1>{t('accountability.notices.staffTitle')}</h1>
      {answer?.id ? (
        <p className="notice" role="status">
          {t('accountability.notices.created')}{' '}
          <Link to={`/notices/${answer.id}`}>{t('accountability.notices.title')}</Link>
        </p>
      ) : null}
      <Form method="post" className="form" {...getFormProps(form)}>
        <FormErrors form={form} />
        <SelectField
          field={fields.kind}
          label={t('accountability.notices.fieldKind')}
          placeholder=""
          options={NOTICE_KINDS.map((k) => ({
            value: k,
            label: t(`accountability.notices.kinds.${k}`),
          }))}
        />
        <TextField field={fields.title} label={t('accountability.notices.fieldTitle')} />
        <TextareaField
          field={fields.body}
          label={t('accountability.notices.fieldBody')}
          rows={10}
        />
        <div>
          <button type="submit" className="button">
            {t('accountability.notices.submit')}
          </button>
        </div>
      </Form>
      <h2>{t('accountability.notices.title')}</h2>
      <ul>
        {notices.map((n) => (
          <li key={n.id}>
            <Link to={`/notices/${n.id}`}>{n.title}</Link>{' '}
            <span className="muted">
              {t(`accountability.notices.kinds.${n.kind}`)} · {n.published}
            </span>
          </li>
        ))}
      </ul>
    </section>
  )
}
