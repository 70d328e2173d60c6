import reportReceived from './report-received'
// Duty lists (triage, progress, resolution)
import dutyAssigned from './duty-assigned'
import dutyReopened from './duty-reopened'
import dutyResolved from './duty-resolved'
import reportUpdate from './report-update'
// public verdict
import ratingInvitation from './rating-invitation'
import ratingReminder from './rating-reminder'
import verifyCode from './verify-code'
// Accountability (supervision)
import supervision from './supervision'
// Staff sign-in
import signInAlert from './sign-in-alert'

/** Every email Kaimen sends, by the name the outbox stores. */
export const emailTemplates = {
  'report-received': reportReceived,
  'report-update': reportUpdate,
  'duty-assigned': dutyAssigned,
  'duty-resolved': dutyResolved,
  'duty-reopened': dutyReopened,
  // public verdict
  'verify-code': verifyCode,
  'rating-invitation': ratingInvitation,
  'rating-reminder': ratingReminder,
  supervision,
  // staff sign-in
  'sign-in-alert': signInAlert,
}

export type EmailTemplateName = keyof typeof emailTemplates
export type EmailProps<N extends EmailTemplateName> = Parameters<
  (typeof emailTemplates)[N]['render']
>[0]
