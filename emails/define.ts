import type { ReactElement } from 'react'
import type { Locale, Translate } from '../app/platform/i18n'

export interface EmailTemplate<P> {
  subject: (props: P, t: Translate) => string
  render: (props: P, t: Translate, locale: Locale) => ReactElement
}

export function defineEmail<P>(template: EmailTemplate<P>): EmailTemplate<P> {
  return template
}
