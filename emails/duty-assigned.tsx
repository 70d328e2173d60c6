import { Button, Text } from '@react-email/components'
import { defineEmail } from './define'
import { EmailLayout } from './layout'

export interface DutyAssignedProps {
  title: string
  commitment: string
  deadline: string | null
  dutyUrl: string
}

/** To a unit's staff: a new duty on their duty list. */
export default defineEmail<DutyAssignedProps>({
  subject: (p, t) => t('duties.email.assigned.subject', { title: p.title }),
  render: (p, t, locale) => (
    <EmailLayout
      locale={locale}
      t={t}
      preview={t('duties.email.assigned.subject', { title: p.title })}
    >
      <Text>{t('duties.email.assigned.body', { title: p.title })}</Text>
      <Text>{t('duties.email.assigned.commitment', { commitment: p.commitment })}</Text>
      <Text>
        {p.deadline
          ? t('duties.email.update.deadline', { deadline: p.deadline })
          : t('duties.modes.ongoing')}
      </Text>
      <Button
        href={p.dutyUrl}
        style={{ backgroundColor: '#b71c1c', color: '#ffffff', padding: '10px 16px' }}
      >
        {t('duties.email.open')}
      </Button>
    </EmailLayout>
  ),
})
