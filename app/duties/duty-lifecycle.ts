import type { DutyStatus, ReportStatus } from '../../db/schema'
import { DomainError } from '../platform/errors'
import { translated } from '../platform/text'

/**
 * A duty's lifecycle (DESIGN.md): assigned → in_progress → resolved → closed, and a resolved
 * duty reopened (复核) into in_progress. `overdue` is derived from the deadline, never stored.
 */
export type DutyAction = 'start' | 'resolve' | 'reopen' | 'close'

const transitions: Record<DutyAction, { from: DutyStatus[]; to: DutyStatus }> = {
  start: { from: ['assigned'], to: 'in_progress' },
  // An immediate fix may be resolved straight from assigned.
  resolve: { from: ['assigned', 'in_progress'], to: 'resolved' },
  reopen: { from: ['resolved'], to: 'in_progress' },
  close: { from: ['resolved'], to: 'closed' },
}

export const dutyActions = Object.keys(transitions) as DutyAction[]
export const dutyStatuses: DutyStatus[] = ['assigned', 'in_progress', 'resolved', 'closed']

export function canTransition(status: DutyStatus, action: DutyAction): boolean {
  return transitions[action].from.includes(status)
}

export function nextStatus(status: DutyStatus, action: DutyAction): DutyStatus {
  if (!canTransition(status, action)) throw illegalTransition(status, action)
  return transitions[action].to
}

export function allowedActions(status: DutyStatus): DutyAction[] {
  return dutyActions.filter((a) => canTransition(status, a))
}

/** The refusal names the status and the action, each in the reader's language. */
function illegalTransition(status: DutyStatus, action: DutyAction): DomainError {
  return new DomainError(409, 'duties.duty.illegal', {
    status: translated(`duties.status.${status}`),
    action: translated(`duties.actions.${action}`),
  })
}

export function isOpenDuty(status: DutyStatus): boolean {
  return status === 'assigned' || status === 'in_progress'
}

/** Overdue: still open and past its deadline (a date in China). */
export function isOverdue(
  duty: { status: DutyStatus; deadline: string | null },
  today: string,
): boolean {
  return isOpenDuty(duty.status) && duty.deadline !== null && duty.deadline < today
}

/** A report leaves `pending` once, to one of three outcomes. */
export function canDecideReport(status: ReportStatus): boolean {
  return status === 'pending'
}

/** Progress is derived from the milestones done, never typed in by hand. */
export function progressFromMilestones(
  milestones: Array<{ done_at: Date | string | null }>,
): number {
  if (milestones.length === 0) return 0
  const done = milestones.filter((m) => m.done_at !== null).length
  return Math.round((done / milestones.length) * 100)
}
