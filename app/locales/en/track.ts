import type { Messages } from '../types'

export default {
  title: 'Track a report',
  lead: 'Enter the tracking code and the mobile number or email you gave when reporting. No account needed.',
  code: 'Tracking code',
  codeHint: 'Like KM-7Q4M-2XHC: see the confirmation page or the receipt email.',
  contact: 'Mobile number or email',
  contactHint: 'The mobile number or email address you gave in the report.',
  submit: 'Track',
  notFound:
    'No report matches. Check the tracking code and the mobile number or email you gave in the report.',
  tooMany: 'Too many lookups: please try again in {minutes} minutes.',
  locked:
    'This tracking code was tried wrongly too often today and is locked: please try again in {hours} hours, or open the private link in your receipt.',
} satisfies Messages['track']
