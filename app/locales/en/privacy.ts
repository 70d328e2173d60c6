import type { Messages } from '../types'

export default {
  preview: {
    heading: 'What the public will see',
    lead: 'Your text contains a mobile number, an ID number, an email address, a bank card number or your private address: the public version hides them with ＊＊＊, and only staff see the original. Check it, then send.',
    name: 'Reported by',
    title: 'Title',
    body: 'Description',
    confirm: 'Confirm and send',
  },
  mailbox: {
    noProvider: 'No email provider configured (RESEND_API_KEY): emails are not sent',
  },
} satisfies Messages['privacy']
