import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase, migrateToLatest } from '../../db/index'
import { auditLog } from '../../app/transparency/audit.server'
import { integrateAll, logVerifierKey } from '../../app/transparency/log.server'
import { latestCheckpoint } from '../../app/transparency/store.server'
import { seed } from '../../db/seed'
import { freshDatabase, postgresUrl } from './server'

/** The backup recipe of docs/DEPLOY.md, run as written: deploy/backup.sh, then deploy/restore.sh. */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaimen-backup-'))
const source = 'kaimen_backup_source'
const target = 'kaimen_backup_restored'

afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true })
  const admin = new pg.Client({ connectionString: postgresUrl() })
  await admin.connect()
  for (const name of [source, target])
    await admin.query(`drop database if exists ${name} with (force)`)
  await admin.end()
})

function libpq(url: string): NodeJS.ProcessEnv {
  const u = new URL(url)
  return {
    ...process.env,
    PGHOST: u.hostname,
    PGPORT: u.port || '5432',
    PGUSER: decodeURIComponent(u.username) || 'postgres',
    PGPASSWORD: decodeURIComponent(u.password),
    PGDATABASE: u.pathname.slice(1),
  }
}

describe('backups', () => {
  it('restores a pg_dump of a live database into a new one with every row and a transparency log that verifies against the checkpoint taken before', async () => {
    const sourceUrl = await freshDatabase(postgresUrl(), source)
    const live = openDatabase({ url: sourceUrl })
    await migrateToLatest(live.db)
    await seed(live.db, { demo: true })
    const tables = ['reports', 'duties', 'events', 'units', 'email_outbox', 'staff_users'] as const
    const counts = async (db: typeof live.db) =>
      Object.fromEntries(
        await Promise.all(
          tables.map(async (t) => {
            const row = await db
              .selectFrom(t)
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
            return [t, Number(row.n)] as const
          }),
        ),
      )
    await integrateAll(live.db)
    const earlier = (await latestCheckpoint(live.db))!.note
    const verifierKey = await logVerifierKey(live.db)
    const before = await counts(live.db)
    await live.close()
    expect(before.reports).toBeGreaterThan(0)
    expect(before.events).toBeGreaterThan(0)

    const dump = execFileSync('deploy/backup.sh', {
      env: { ...libpq(sourceUrl), BACKUP_DIR: dir, KEEP_DAYS: '14' },
    })
      .toString()
      .trim()
    expect(fs.existsSync(dump)).toBe(true)

    const targetUrl = await freshDatabase(postgresUrl(), target)
    const env = libpq(targetUrl)
    execFileSync('dropdb', [target], { env })
    execFileSync('deploy/restore.sh', [dump, target], { env, stdio: 'inherit' })

    const restored = openDatabase({ url: targetUrl })
    try {
      expect(await counts(restored.db)).toEqual(before)
      const audit = await auditLog(restored.db, { earlier, verifierKey })
      expect(audit).toMatchObject({ ok: true, treeSize: before.events })
    } finally {
      await restored.close()
    }
  })
})
