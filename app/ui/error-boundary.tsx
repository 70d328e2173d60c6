import { isRouteErrorResponse, useRouteError } from '@remix-run/react'
import type { MessageKey } from '../locales/types'
import { useT } from './i18n'

const messages: Record<number, MessageKey> = {
  401: 'common.error.unauthorized',
  403: 'common.error.forbidden',
  404: 'common.error.notFound',
  429: 'common.error.tooMany',
}

/** One error page for every route: a plain message by status, never a stack trace. */
export function GeneralErrorBoundary() {
  const error = useRouteError()
  const t = useT()
  const status = isRouteErrorResponse(error) ? error.status : 500
  const detail =
    isRouteErrorResponse(error) && typeof error.data === 'string' && status < 500
      ? error.data
      : null
  return (
    <section className="error-page" aria-labelledby="error-title">
      <h1 id="error-title">
        {t('common.error.title')} <span className="muted">({status})</span>
      </h1>
      <p>{t(messages[status] ?? 'common.error.server')}</p>
      {detail ? <p>{detail}</p> : null}
      <p>
        <a href="/">{t('common.error.backHome')}</a>
      </p>
    </section>
  )
}
