import reportReceived from './report-received'
// public verdict
import ratingInvitation from './rating-invitation'
import ratingReminder from './rating-reminder'
import verifyCode from './verify-code'

/** Every email Kaimen sends, by the name the outbox stores. */
export const emailTemplates = {
  'report-received': reportReceived,
  // public verdict
  'verify-code': verifyCode,
  'rating-invitation': ratingInvitation,
  'rating-reminder': ratingReminder,
}

export type EmailTemplateName = keyof typeof emailTemplates
export type EmailProps<N extends EmailTemplateName> = Parameters<
  (typeof emailTemplates)[N]['render']
>[0]
