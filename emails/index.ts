import reportReceived from './report-received'
import supervision from './supervision'

/** Every email Kaimen sends, by the name the outbox stores. */
export const emailTemplates = {
  'report-received': reportReceived,
  supervision,
}

export type EmailTemplateName = keyof typeof emailTemplates
export type EmailProps<N extends EmailTemplateName> = Parameters<
  (typeof emailTemplates)[N]['render']
>[0]
