import { Button, Text } from '@react-email/components'
import { defineEmail } from './define'
import { EmailLayout } from './layout'

export interface RatingReminderProps {
  title: string
  rateUrl: string
}

export default defineEmail<RatingReminderProps>({
  subject: (p, t) => t('verdict.email.ratingReminder.subject', { title: p.title }),
  render: (p, t, locale) => (
    <EmailLayout locale={locale} t={t} preview={t('verdict.email.ratingReminder.preview')}>
      <Text>{t('verdict.email.ratingReminder.body', { title: p.title })}</Text>
      <Button
        href={p.rateUrl}
        style={{ backgroundColor: '#b71c1c', color: '#ffffff', padding: '10px 16px' }}
      >
        {t('verdict.email.rate')}
      </Button>
    </EmailLayout>
  ),
})
