import { Text } from '@react-email/components'
import { defineEmail } from './define'
import { EmailLayout } from './layout'

export interface SignInAlertProps {
  name: string
  attempts: number
  minutes: number
}

/** Told to an officer when wrong passwords pile up against their account (nothing is locked). */
export default defineEmail<SignInAlertProps>({
  subject: (_p, t) => t('auth.email.signInAlert.subject'),
  render: (p, t, locale) => (
    <EmailLayout locale={locale} t={t} preview={t('auth.email.signInAlert.subject')}>
      <Text>{t('auth.email.signInAlert.greeting', { name: p.name })}</Text>
      <Text>{t('auth.email.signInAlert.body', { attempts: p.attempts, minutes: p.minutes })}</Text>
      <Text>{t('auth.email.signInAlert.advice')}</Text>
    </EmailLayout>
  ),
})
