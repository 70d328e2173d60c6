import type { Messages } from '../types'

export default {
  title: 'Local mailbox',
  lead: 'Without an email provider (RESEND_API_KEY) or an SMS provider (ALIYUN_SMS_ACCESS_KEY_ID) the emails and SMS Kaimen sends are kept here for local viewing only.',
  to: 'To',
  subject: 'Subject',
  time: 'Time',
  status: 'Status',
  empty: 'No email yet.',
  back: 'Back to the mailbox',
  filter: 'Filter by recipient',
  apply: 'Filter',
} satisfies Messages['mailbox']
