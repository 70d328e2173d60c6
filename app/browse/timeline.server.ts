import type { Kysely } from 'kysely'
import type { AttachmentTable, Database } from '../../db/schema'

export interface TimelinePhoto {
  key: string
  role: AttachmentTable['role']
  width: number | null
  height: number | null
}

export interface TimelineEntry {
  id: string
  type: string
  at: Date
  reportId: number | null
  dutyId: number | null
  /** The event's leaf in the transparency log, once the log has integrated it. */
  logIndex: number | null
  /** Public event data only: reasons, summaries, deadlines, levels — never contact details. */
  data: Record<string, unknown>
  progress?: { body: string; percent: number; photos: TimelinePhoto[] }
  /** Who made a callback (回访): a unit, or null for the coordinating office. */
  callbackBy?: { name: string; nameEn: string } | null
}

/** Every public event of a report, and of the duty it was accepted into, oldest first. */
export async function reportTimeline(
  db: Kysely<Database>,
  reportId: number,
): Promise<TimelineEntry[]> {
  const link = await db
    .selectFrom('duty_reports')
    .select('duty_id')
    .where('report_id', '=', reportId)
    .executeTakeFirst()
  return timeline(db, { reportIds: [reportId], dutyId: link?.duty_id ?? null })
}

/** Every public event of a duty and of the reports linked to it, oldest first. */
export async function dutyTimeline(db: Kysely<Database>, dutyId: number): Promise<TimelineEntry[]> {
  const links = await db
    .selectFrom('duty_reports')
    .select('report_id')
    .where('duty_id', '=', dutyId)
    .execute()
  return timeline(db, { reportIds: links.map((l) => l.report_id), dutyId })
}

async function timeline(
  db: Kysely<Database>,
  scope: { reportIds: number[]; dutyId: number | null },
): Promise<TimelineEntry[]> {
  const events = await db
    .selectFrom('events')
    .select(['id', 'type', 'occurred_at', 'report_id', 'duty_id', 'data', 'log_index'])
    .where('public', '=', true)
    .where((eb) => {
      const ors = []
      if (scope.reportIds.length) ors.push(eb('report_id', 'in', scope.reportIds))
      if (scope.dutyId !== null) ors.push(eb('duty_id', '=', scope.dutyId))
      return ors.length ? eb.or(ors) : eb.val(false)
    })
    .orderBy('occurred_at')
    .orderBy('id')
    .execute()

  // Progress updates, and resolutions that carry evidence photos, point at a progress update.
  const progressIds = events
    .map((e) =>
      e.type === 'duty.progress' || e.type === 'duty.resolved'
        ? Number(e.data.progressUpdateId)
        : NaN,
    )
    .filter((n) => Number.isSafeInteger(n))
  const updates = progressIds.length
    ? await db
        .selectFrom('progress_updates')
        .select(['id', 'body_public as body', 'progress'])
        .where('id', 'in', progressIds)
        .execute()
    : []
  const photos = progressIds.length
    ? await db
        .selectFrom('attachments')
        .select(['storage_key', 'role', 'width', 'height', 'progress_update_id'])
        .where('progress_update_id', 'in', progressIds)
        .orderBy('id')
        .execute()
    : []

  // A callback's event names the unit by id only; everything said on the call stays private.
  const callbackUnitIds = events
    .map((e) => (e.type === 'duty.callback' ? Number(e.data?.unitId) : NaN))
    .filter((n) => Number.isSafeInteger(n))
  const callbackUnits = callbackUnitIds.length
    ? await db
        .selectFrom('units')
        .select(['id', 'name', 'name_en'])
        .where('id', 'in', callbackUnitIds)
        .execute()
    : []

  return events.map((e) => {
    const data = e.data ?? {}
    const entry: TimelineEntry = {
      id: String(e.id),
      type: e.type,
      at: e.occurred_at,
      reportId: e.report_id,
      dutyId: e.duty_id,
      logIndex: e.log_index === null ? null : Number(e.log_index),
      data,
    }
    if (e.type === 'duty.callback') {
      const unit = callbackUnits.find((u) => u.id === Number(data.unitId))
      entry.callbackBy = unit ? { name: unit.name, nameEn: unit.name_en } : null
    }
    if (e.type === 'duty.progress' || e.type === 'duty.resolved') {
      const update = updates.find((u) => u.id === Number(data.progressUpdateId))
      if (update) {
        entry.progress = {
          body: update.body,
          percent: update.progress,
          photos: photos
            .filter((p) => p.progress_update_id === update.id)
            .map((p) => ({ key: p.storage_key, role: p.role, width: p.width, height: p.height })),
        }
      }
    }
    return entry
  })
}
