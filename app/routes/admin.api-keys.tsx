import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { FormErrors, TextField } from '../ui/forms'
import { getDb } from '../platform/db.server'
import { getEnv } from '../platform/env.server'
import { formatDateTime, localeFromRequest } from '../platform/i18n'
import { issueApiKey, listApiKeys, revokeApiKey } from '../accountability/api-key.server'
import { requireStaff } from '../staff/auth.server'
import { readForm, requireSameOrigin } from '../platform/http.server'
import { metaT, pageMeta, useT } from '../ui/i18n'
import { id, text } from '../platform/validation'

const CreateSchema = z.object({ intent: z.literal('create'), name: text(2, 80) })
const RevokeSchema = z.object({ intent: z.literal('revoke'), keyId: id })
const Schema = z.discriminatedUnion('intent', [CreateSchema, RevokeSchema])

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, metaT(matches)('accountability.apiKeys.title'))

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, 'admin')
  const locale = localeFromRequest(request)
  const keys = await listApiKeys(await getDb())
  return {
    keys: keys.map((k) => ({
      id: k.id,
      name: k.name,
      createdAt: formatDateTime(k.created_at, locale),
      revoked: k.revoked_at !== null,
    })),
  }
}

export async function action({ request }: ActionFunctionArgs) {
  requireSameOrigin(request, getEnv().PUBLIC_URL)
  await requireStaff(request, 'admin')
  const submission = parseWithZod(await readForm(request), { schema: Schema })
  if (submission.status !== 'success')
    return data({ result: submission.reply(), key: null, revoked: false }, { status: 400 })
  const db = await getDb()
  if (submission.value.intent === 'create') {
    const issued = await issueApiKey(db, submission.value.name)
    return { result: submission.reply({ resetForm: true }), key: issued.key, revoked: false }
  }
  const revoked = await revokeApiKey(db, submission.value.keyId)
  return { result: submission.reply(), key: null, revoked }
}

export default function ApiKeys() {
  const { keys } = useLoaderData<typeof loader>()
  // The action answers with data(…, { status }) on errors; at run time the hook gets the data itself.
  const answer = useActionData<typeof action>() as
    { result: SubmissionResult<string[]>; key: string | null; revoked: boolean } | undefined
  const t = useT()
  const [form, fields] = useForm({
    lastResult: answer?.result,
    constraint: getZodConstraint(CreateSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CreateSchema }),
  })
  return (
    <section>
      <h1>{t('accountability.apiKeys.title')}</h1>
      <p className="muted">{t('accountability.apiKeys.lead')}</p>
      {answer?.key ? (
        <div className="notice" role="status">
          <p>{t('accountability.apiKeys.created')}</p>
          <p>
            <code className="api-key">{answer.key}</code>
          </p>
        </div>
      ) : null}
      {answer?.revoked ? (
        <p className="notice" role="status">
          {t('accountability.apiKeys.revokedDone')}
        </p>
      ) : null}
      <Form method="post" className="form" {...getFormProps(form)}>
        <FormErrors form={form} />
        <input type="hidden" name="intent" value="create" />
        <TextField field={fields.name} label={t('accountability.apiKeys.name')} />
        <div>
          <button type="submit" className="button">
            {t('accountability.apiKeys.create')}
          </button>
        </div>
      </Form>
      <h2>{t('accountability.apiKeys.list')}</h2>
      {keys.length === 0 ? (
        <p>{t('accountability.apiKeys.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('accountability.apiKeys.name')}</th>
                <th scope="col">{t('accountability.apiKeys.createdAt')}</th>
                <th scope="col">{t('accountability.apiKeys.state')}</th>
              </tr>
            </thead>
            <tbody>
              {keys.map((k) => (
                <tr key={k.id}>
                  <th scope="row">{k.name}</th>
                  <td>{k.createdAt}</td>
                  <td>
                    {k.revoked ? (
                      t('accountability.apiKeys.revoked')
                    ) : (
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="keyId" value={k.id} />
                        {t('accountability.apiKeys.active')}{' '}
                        <button type="submit" className="button button--secondary">
                          {t('accountability.apiKeys.revoke')}
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
