import { Button, Text } from '@react-email/components'
import type { MessageKey } from '../app/locales/types'
import { defineEmail } from './define'
import { EmailLayout } from './layout'

/**
 * A step of the reporter's report: accepted, declined, merged, progress or reopened (复核). The
 * resolution itself reaches the reporter once, as the rating invitation.
 */
export type ReportUpdateStep = 'accepted' | 'declined' | 'merged' | 'progress' | 'reopened'

export interface ReportUpdateProps {
  step: ReportUpdateStep
  name: string
  title: string
  code: string
  followUrl: string
  /** The unit's name (accepted), the public reason (declined), the update or summary. */
  detail?: string | null
  deadline?: string | null
}

export default defineEmail<ReportUpdateProps>({
  subject: (p, t) => t(`duties.email.update.${p.step}.subject` as MessageKey, { code: p.code }),
  render: (p, t, locale) => (
    <EmailLayout
      locale={locale}
      t={t}
      preview={t(`duties.email.update.${p.step}.subject` as MessageKey, { code: p.code })}
    >
      <Text>{t('email.reportReceived.greeting', { name: p.name })}</Text>
      <Text>
        {t(`duties.email.update.${p.step}.body` as MessageKey, {
          title: p.title,
          detail: p.detail ?? '',
        })}
      </Text>
      {p.deadline ? (
        <Text>{t('duties.email.update.deadline', { deadline: p.deadline })}</Text>
      ) : null}
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
