import { Text } from '@react-email/components'
import { defineEmail } from './define'
import { EmailLayout } from './layout'

export interface VerifyCodeProps {
  code: string
  minutes: number
}

export default defineEmail<VerifyCodeProps>({
  subject: (p, t) => t('verdict.email.verifyCode.subject', { code: p.code }),
  render: (p, t, locale) => (
    <EmailLayout locale={locale} t={t} preview={t('verdict.email.verifyCode.preview')}>
      <Text>{t('verdict.email.verifyCode.body')}</Text>
      <Text style={{ fontSize: '24px', fontWeight: 700, letterSpacing: '4px' }}>{p.code}</Text>
      <Text>{t('verdict.email.verifyCode.expires', { minutes: p.minutes })}</Text>
      <Text style={{ fontSize: '13px', color: '#555555' }}>
        {t('verdict.email.verifyCode.ignore')}
      </Text>
    </EmailLayout>
  ),
})
