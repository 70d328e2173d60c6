import type { MetaFunction } from '@remix-run/node'
import { useT } from '../ui/i18n'
import { metaT, pageMeta } from '../ui/i18n'

export const meta: MetaFunction = ({ matches }) => {
  const t = metaT(matches)
  return pageMeta(matches, t('accountability.exports.title'), t('accountability.exports.lead'))
}

const files = [
  { name: 'reports', format: 'csv' },
  { name: 'reports', format: 'xlsx' },
  { name: 'duties', format: 'csv' },
  { name: 'duties', format: 'xlsx' },
] as const

const open311 = [
  '/open311/v2/discovery.json',
  '/open311/v2/services.json',
  '/open311/v2/requests.json',
  '/open311/v2/requests.xml',
]

export default function Exports() {
  const t = useT()
  return (
    <section>
      <h1>{t('accountability.exports.title')}</h1>
      <p className="muted">{t('accountability.exports.lead')}</p>
      <ul className="card-list">
        {files.map((f) => (
          <li key={`${f.name}.${f.format}`} className="card">
            {/* A plain link: the browser downloads the file, with or without JavaScript. */}
            <a href={`/exports/${f.name}.${f.format}`} download>
              {t('accountability.exports.download', {
                what: t(`accountability.exports.${f.name}`),
                format: t(`accountability.exports.${f.format}`),
              })}
            </a>
          </li>
        ))}
      </ul>
      <h2>{t('accountability.exports.open311')}</h2>
      <p>{t('accountability.exports.open311Lead', { url: '/open311/v2/discovery.json' })}</p>
      <ul>
        {open311.map((href) => (
          <li key={href}>
            <a href={href}>
              <code>{href}</code>
            </a>
          </li>
        ))}
      </ul>
    </section>
  )
}
