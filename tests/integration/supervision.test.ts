import { describe, expect, it } from 'vitest'
import { seed } from '../../db/seed'
import {
  runSupervision,
  stepFor,
  supervisionList,
} from '../../app/accountability/supervision.server'
import { addWorkingDays, chinaToday } from '../../app/duties/working-days'
import { setupTestDatabase } from '../support/database'

const database = setupTestDatabase()
const at = (day: string) => new Date(`${day}T09:00:00+08:00`)

async function newDuty(deadline: string) {
  const { db } = database.current
  const unit = await db
    .selectFrom('units')
    .select('id')
    .where('slug', '=', 'huangpu-street')
    .executeTakeFirstOrThrow()
  const category = await db.selectFrom('categories').select('id').executeTakeFirstOrThrow()
  return db
    .insertInto('duties')
    .values({
      unit_id: unit.id,
      category_id: category.id,
      title: '督办测试事项',
      commitment: '按期完成。',
      leader_name: '张建国',
      leader_title: '书记',
      mode: 'deadline',
      deadline,
      status: 'in_progress',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
}

async function emailsFor(dutyId: number) {
  return database.current.db
    .selectFrom('email_outbox')
    .select(['to_address', 'dedupe_key', 'props'])
    .where('dedupe_key', 'like', `supervision:${dutyId}:%`)
    .orderBy('id')
    .execute()
}

describe('supervision steps', () => {
  it('picks only the furthest step reached', () => {
    expect([5, 4, 3, 2, 1, 0, -1, -4, -5, -30].map(stepFor)).toEqual([
      null,
      null,
      'remind-3',
      'remind-3',
      'remind-1',
      'remind-1',
      'overdue',
      'overdue',
      'overdue-5',
      'overdue-5',
    ])
  })
})

describe('supervision job', () => {
  it('sends each reminder and escalation once, to the unit and then also the coordinator', async () => {
    const { db } = database.current
    await seed(db, { demo: true })
    const today = chinaToday()
    const deadline = addWorkingDays(today, 3)
    const duty = await newDuty(deadline)

    await runSupervision(db, at(today))
    let emails = await emailsFor(duty.id)
    expect(emails.map((e) => [e.to_address, e.dedupe_key])).toEqual([
      ['huangpu@kaimen.local', `supervision:${duty.id}:remind-3:${deadline}:huangpu@kaimen.local`],
    ])
    // Run again the same day, and the next: nothing new.
    await runSupervision(db, at(today))
    await runSupervision(db, at(addWorkingDays(today, 1)))
    expect(await emailsFor(duty.id)).toHaveLength(1)

    await runSupervision(db, at(addWorkingDays(today, 2)))
    await runSupervision(db, at(addWorkingDays(today, 2)))
    emails = await emailsFor(duty.id)
    expect(emails.map((e) => e.dedupe_key!.split(':')[2])).toEqual(['remind-3', 'remind-1'])

    const after = addWorkingDays(deadline, 1)
    await runSupervision(db, at(after))
    await runSupervision(db, at(after))
    emails = await emailsFor(duty.id)
    const escalations = emails.filter((e) => e.dedupe_key!.includes(':overdue:'))
    expect(escalations.map((e) => e.to_address).sort()).toEqual([
      'coordinator@kaimen.local',
      'huangpu@kaimen.local',
    ])
    expect(escalations[0]!.props).toMatchObject({ step: 'overdue', days: 1, deadline })

    await runSupervision(db, at(addWorkingDays(deadline, 6)))
    await runSupervision(db, at(addWorkingDays(deadline, 7)))
    emails = await emailsFor(duty.id)
    expect(emails.filter((e) => e.dedupe_key!.includes(':overdue-5:'))).toHaveLength(2)
    expect(emails).toHaveLength(6)

    const events = await db
      .selectFrom('events')
      .select(['type', 'public'])
      .where('duty_id', '=', duty.id)
      .orderBy('id')
      .execute()
    expect(events).toEqual([
      { type: 'duty.reminded', public: false },
      { type: 'duty.reminded', public: false },
      { type: 'duty.escalated', public: true },
      { type: 'duty.escalated', public: true },
    ])
  })

  it('starts over for a new deadline, and stops once the duty is resolved', async () => {
    const { db } = database.current
    const today = chinaToday()
    const duty = await newDuty(addWorkingDays(today, 1))
    await runSupervision(db, at(today))
    const next = addWorkingDays(today, 2)
    await db.updateTable('duties').set({ deadline: next }).where('id', '=', duty.id).execute()
    await runSupervision(db, at(today))
    expect((await emailsFor(duty.id)).map((e) => e.dedupe_key!.split(':').slice(2, 4))).toEqual([
      ['remind-1', addWorkingDays(today, 1)],
      ['remind-3', next],
    ])
    await db
      .updateTable('duties')
      .set({ status: 'resolved', resolved_at: new Date(), resolution_summary: '已完成。' })
      .where('id', '=', duty.id)
      .execute()
    await runSupervision(db, at(addWorkingDays(next, 2)))
    expect(await emailsFor(duty.id)).toHaveLength(2)
  })

  it('never sends twice when two workers run at once', async () => {
    const { db } = database.current
    const today = chinaToday()
    const duties = await Promise.all([1, 2, 3].map(() => newDuty(addWorkingDays(today, 2))))
    const runs = await Promise.all([
      runSupervision(db, at(today)),
      runSupervision(db, at(today)),
      runSupervision(db, at(today)),
    ])
    for (const duty of duties) expect(await emailsFor(duty.id)).toHaveLength(1)
    const steps = await db
      .selectFrom('supervision_steps')
      .select('duty_id')
      .where(
        'duty_id',
        'in',
        duties.map((d) => d.id),
      )
      .execute()
    expect(steps).toHaveLength(3)
    // Each claim was won by exactly one worker.
    expect(runs.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(3)
  })

  it('lists overdue and soon-due duties for the coordinator, and a unit its own only', async () => {
    const { db } = database.current
    const all = await supervisionList(db, { locale: 'zh-CN' })
    expect(all.some((d) => d.left < 0)).toBe(true)
    expect(new Set(all.map((d) => d.unitId)).size).toBeGreaterThan(1)
    const unitId = all[0]!.unitId
    const own = await supervisionList(db, { locale: 'zh-CN', unitId })
    expect(own.length).toBeGreaterThan(0)
    expect(own.every((d) => d.unitId === unitId)).toBe(true)
  })
})
