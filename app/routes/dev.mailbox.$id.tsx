import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { mailboxEmail } from '../admin/mailbox.server'
import { getDb } from '../platform/db.server'
import { requireMailboxReader } from '../staff/auth.server'
import { idParam, invariantResponse } from '../platform/http.server'
import { metaT, pageMeta, useT } from '../ui/i18n'

export const meta: MetaFunction = ({ matches }) => [
  ...pageMeta(matches, metaT(matches)('mailbox.title')),
  { name: 'robots', content: 'noindex' },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireMailboxReader(request)
  const id = idParam(params.id)
  const email = await mailboxEmail(await getDb(), id)
  invariantResponse(email, 'Not found', { status: 404 })
  return { email }
}

export default function MailboxEmail() {
  const { email } = useLoaderData<typeof loader>()
  const t = useT()
  return (
    <article>
      <p>
        <Link to="/dev/mailbox">{t('mailbox.back')}</Link>
      </p>
      <h1>{email.subject ?? `#${email.id}`}</h1>
      <p>
        {t('mailbox.to')}: {email.to_address} · {email.status}
      </p>
      <pre className="email-text">{email.text}</pre>
    </article>
  )
}
