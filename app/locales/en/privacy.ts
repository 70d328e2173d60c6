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
  contactView: {
    heading: 'View contact details',
    reason: 'Reason',
    hint: 'For example: callback, checking the facts (2–200 characters). Every view is logged and shown to the reporter.',
    submit: 'View contact details',
    logged:
      'This view is logged; the reporter sees it on their follow page. Reloading hides the details again.',
    none: 'No reports are linked here.',
    of: 'Reporter of {number}',
    erased: 'The contact details were erased after the retention period.',
    empty: 'Not given',
    name: 'Name',
    mobile: 'Mobile',
    email: 'Email',
    company: 'Company',
    creditCode: 'Unified social credit code',
    photoAlt: 'Photo {n} of {number}',
    exportHeading: 'Export with contact details',
    exportLead:
      'The file gets an extra sheet “联系方式” with each reporter’s name, mobile, email and company. One view is logged per report.',
    exportSubmit: 'Export with contact details',
    followHeading: 'Who viewed your contact details',
    followNone: 'No staff member has viewed your contact details yet.',
    followLine: '{unit} viewed your contact details on {date}',
    coordinator: 'The coordinating office',
  },
} satisfies Messages['privacy']
