import { Button, Text } from '@react-email/components'
import { defineEmail } from './define'
import { EmailLayout } from './layout'

export interface ReportReceivedProps {
  name: string
  title: string
  code: string
  followUrl: string
}

export default defineEmail<ReportReceivedProps>({
  subject: (p, t) => t('email.reportReceived.subject', { code: p.code }),
  render: (p, t, locale) => (
    <EmailLayout
      locale={locale}
      t={t}
      preview={t('email.reportReceived.preview', { code: p.code })}
    >
      <Text>{t('email.reportReceived.greeting', { name: p.name })}</Text>
      <Text>{t('email.reportReceived.body', { title: p.title })}</Text>
      <Text style={{ fontSize: '18px', fontWeight: 700 }}>
        {t('email.reportReceived.code', { code: p.code })}
      </Text>
      <Button
        href={p.followUrl}
        style={{ backgroundColor: '#b71c1c', color: '#ffffff', padding: '10px 16px' }}
      >
        {t('email.reportReceived.follow')}
      </Button>
      <Text style={{ fontSize: '13px', color: '#555555' }}>{t('email.reportReceived.keep')}</Text>
    </EmailLayout>
  ),
})
