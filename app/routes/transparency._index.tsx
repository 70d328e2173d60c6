import type { MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { getDb } from '../platform/db.server'
import { formatDateTime } from '../platform/i18n'
import { logVerifierKey } from '../transparency/log.server'
import { latestCheckpoint } from '../transparency/store.server'
import { metaT, pageMeta, useLocale, useT } from '../ui/i18n'
import { sharedPageHeaders } from '../platform/response/page-cache.server'

export { sharedPageHeaders as headers }

export const meta: MetaFunction = ({ matches }) => {
  const t = metaT(matches)
  return pageMeta(matches, t('transparency.title'), t('transparency.lead'))
}

export async function loader() {
  const db = await getDb()
  const [latest, verifierKey] = await Promise.all([latestCheckpoint(db), logVerifierKey(db)])
  return { latest, verifierKey }
}

/** What the public can check about the log, and how, in plain words. */
export default function Transparency() {
  const { latest, verifierKey } = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
  return (
    <section>
      <h1>{t('transparency.title')}</h1>
      <p>{t('transparency.lead')}</p>
      <h2>{t('transparency.whatHeading')}</h2>
      <p>{t('transparency.what')}</p>
      <h2>{t('transparency.howHeading')}</h2>
      <p>{t('transparency.how')}</p>
      <h2>{t('transparency.checkHeading')}</h2>
      <ol>
        <li>{t('transparency.checks.keep')}</li>
        <li>{t('transparency.checks.key')}</li>
        <li>{t('transparency.checks.proof')}</li>
        <li>{t('transparency.checks.audit')}</li>
      </ol>
      <h2>{t('transparency.latestHeading')}</h2>
      {latest ? (
        <>
          <p>
            {t('transparency.size', { size: latest.size })} ·{' '}
            {t('transparency.signedAt', { at: formatDateTime(new Date(latest.createdAt), locale) })}
          </p>
          <pre className="transparency-note">{latest.note}</pre>
          <p className="muted">{t('transparency.older')}</p>
        </>
      ) : (
        <p>{t('transparency.none')}</p>
      )}
      <h2>{t('transparency.keyHeading')}</h2>
      <pre className="transparency-note">{verifierKey}</pre>
    </section>
  )
}
