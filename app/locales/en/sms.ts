import type { Messages } from '../types'

export default {
  verifyCode:
    'Your Kaimen verification code is {code}, valid for {minutes} minutes. Ignore this if you did not ask for it.',
  reportReceived:
    'We received your report. Tracking code {code}; keep it safe. Progress: {site}/{link}',
  reportUpdate: 'Your report (tracking code {code}) {step}. Details: {site}/{link}',
  ratingInvitation:
    'Your report has been resolved. Please rate it within {days} working days: {site}/{link}',
  ratingReminder: 'Your report has been resolved and we have no rating from you yet: {site}/{link}',
  step: {
    accepted: 'was accepted',
    declined: 'was declined',
    merged: 'was merged with another',
    progress: 'has progress',
    reopened: 'was sent back for rework',
  },
} satisfies Messages['sms']
