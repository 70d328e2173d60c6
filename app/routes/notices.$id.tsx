import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { getDb } from '../platform/db.server'
import { localeFromRequest } from '../platform/i18n'
import { getNotice } from '../accountability/notice.server'
import { invariantResponse, idParam } from '../platform/http.server'
import { metaT, pageMeta, useT } from '../ui/i18n'
import { sharedPageHeaders } from '../platform/response/page-cache.server'

export { sharedPageHeaders as headers }

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageMeta(matches, data?.notice.title ?? metaT(matches)('accountability.notices.title'))

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = idParam(params.id)
  const notice = await getNotice(await getDb(), id, localeFromRequest(request))
  invariantResponse(notice, 'Not found', { status: 404 })
  return { notice }
}

export default function NoticePage() {
  const { notice } = useLoaderData<typeof loader>()
  const t = useT()
  return (
    <article>
      <p>
        <Link to="/notices">{t('accountability.notices.back')}</Link>
      </p>
      <h1>{notice.title}</h1>
      <p className="muted">
        <span className="badge">{t(`accountability.notices.kinds.${notice.kind}`)}</span> ·{' '}
        {t('accountability.notices.published', { date: notice.published })}
      </p>
      <div className="prewrap">{notice.body}</div>
    </article>
  )
}
