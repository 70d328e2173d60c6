import type { Kysely } from 'kysely'
import type { Database, DutyStatus } from '../../db/schema'
import { getEnv } from '../platform/env.server'
import type { Locale } from '../platform/i18n'
import { appendEvent } from '../platform/event.server'
import { queueEmail } from '../platform/outbox.server'
import { addWorkingDays, chinaToday, workingDaysBetween } from '../duties/working-days'

/**
 * Supervision (督办). Each open duty with a deadline goes through these steps, each sent once
 * per deadline (a new deadline after a reopen starts over): reminders to the unit 3 and 1
 * working days before, an escalation to the unit and the campaign office the day after it
 * passes, and a second one 5 working days later.
 */
const SUPERVISION_STEPS = ['remind-3', 'remind-1', 'overdue', 'overdue-5'] as const
export type SupervisionStep = (typeof SUPERVISION_STEPS)[number]

function isStep(value: string): value is SupervisionStep {
  return SUPERVISION_STEPS.some((step) => step === value)
}

/** Working days ahead that count as “due soon” on the supervision page. */
const SOON_DAYS = 3

/**
 * The step a duty has reached: only the furthest applies, so a job that starts late sends
 * one email, not a burst. `left` is working days from today to the deadline (negative: over).
 */
export function stepFor(left: number): SupervisionStep | null {
  if (left <= -5) return 'overdue-5'
  if (left < 0) return 'overdue'
  if (left <= 1) return 'remind-1'
  if (left <= 3) return 'remind-3'
  return null
}

function isEscalation(step: SupervisionStep): boolean {
  return step === 'overdue' || step === 'overdue-5'
}

/**
 * Sends what supervision is due. Each step is claimed by inserting its row into
 * supervision_steps (primary key duty, step, deadline) with ON CONFLICT DO NOTHING in the same
 * transaction as its emails and event: when several servers run this at once, exactly one
 * insert wins and only the winner queues anything.
 */
export async function runSupervision(db: Kysely<Database>, now = new Date()): Promise<number> {
  const today = chinaToday(now)
  const horizon = addWorkingDays(today, 3)
  const duties = await db
    .selectFrom('duties as d')
    .innerJoin('units as u', 'u.id', 'd.unit_id')
    .select(['d.id', 'd.title', 'd.deadline', 'd.unit_id', 'u.name as unit_name'])
    .where('d.status', 'in', ['assigned', 'in_progress'])
    .where('d.deadline', 'is not', null)
    .where('d.deadline', '<=', horizon)
    .orderBy('d.deadline')
    .limit(500)
    .execute()
  if (!duties.length) return 0
  const done = new Set(
    (
      await db
        .selectFrom('supervision_steps')
        .select(['duty_id', 'step', 'deadline'])
        .where(
          'duty_id',
          'in',
          duties.map((d) => d.id),
        )
        .execute()
    ).map((s) => `${s.duty_id}:${s.step}:${s.deadline}`),
  )
  const publicUrl = getEnv().PUBLIC_URL.replace(/\/$/, '')
  let sent = 0
  for (const duty of duties) {
    const deadline = duty.deadline!
    const left = workingDaysBetween(today, deadline)
    const step = stepFor(left)
    if (!step || done.has(`${duty.id}:${step}:${deadline}`)) continue
    const claimed = await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('supervision_steps')
        .values({ duty_id: duty.id, step, deadline })
        .onConflict((oc) => oc.doNothing())
        .returning('duty_id')
        .executeTakeFirst()
      if (!row) return false
      const escalation = isEscalation(step)
      const recipients = await trx
        .selectFrom('staff_users')
        .select(['email'])
        .where('disabled_at', 'is', null)
        .where((eb) =>
          escalation
            ? eb.or([eb('unit_id', '=', duty.unit_id), eb('role', '=', 'coordinator')])
            : eb('unit_id', '=', duty.unit_id),
        )
        .orderBy('id')
        .execute()
      for (const r of recipients) {
        await queueEmail(trx, {
          to: r.email,
          template: 'supervision',
          props: {
            step,
            title: duty.title,
            unit: duty.unit_name,
            deadline,
            days: Math.abs(left),
            dutyUrl: `${publicUrl}/duties/${duty.id}`,
          },
          dedupeKey: `supervision:${duty.id}:${step}:${deadline}:${r.email}`,
        })
      }
      await appendEvent(trx, {
        type: escalation ? 'duty.escalated' : 'duty.reminded',
        dutyId: duty.id,
        actor: 'system',
        public: escalation,
        data: { step, deadline },
      })
      return true
    })
    if (claimed) sent++
  }
  return sent
}

let lastRun = 0

/** The worker's entry: supervision is a matter of days, so once a minute per server is plenty. */
export async function supervisionJob(db: Kysely<Database>): Promise<number> {
  if (Date.now() - lastRun < 60_000) return 0
  lastRun = Date.now()
  return runSupervision(db)
}

export interface SupervisedDuty {
  id: number
  title: string
  unitId: number
  unitName: string
  status: DutyStatus
  deadline: string
  /** Working days to the deadline; negative when overdue. */
  left: number
  steps: SupervisionStep[]
}

/** Overdue and soon-due open duties, for the supervision page (one unit's, or all). */
export async function supervisionList(
  db: Kysely<Database>,
  options: { unitId?: number; locale: Locale; now?: Date },
): Promise<SupervisedDuty[]> {
  const today = chinaToday(options.now)
  const horizon = addWorkingDays(today, SOON_DAYS)
  const rows = await db
    .selectFrom('duties as d')
    .innerJoin('units as u', 'u.id', 'd.unit_id')
    .select(['d.id', 'd.title', 'd.status', 'd.deadline', 'd.unit_id', 'u.name', 'u.name_en'])
    .where('d.status', 'in', ['assigned', 'in_progress'])
    .where('d.deadline', 'is not', null)
    .where('d.deadline', '<=', horizon)
    .$if(options.unitId !== undefined, (q) => q.where('d.unit_id', '=', options.unitId!))
    .orderBy('u.sort_order')
    .orderBy('d.deadline')
    .limit(1000)
    .execute()
  const steps = rows.length
    ? await db
        .selectFrom('supervision_steps')
        .select(['duty_id', 'step', 'deadline'])
        .where(
          'duty_id',
          'in',
          rows.map((r) => r.id),
        )
        .execute()
    : []
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    unitId: r.unit_id,
    unitName: options.locale === 'en' ? r.name_en : r.name,
    status: r.status,
    deadline: r.deadline!,
    left: workingDaysBetween(today, r.deadline!),
    steps: steps
      .filter((s) => s.duty_id === r.id && s.deadline === r.deadline)
      .map((s) => s.step)
      .filter(isStep),
  }))
}

/** The supervision page: the same list grouped by unit, in the list's unit order. */
export async function supervisionBoard(
  db: Kysely<Database>,
  options: { unitId?: number; locale: Locale },
) {
  const duties = await supervisionList(db, options)
  const units: Array<{ id: number; name: string; duties: SupervisedDuty[] }> = []
  for (const d of duties) {
    let group = units.find((u) => u.id === d.unitId)
    if (!group) units.push((group = { id: d.unitId, name: d.unitName, duties: [] }))
    group.duties.push(d)
  }
  return { units, soonDays: SOON_DAYS }
}
