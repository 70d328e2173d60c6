import { Button, Text } from '@react-email/components'
import { defineEmail } from './define'
import { EmailLayout } from './layout'

export interface RatingInvitationProps {
  title: string
  summary: string
  rateUrl: string
  windowDays: number
}

export default defineEmail<RatingInvitationProps>({
  subject: (p, t) => t('verdict.email.ratingInvitation.subject', { title: p.title }),
  render: (p, t, locale) => (
    <EmailLayout locale={locale} t={t} preview={t('verdict.email.ratingInvitation.preview')}>
      <Text>{t('verdict.email.ratingInvitation.body', { title: p.title })}</Text>
      <Text>{t('verdict.email.summary', { summary: p.summary })}</Text>
      <Button
        href={p.rateUrl}
        style={{ backgroundColor: '#b71c1c', color: '#ffffff', padding: '10px 16px' }}
      >
        {t('verdict.email.rate')}
      </Button>
      <Text style={{ fontSize: '13px', color: '#555555' }}>
        {t('verdict.email.window', { days: p.windowDays })}
      </Text>
    </EmailLayout>
  ),
})
