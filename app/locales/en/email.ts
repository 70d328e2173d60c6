import type { Messages } from '../types'

export default {
  footer: 'This email was sent automatically by Kaimen. Please do not reply.',
  reportReceived: {
    subject: 'We have received your report ({code})',
    preview: 'Tracking code {code}: please keep it.',
    greeting: 'Dear {name},',
    body: 'We have received your report “{title}”. Once accepted it goes to the responsible unit.',
    code: 'Tracking code: {code}',
    follow: 'Follow its progress',
    keep: 'The code and link are for you alone: keep them and do not forward them.',
  },
} satisfies Messages['email']
