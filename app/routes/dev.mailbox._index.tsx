import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { listMailbox } from '../admin/mailbox.server'
import { getDb } from '../platform/db.server'
import { requireMailboxReader } from '../staff/auth.server'
import { formatDateTime, localeFromRequest } from '../platform/i18n'
import { metaT, pageMeta, useT } from '../ui/i18n'

export const meta: MetaFunction = ({ matches }) => [
  ...pageMeta(matches, metaT(matches)('mailbox.title')),
  { name: 'robots', content: 'noindex' },
]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireMailboxReader(request)
  const to = new URL(request.url).searchParams.get('to')?.trim() ?? ''
  const locale = localeFromRequest(request)
  const emails = await listMailbox(await getDb(), to)
  return {
    to,
    emails: emails.map((e) => ({ ...e, created_at: formatDateTime(e.created_at, locale) })),
  }
}

export default function Mailbox() {
  const { emails, to } = useLoaderData<typeof loader>()
  const t = useT()
  return (
    <section>
      <h1>{t('mailbox.title')}</h1>
      <p className="muted">{t('mailbox.lead')}</p>
      <Form method="get" className="inline-form">
        <label htmlFor="to">{t('mailbox.filter')}</label>
        <input id="to" name="to" type="email" defaultValue={to} />
        <button type="submit">{t('mailbox.apply')}</button>
      </Form>
      {emails.length === 0 ? (
        <p>{t('mailbox.empty')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('mailbox.time')}</th>
              <th scope="col">{t('mailbox.to')}</th>
              <th scope="col">{t('mailbox.subject')}</th>
              <th scope="col">{t('mailbox.status')}</th>
            </tr>
          </thead>
          <tbody>
            {emails.map((e) => (
              <tr key={e.id}>
                <td>{e.created_at}</td>
                <td>{e.to_address}</td>
                <td>
                  <Link to={`/dev/mailbox/${e.id}`}>{e.subject ?? `#${e.id}`}</Link>
                </td>
                <td>{e.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
