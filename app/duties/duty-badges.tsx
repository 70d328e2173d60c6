import { useT } from '../ui/i18n'

/** Working days left, due today, or overdue — derived from the deadline, never stored. */
export function DueBadge({ daysLeft, overdue }: { daysLeft: number | null; overdue: boolean }) {
  const t = useT()
  if (daysLeft === null) return null
  if (overdue)
    return (
      <span className="badge badge--overdue">
        {t('duties.due.overdue', { days: Math.max(1, -daysLeft) })}
      </span>
    )
  if (daysLeft === 0) return <span className="badge badge--warn">{t('duties.due.today')}</span>
  return <span className="badge badge--ok">{t('duties.due.left', { days: daysLeft })}</span>
}

/** The public percent, as a bar with its number beside it. */
export function ProgressBar({ percent, label }: { percent: number; label: string }) {
  const t = useT()
  return (
    <>
      <div
        className="progress-bar"
        role="progressbar"
        aria-label={label}
        aria-valuenow={percent}
        aria-valuemin={0}
        aria-valuemax={100}
      >
        <span style={{ width: `${percent}%` }} />
      </div>
      {t('duties.percent', { percent })}
    </>
  )
}
