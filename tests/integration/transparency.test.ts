import { sql, type Kysely } from 'kysely'
import { describe, expect, it } from 'vitest'
import type { Database } from '../../db/schema'
import { seed } from '../../db/seed'
import { createReport } from '../../app/reporting/report.server'
import { reportTimeline } from '../../app/browse/timeline.server'
import { loader as feedRoute } from '../../app/routes/feeds.$file'
import { loader as checkpointRoute } from '../../app/routes/transparency.checkpoint'
import { loader as oldCheckpointRoute } from '../../app/routes/transparency.checkpoints.$size'
import { loader as proofRoute } from '../../app/routes/transparency.proof.$index'
import { loader as tileRoute } from '../../app/routes/transparency.tile.$'
import { loader as vkeyRoute } from '../../app/routes/transparency.vkey'
import { auditLog } from '../../app/transparency/audit.server'
import { openCheckpoint } from '../../app/transparency/checkpoint'
import { integrateAll, integrateBatch } from '../../app/transparency/log.server'
import { checkRecord, leafHash } from '../../app/transparency/merkle'
import { createVerifier } from '../../app/transparency/note'
import { parseEntryBundle, parseTileData } from '../../app/transparency/tiles'
import { setupTestDatabase } from '../support/database'

const database = setupTestDatabase()
const db = () => database.current.db
const args = (params: Record<string, string> = {}) => ({
  request: new Request('http://localhost/transparency'),
  params,
  context: {},
})

async function text(response: Response | Promise<Response>): Promise<string> {
  return (await response).text()
}

async function eventCount(kysely: Kysely<Database> = db()): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from events`.execute(kysely)
  return Number(rows[0]!.n)
}

/** Runs `tamper` and the audit inside a transaction that is always rolled back. */
async function auditAfter(earlier: string, tamper: (trx: Kysely<Database>) => Promise<void>) {
  const verifierKey = (await text(vkeyRoute())).trim()
  let result: Awaited<ReturnType<typeof auditLog>> | undefined
  await db()
    .transaction()
    .execute(async (trx) => {
      await tamper(trx)
      result = await auditLog(trx, { earlier, verifierKey })
      throw new Rollback()
    })
    .catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error
    })
  return result!
}
class Rollback extends Error {}

/** What an attacker with the owner's rights does to cover a rewrite: re-sign a fresh tree. */
async function rebuildTree(trx: Kysely<Database>): Promise<void> {
  await sql`alter table transparency_hashes disable trigger user`.execute(trx)
  await sql`alter table transparency_checkpoints disable trigger user`.execute(trx)
  await sql`delete from transparency_hashes`.execute(trx)
  await sql`delete from transparency_checkpoints`.execute(trx)
  await sql`update events set log_index = null`.execute(trx)
  await integrateAll(trx)
}

describe('the transparency log', () => {
  it('signs a checkpoint that verifies with the published key, over every event', async () => {
    await seed(db(), { demo: true })
    await sql`insert into events (type, report_id, actor, public) values ('report.viewed_by_staff', 1, 'staff:1', false)`.execute(
      db(),
    )
    const size = await integrateAll(db())
    expect(size).toBe(await eventCount())
    expect(size).toBeGreaterThan(50)
    const verifier = createVerifier((await text(vkeyRoute())).trim())
    const checkpoint = openCheckpoint(await text(checkpointRoute()), verifier)
    expect(checkpoint.size).toBe(size)
    // Every checkpoint stays retrievable by its size.
    const old = await text(oldCheckpointRoute(args({ size: String(size) })))
    expect(openCheckpoint(old, verifier).rootHash).toEqual(checkpoint.rootHash)
  })

  it('grows the tree after a new report and one worker batch', async () => {
    const before = openCheckpoint(
      await text(checkpointRoute()),
      createVerifier((await text(vkeyRoute())).trim()),
    ).size
    const category = await db().selectFrom('categories').select('id').executeTakeFirstOrThrow()
    const area = await db()
      .selectFrom('areas')
      .select('id')
      .where('level', '=', 'community')
      .executeTakeFirstOrThrow()
    await createReport(
      db(),
      {
        kind: 'concern',
        categoryId: category.id,
        areaId: area.id,
        title: '小区门口路灯不亮很久了',
        body: '晚上小区门口一片漆黑，老人出入很不方便，希望尽快修好路灯。',
        contactName: '测试居民',
        contactMobile: '13800138000',
        display: 'masked',
      },
      [],
      { locale: 'zh-CN', publicUrl: 'http://localhost:3000' },
    )
    const { size, added } = await integrateBatch(db())
    expect(added).toBeGreaterThan(0)
    expect(size).toBe(before + added)
    const latest = openCheckpoint(
      await text(checkpointRoute()),
      createVerifier((await text(vkeyRoute())).trim()),
    )
    expect(latest.size).toBe(size)
  })

  it('proves each event is in the signed tree, and serves it as tlog tiles', async () => {
    const verifier = createVerifier((await text(vkeyRoute())).trim())
    const checkpoint = openCheckpoint(await text(checkpointRoute()), verifier)
    const response = await proofRoute(args({ index: '7' }))
    const proof = (await response.json()) as { leaf: string; proof: string[]; treeSize: number }
    expect(proof.treeSize).toBe(checkpoint.size)
    const leaf = leafHash(Buffer.from(proof.leaf, 'utf8'))
    const path = proof.proof.map((h) => Buffer.from(h, 'base64'))
    expect(checkRecord(path, checkpoint.size, checkpoint.rootHash, 7, leaf)).toBe(true)
    expect(checkRecord(path, checkpoint.size, checkpoint.rootHash, 8, leaf)).toBe(false)

    const width = Math.min(checkpoint.size, 256)
    const suffix = width === 256 ? '' : `.p/${width}`
    const bundle = await (await tileRoute(args({ '*': `entries/000${suffix}` }))).arrayBuffer()
    const entries = parseEntryBundle(new Uint8Array(bundle), width)
    const tile = await (await tileRoute(args({ '*': `0/000${suffix}` }))).arrayBuffer()
    expect(parseTileData(new Uint8Array(tile), width)).toEqual(entries.map((e) => leafHash(e)))
    expect(entries[7]!.toString('utf8')).toBe(proof.leaf)
    // A private event is published as a salted commitment only.
    const hidden = await db()
      .selectFrom('events')
      .select('log_index')
      .where('public', '=', false)
      .where('log_index', 'is not', null)
      .executeTakeFirstOrThrow()
    const privateProof = (await (
      await proofRoute(args({ index: String(hidden.log_index) }))
    ).json()) as { leaf: string }
    expect(privateProof.leaf).toMatch(/^private\n[0-9a-f]{64}$/)
    expect(entries.map((e) => e.toString('utf8')).join('\n')).not.toContain('13800138000')
    await expect(tileRoute(args({ '*': 'entries/999' }))).rejects.toMatchObject({ status: 404 })
  })

  it('links each public timeline entry to its proof, and sends checkpoints out in the feed', async () => {
    const report = await db().selectFrom('reports').select('id').executeTakeFirstOrThrow()
    const entries = await reportTimeline(db(), report.id)
    expect(entries.length).toBeGreaterThan(0)
    for (const entry of entries) expect(entry.logIndex).toEqual(expect.any(Number))
    const feed = await (
      await feedRoute({
        request: new Request('http://localhost/feeds/progress.xml'),
        params: { file: 'progress.xml' },
        context: {},
      })
    ).text()
    const latest = openCheckpoint(
      await text(checkpointRoute()),
      createVerifier((await text(vkeyRoute())).trim()),
    )
    expect(feed).toContain(`/transparency/checkpoints/${latest.size}`)
  })

  it('refuses UPDATE, DELETE and TRUNCATE, and numbering an event twice', async () => {
    await expect(
      db().updateTable('events').set({ log_index: 99999 }).where('seq', '=', 3).execute(),
    ).rejects.toThrow(/append-only/)
    await expect(sql`update events set actor = 'x' where seq = 3`.execute(db())).rejects.toThrow(
      /append-only/,
    )
    await expect(db().deleteFrom('events').where('seq', '=', 3).execute()).rejects.toThrow(
      /append-only/,
    )
    await expect(sql`truncate events`.execute(db())).rejects.toThrow(
      /append-only|foreign key|cannot truncate/,
    )
    await expect(sql`delete from transparency_hashes`.execute(db())).rejects.toThrow(/append-only/)
    await expect(sql`delete from transparency_checkpoints`.execute(db())).rejects.toThrow(
      /append-only/,
    )
  })
})

describe('the verifier holding an earlier checkpoint', () => {
  const earlier = () => text(checkpointRoute())

  it('passes an untouched log, and one that grew since', async () => {
    const kept = await earlier()
    const untouched = await auditAfter(kept, async () => {})
    expect(untouched).toMatchObject({ ok: true, pending: 0 })
    const grown = await auditAfter(kept, async (trx) => {
      await sql`insert into events (type, actor, public) values ('report.viewed_by_staff', 'staff:1', false)`.execute(
        trx,
      )
      await integrateBatch(trx)
    })
    expect(grown).toMatchObject({ ok: true, treeSize: (await eventCount()) + 1 })
  })

  it('catches an event rewritten in place', async () => {
    const result = await auditAfter(await earlier(), async (trx) => {
      await sql`alter table events disable trigger user`.execute(trx)
      await sql`update events set data = '{"reason":"rewritten"}'::jsonb where log_index = 5`.execute(
        trx,
      )
    })
    expect(result).toMatchObject({ ok: false, code: 'event-changed', index: 5 })
  })

  it('catches an event rewritten and the tree rebuilt and re-signed after it', async () => {
    const result = await auditAfter(await earlier(), async (trx) => {
      await sql`alter table events disable trigger user`.execute(trx)
      await sql`update events set data = '{"reason":"rewritten"}'::jsonb where log_index = 5`.execute(
        trx,
      )
      await rebuildTree(trx)
    })
    expect(result).toMatchObject({ ok: false, code: 'inconsistent' })
  })

  it('catches the tail deleted with its hashes and checkpoints', async () => {
    const size = await eventCount()
    const result = await auditAfter(await earlier(), async (trx) => {
      await sql`alter table events disable trigger user`.execute(trx)
      await sql`delete from events where log_index >= ${size - 3}`.execute(trx)
      await rebuildTree(trx)
    })
    expect(result).toMatchObject({ ok: false, code: 'tree-shrank' })
  })

  it('catches the tail deleted while the tree was left alone', async () => {
    const size = await eventCount()
    const result = await auditAfter(await earlier(), async (trx) => {
      await sql`alter table events disable trigger user`.execute(trx)
      await sql`delete from events where log_index >= ${size - 3}`.execute(trx)
    })
    expect(result).toMatchObject({ ok: false, code: 'missing-events' })
  })

  it('catches two events reordered, with or without the tree rebuilt', async () => {
    const swap = async (trx: Kysely<Database>) => {
      await sql`alter table events disable trigger user`.execute(trx)
      await sql`update events set log_index = -1 where log_index = 3`.execute(trx)
      await sql`update events set log_index = 3 where log_index = 9`.execute(trx)
      await sql`update events set log_index = 9 where log_index = -1`.execute(trx)
    }
    expect(await auditAfter(await earlier(), swap)).toMatchObject({
      ok: false,
      code: 'event-changed',
      index: 3,
    })
    const reseq = await auditAfter(await earlier(), async (trx) => {
      await sql`alter table events disable trigger user`.execute(trx)
      // Swap the sequence numbers and let the log integrate them again in the new order.
      await sql`update events set seq = -seq where log_index in (3, 9)`.execute(trx)
      await sql`update events e set seq = o.seq from (select log_index, -seq as seq from events where log_index in (3, 9)) o
        where e.log_index in (3, 9) and e.log_index <> o.log_index`.execute(trx)
      await rebuildTree(trx)
    })
    expect(reseq).toMatchObject({ ok: false, code: 'inconsistent' })
  })
})
