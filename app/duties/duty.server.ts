import type { Transaction } from 'kysely'
import type { Database, Duty, DutyUpdate } from '../../db/schema'
import { nextStatus, type DutyAction } from './duty-lifecycle'
import { DomainError } from '../platform/errors'
import { appendEvent } from '../platform/event.server'

/** Someone else changed the duty since the form was loaded: reload and retry. */
export function dutyConflict(): DomainError {
  return new DomainError(409, 'duties.conflict')
}

const eventTypes: Record<DutyAction, string> = {
  start: 'duty.started',
  resolve: 'duty.resolved',
  reopen: 'duty.reopened',
  close: 'duty.closed',
}

export interface TransitionInput {
  dutyId: number
  action: DutyAction
  /** 'staff:<id>', 'reporter', 'system', … */
  actor: string
  /** The version the actor saw; a different current version is refused as a conflict (409). */
  expectedVersion?: number
  /** Extra columns set with the status (resolution summary, new deadline, …). */
  patch?: DutyUpdate
  /** Public data recorded on the event (reason, summary, new deadline, …). */
  eventData?: Record<string, unknown>
}

/**
 * The one way a duty changes status: checks the lifecycle and the version, updates the duty
 * and appends its public event, all inside the caller's transaction (which also queues the
 * emails). Refuses an illegal transition or a stale version with a DomainError (409).
 */
export async function transitionDuty(
  trx: Transaction<Database>,
  input: TransitionInput,
): Promise<Duty> {
  const duty = await trx
    .selectFrom('duties')
    .selectAll()
    .where('id', '=', input.dutyId)
    .forUpdate()
    .executeTakeFirstOrThrow()
  if (input.expectedVersion !== undefined && duty.version !== input.expectedVersion) {
    throw dutyConflict()
  }
  const status = nextStatus(duty.status, input.action)
  const now = new Date()
  const stamps: DutyUpdate =
    input.action === 'resolve'
      ? { resolved_at: now }
      : input.action === 'close'
        ? { closed_at: now }
        : input.action === 'reopen'
          ? { resolved_at: null, reopened_count: duty.reopened_count + 1 }
          : {}
  const updated = await trx
    .updateTable('duties')
    .set({ ...stamps, ...input.patch, status, version: duty.version + 1, updated_at: now })
    .where('id', '=', duty.id)
    .returningAll()
    .executeTakeFirstOrThrow()
  await appendEvent(trx, {
    type: eventTypes[input.action],
    dutyId: duty.id,
    actor: input.actor,
    public: true,
    data: input.eventData,
  })
  return updated
}

/**
 * Changes a duty's fields (not its status) only if nobody changed it since `expectedVersion`;
 * every successful change bumps the version.
 */
export async function updateDutyChecked(
  trx: Transaction<Database>,
  dutyId: number,
  expectedVersion: number,
  patch: DutyUpdate,
): Promise<Duty> {
  const updated = await trx
    .updateTable('duties')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', dutyId)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst()
  if (!updated) throw dutyConflict()
  return updated
}

/** The duty's page on the staff side, for the emails that ask someone to act on it. */
export function dutyUrl(publicUrl: string, dutyId: number): string {
  return `${publicUrl.replace(/\/$/, '')}/staff/duties/${dutyId}`
}

/** Adds a step at the end of the duty's list (the caller refreshes the progress). */
export async function appendMilestone(
  trx: Transaction<Database>,
  dutyId: number,
  step: { title: string; dueOn: string | null },
): Promise<void> {
  const last = await trx
    .selectFrom('milestones')
    .select((eb) => eb.fn.max('sort_order').as('max'))
    .where('duty_id', '=', dutyId)
    .executeTakeFirst()
  await trx
    .insertInto('milestones')
    .values({
      duty_id: dutyId,
      title: step.title,
      due_on: step.dueOn,
      sort_order: Number(last?.max ?? -1) + 1,
    })
    .execute()
}
