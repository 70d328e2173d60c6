import type { Transaction } from 'kysely'
import type { Database } from '../../db/schema'

export interface NewEvent {
  type: string
  reportId?: number | null
  dutyId?: number | null
  actor: string
  public: boolean
  data?: Record<string, unknown>
}

/** Events are appended inside the transaction that makes the change they record. */
export async function appendEvent(trx: Transaction<Database>, event: NewEvent): Promise<void> {
  await trx
    .insertInto('events')
    .values({
      type: event.type,
      report_id: event.reportId ?? null,
      duty_id: event.dutyId ?? null,
      actor: event.actor,
      public: event.public,
      data: JSON.stringify(event.data ?? {}),
    })
    .execute()
}
