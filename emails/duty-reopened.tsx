import { Button, Text } from '@react-email/components'
import { defineEmail } from './define'
import { EmailLayout } from './layout'

export interface DutyReopenedProps {
  title: string
  reason: string
  deadline: string | null
  dutyUrl: string
}

/** To a unit's staff: a duty of theirs reopened (复核) with the reporter's reason. */
export default defineEmail<DutyReopenedProps>({
  subject: (p, t) => t('duties.email.reopened.subject', { title: p.title }),
  render: (p, t, locale) => (
    <EmailLayout
      locale={locale}
      t={t}
      preview={t('duties.email.reopened.subject', { title: p.title })}
    >
      <Text>{t('duties.email.reopened.body', { title: p.title, reason: p.reason })}</Text>
      {p.deadline ? (
        <Text>{t('duties.email.update.deadline', { deadline: p.deadline })}</Text>
      ) : null}
      <Button
        href={p.dutyUrl}
        style={{ backgroundColor: '#b71c1c', color: '#ffffff', padding: '10px 16px' }}
      >
        {t('duties.email.open')}
      </Button>
    </EmailLayout>
  ),
})
