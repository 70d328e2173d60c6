import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { issueApiKey, listApiKeys, revokeApiKey } from '../accountability/api-key.server'
import { useAdminForm } from '../admin/admin'
import { adminAction, type AdminAnswer } from '../admin/admin-route.server'
import { ApiKeySchema, CreateApiKeySchema } from '../admin/api-key-schema'
import { getDb } from '../platform/db.server'
import { formatDateTime, localeFromRequest } from '../platform/i18n'
import { requireStaff } from '../staff/auth.server'
import { FormErrors, TextField } from '../ui/forms'
import { metaT, pageMeta, useT } from '../ui/i18n'

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

/** A new key is shown once, in the answer; only its hash is kept. */
interface ApiKeyAnswer extends AdminAnswer {
  key?: string | null
  revoked?: boolean
}

export const action = /* @__PURE__ */ adminAction(async ({ db, form }) => {
  const submission = parseWithZod(form, { schema: ApiKeySchema })
  if (submission.status !== 'success')
    return data<ApiKeyAnswer>(
      { intent: null, result: submission.reply(), key: null, revoked: false },
      { status: 400 },
    )
  const { intent } = submission.value
  if (submission.value.intent === 'create') {
    const issued = await issueApiKey(db, submission.value.name)
    return {
      intent,
      result: submission.reply({ resetForm: true }),
      key: issued.key,
      revoked: false,
    } satisfies ApiKeyAnswer
  }
  const revoked = await revokeApiKey(db, submission.value.keyId)
  return { intent, result: submission.reply(), key: null, revoked } satisfies ApiKeyAnswer
})

export default function ApiKeys() {
  const { keys } = useLoaderData<typeof loader>()
  const answer: ApiKeyAnswer | undefined = useActionData<typeof action>()
  const t = useT()
  const [form, fields] = useAdminForm(CreateApiKeySchema, { lastResult: answer?.result })
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
