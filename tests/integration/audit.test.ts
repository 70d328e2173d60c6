import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { verifyEventChain } from '../../db/index'
import { seed } from '../../db/seed'
import { setupTestDatabase } from '../support/database'

const database = setupTestDatabase()

describe('the audit trail', () => {
  it('chains every event to the previous one', async () => {
    const { db } = database.current
    await seed(db, { demo: true })
    const check = await verifyEventChain(db)
    expect(check.events).toBeGreaterThan(50)
    expect(check.broken).toEqual([])
    const first = await db
      .selectFrom('events')
      .select(['seq', 'prev_hash', 'hash'])
      .orderBy('seq')
      .executeTakeFirstOrThrow()
    expect(first).toMatchObject({ seq: 1, prev_hash: 'genesis' })
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/)
  })

  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    const { db } = database.current
    await expect(
      db.updateTable('events').set({ actor: 'someone' }).where('seq', '=', 3).execute(),
    ).rejects.toThrow(/append-only/)
    await expect(db.deleteFrom('events').where('seq', '=', 3).execute()).rejects.toThrow(
      /append-only/,
    )
    await expect(sql`truncate events`.execute(db)).rejects.toThrow(
      /append-only|foreign key|cannot truncate/,
    )
    expect((await verifyEventChain(db)).broken).toEqual([])
  })

  it('detects history rewritten behind the triggers’ back', async () => {
    const { db } = database.current
    // An attacker with the owner's rights switches the guard off and edits, then deletes.
    await sql`alter table events disable trigger events_no_update`.execute(db)
    await sql`update events set data = '{"reason":"rewritten"}'::jsonb where seq = 5`.execute(db)
    let check = await verifyEventChain(db)
    expect(check.broken).toEqual([expect.objectContaining({ seq: 5, problem: 'hash' })])
    await sql`delete from events where seq = 10`.execute(db)
    check = await verifyEventChain(db)
    expect(check.broken.map((b) => [b.seq, b.problem])).toEqual([
      [5, 'hash'],
      [11, 'link'],
    ])
    await sql`alter table events enable trigger events_no_update`.execute(db)
  })
})
