import { useT } from '../ui/i18n'

/** What the public will read of a report, shown to the reporter before it is filed. */
export interface PublicPreview {
  title: string
  body: string
  /** null: the public sees 市民 (or 企业). */
  name: string | null
  kind: 'concern' | 'demand'
}

/**
 * The reporter typed personal data into the text: this is the version the public will read.
 * The hidden field tells the next submit that they have seen it (no JavaScript needed).
 */
export function PublicPreviewPanel({ preview }: { preview: PublicPreview }) {
  const t = useT()
  return (
    <section aria-labelledby="public-preview-heading" className="similar-reports">
      <h2 id="public-preview-heading">{t('privacy.preview.heading')}</h2>
      <p>{t('privacy.preview.lead')}</p>
      <dl>
        <dt>{t('privacy.preview.name')}</dt>
        <dd>{preview.name ?? t(`browse.anonymous.${preview.kind}`)}</dd>
        <dt>{t('privacy.preview.title')}</dt>
        <dd>{preview.title}</dd>
        <dt>{t('privacy.preview.body')}</dt>
        <dd className="prewrap">{preview.body}</dd>
      </dl>
      <input type="hidden" name="confirmPublic" value="yes" />
    </section>
  )
}
