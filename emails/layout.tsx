import { Body, Container, Head, Hr, Html, Preview, Section, Text } from '@react-email/components'
import type { ReactNode } from 'react'
import type { Locale, Translate } from '../app/platform/i18n'

export function EmailLayout({
  locale,
  t,
  preview,
  children,
}: {
  locale: Locale
  t: Translate
  preview: string
  children: ReactNode
}) {
  return (
    <Html lang={locale}>
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: '#f6f6f4', fontFamily: 'sans-serif', color: '#1f1f1f' }}>
        <Container style={{ backgroundColor: '#ffffff', padding: '24px', maxWidth: '560px' }}>
          <Text style={{ fontSize: '20px', fontWeight: 700, color: '#b71c1c' }}>
            {t('common.siteName')}
          </Text>
          <Section>{children}</Section>
          <Hr />
          <Text style={{ fontSize: '12px', color: '#666666' }}>{t('email.footer')}</Text>
        </Container>
      </Body>
    </Html>
  )
}
