import { Button, Text } from '@react-email/components'
import { defineEmail } from './define'
import { EmailLayout } from './layout'

export interface SupervisionProps {
  step: 'remind-3' | 'remind-1' | 'overdue' | 'overdue-5'
  title: string
  unit: string
  deadline: string
  /** Working days left (reminders) or over (escalations). */
  days: number
  dutyUrl: string
}

const escalation = (p: SupervisionProps) => p.step === 'overdue' || p.step === 'overdue-5'

/** A reminder before a duty's deadline, or an escalation (督办) after it. */
export default defineEmail<SupervisionProps>({
  subject: (p, t) =>
    escalation(p)
      ? t('accountability.email.overdueSubject', { title: p.title })
      : t('accountability.email.remindSubject', { title: p.title, deadline: p.deadline }),
  render: (p, t, locale) => {
    const body = escalation(p)
      ? t('accountability.email.overdueBody', { ...p })
      : t('accountability.email.remindBody', { ...p })
    return (
      <EmailLayout locale={locale} t={t} preview={body}>
        <Text>{body}</Text>
        <Button
          href={p.dutyUrl}
          style={{ backgroundColor: '#b71c1c', color: '#ffffff', padding: '10px 16px' }}
        >
          {t('accountability.email.open')}
        </Button>
      </EmailLayout>
    )
  },
})
