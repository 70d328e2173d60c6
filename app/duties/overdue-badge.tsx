import type { DutyStatus } from '../../db/schema'
import { formatDate } from '../platform/i18n'
import { isOverdue } from './duty-lifecycle'
import { useLocale, useT } from '../ui/i18n'

/** Today on the mainland calendar ('YYYY-MM-DD'), without the holiday calendar's weight. */
const chinaDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' })
function chinaDate(now = new Date()): string {
  return chinaDay.format(now)
}

/**
 * Overdue (超期) is derived, never stored: still open (assigned or in progress) and past its
 * deadline on the mainland calendar. `today` defaults to today in China.
 */
export function isDutyOverdue(
  duty: { status: DutyStatus; deadline: string | null },
  today: string = chinaDate(),
): boolean {
  return isOverdue(duty, today)
}

/**
 * The public overdue marker (超期), the one shown beside a duty wherever it is listed; nothing
 * when the duty is in time. Loaders decide `overdue` (with `isOverdue` or `isDutyOverdue`).
 */
export function OverdueBadge({
  overdue,
  deadline,
}: {
  overdue: boolean
  deadline?: string | null
}) {
  const t = useT()
  const locale = useLocale()
  if (!overdue) return null
  return (
    <span
      className="badge badge--overdue"
      title={
        deadline
          ? t('accountability.overdue.label', { deadline: formatDate(deadline, locale) })
          : undefined
      }
    >
      {t('accountability.overdue.badge')}
    </span>
  )
}
