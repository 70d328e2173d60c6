import { Button, Text } from '@react-email/components'
import { defineEmail } from './define'
import { EmailLayout } from './layout'

export interface DutyResolvedProps {
  title: string
  unit: string
  summary: string
  dutyUrl: string
}

/** To the coordinator: a unit marked a duty resolved. */
export default defineEmail<DutyResolvedProps>({
  subject: (p, t) => t('duties.email.resolved.subject', { title: p.title }),
  render: (p, t, locale) => (
    <EmailLayout
      locale={locale}
      t={t}
      preview={t('duties.email.resolved.subject', { title: p.title })}
    >
      <Text>{t('duties.email.resolved.body', { title: p.title, unit: p.unit })}</Text>
      <Text>{t('timeline.summary', { summary: p.summary })}</Text>
      <Button
        href={p.dutyUrl}
        style={{ backgroundColor: '#b71c1c', color: '#ffffff', padding: '10px 16px' }}
      >
        {t('duties.email.open')}
      </Button>
    </EmailLayout>
  ),
})
