import reportReceived from './report-received'

/** Every email Kaimen sends, by the name the outbox stores. */
export const emailTemplates = {
  'report-received': reportReceived,
}

export type EmailTemplateName = keyof typeof emailTemplates
export type EmailProps<N extends EmailTemplateName> = Parameters<
  (typeof emailTemplates)[N]['render']
>[0]
