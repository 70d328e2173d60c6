import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { NOTICE_KINDS, NoticeSchema } from '../accountability/notice-schema'
import { listNotices, publishNotice } from '../accountability/notice.server'
import { getDb } from '../platform/db.server'
import { formAction } from '../platform/http.server'
import { localeFromRequest } from '../platform/i18n'
import { requireStaff } from '../staff/auth.server'
import { FormErrors, SelectField, TextareaField, TextField, validationTiming } from '../ui/forms'
import { metaT, pageMeta, useT } from '../ui/i18n'

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, metaT(matches)('accountability.notices.staffTitle'))

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, 'coordinator')
  const notices = await listNotices(await getDb(), localeFromRequest(request), 20)
  return {
    notices: notices.map(({ id, kind, title, published }) => ({ id, kind, title, published })),
  }
}

export const action = /* @__PURE__ */ formAction(async ({ request, form }) => {
  const staff = await requireStaff(request, 'coordinator')
  const submission = parseWithZod(form, { schema: NoticeSchema })
  if (submission.status !== 'success')
    return data({ result: submission.reply(), id: null }, { status: 400 })
  const id = await publishNotice(await getDb(), submission.value, `staff:${staff.id}`)
  return { result: submission.reply({ resetForm: true }), id }
})

export default function StaffNotices() {
  const { notices } = useLoaderData<typeof loader>()
  const answer = useActionData<typeof action>()
  const t = useT()
  const [form, fields] = useForm({
    lastResult: answer?.result,
    constraint: getZodConstraint(NoticeSchema),
    ...validationTiming,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NoticeSchema }),
  })
  const published = answer && 'id' in answer ? answer.id : null
  return (
    <section>
      <h1>{t('accountability.notices.staffTitle')}</h1>
      {published ? (
        <p className="notice" role="status">
          {t('accountability.notices.created')}{' '}
          <Link to={`/notices/${published}`}>{t('accountability.notices.title')}</Link>
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
