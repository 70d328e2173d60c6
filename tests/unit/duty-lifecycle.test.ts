import { describe, expect, it } from 'vitest'
import type { DutyStatus } from '../../db/schema'
import {
  allowedActions,
  canTransition,
  dutyActions,
  dutyStatuses,
  isOverdue,
  nextStatus,
  progressFromMilestones,
  type DutyAction,
} from '../../app/duties/duty-lifecycle'
import { DomainError } from '../../app/platform/errors'
import { translator } from '../../app/platform/i18n'
import { showMessage } from '../../app/platform/text'

const legal: Array<[DutyStatus, DutyAction, DutyStatus]> = [
  ['assigned', 'start', 'in_progress'],
  ['assigned', 'resolve', 'resolved'],
  ['in_progress', 'resolve', 'resolved'],
  ['resolved', 'reopen', 'in_progress'],
  ['resolved', 'close', 'closed'],
]

describe('duty lifecycle', () => {
  it.each(legal)('%s --%s--> %s', (from, action, to) => {
    expect(canTransition(from, action)).toBe(true)
    expect(nextStatus(from, action)).toBe(to)
  })

  it('refuses every other transition with a clear error', () => {
    const legalPairs = new Set(legal.map(([from, action]) => `${from}:${action}`))
    let refused = 0
    for (const status of dutyStatuses) {
      for (const action of dutyActions) {
        if (legalPairs.has(`${status}:${action}`)) continue
        expect(canTransition(status, action)).toBe(false)
        expect(() => nextStatus(status, action)).toThrow(DomainError)
        expect(() => nextStatus(status, action)).toThrow('duties.duty.illegal')
        refused++
      }
    }
    expect(refused).toBe(dutyStatuses.length * dutyActions.length - legal.length)
  })

  it('a closed duty is final', () => {
    expect(allowedActions('closed')).toEqual([])
  })

  it('overdue is derived: open and past the deadline', () => {
    expect(isOverdue({ status: 'in_progress', deadline: '2026-11-20' }, '2026-11-23')).toBe(true)
    expect(isOverdue({ status: 'in_progress', deadline: '2026-11-23' }, '2026-11-23')).toBe(false)
    expect(isOverdue({ status: 'resolved', deadline: '2026-11-20' }, '2026-11-23')).toBe(false)
    expect(isOverdue({ status: 'assigned', deadline: null }, '2026-11-23')).toBe(false)
  })

  it('derives progress from the milestones done', () => {
    expect(progressFromMilestones([])).toBe(0)
    expect(
      progressFromMilestones([{ done_at: new Date() }, { done_at: null }, { done_at: null }]),
    ).toBe(33)
    expect(progressFromMilestones([{ done_at: new Date() }, { done_at: '2026-01-01' }])).toBe(100)
  })

  it('offers each status exactly its legal actions', () => {
    for (const status of dutyStatuses) {
      expect(allowedActions(status).sort()).toEqual(
        legal
          .filter(([from]) => from === status)
          .map(([, action]) => action)
          .sort(),
      )
    }
  })

  it('names the status and the action in the refusal', () => {
    try {
      nextStatus('closed', 'reopen')
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError)
      if (!(error instanceof DomainError)) return
      expect(error).toMatchObject({
        status: 409,
        key: 'duties.duty.illegal',
        values: { status: 't:duties.status.closed', action: 't:duties.actions.reopen' },
      })
      // Shown, the status and the action are in the reader's language.
      const shown = showMessage(error.text, translator('zh-CN'))
      expect(shown).toBe('这项任务当前为“已办结”，不能“退回重新整改”。')
      expect(showMessage(error.text, translator('en'))).not.toContain('t:')
    }
  })
})
