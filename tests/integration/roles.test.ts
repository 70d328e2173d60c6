import crypto from 'node:crypto'
import fs from 'node:fs'
import { sql, type Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrateToLatest, openDatabase, type OpenDatabase } from '../../db/index'
import type { Database } from '../../db/schema'
import { integrateBatch } from '../../app/transparency/log.server'

/**
 * deploy/roles.sql on a fresh database (its own schema on PostgreSQL, a new embedded
 * database otherwise): migrated as kaimen_owner, then used as kaimen_app, which must be
 * refused every way of rewriting the record.
 */

/** The statements of one step of deploy/roles.sql (dollar-quoted blocks kept whole). */
function step(name: string): string[] {
  const file = fs.readFileSync('deploy/roles.sql', 'utf8')
  const body = file.split(/^-- step: /m).find((part) => part.startsWith(`${name}\n`))
  if (!body) throw new Error(`deploy/roles.sql has no step ${name}`)
  const statements: string[] = []
  let current = ''
  for (const line of body.split('\n').slice(1)) {
    if (line.startsWith('--') || (current === '' && line.trim() === '')) continue
    current += `${line}\n`
    const quoted = (current.match(/\$\$/g) ?? []).length % 2 === 1
    if (!quoted && line.trimEnd().endsWith(';')) {
      statements.push(current)
      current = ''
    }
  }
  return statements
}

let opened: OpenDatabase
let admin: OpenDatabase | undefined
let schema = ''
const db = (): Kysely<Database> => opened.db
const as = (role: string) => sql`set role ${sql.id(role)}`.execute(db())

beforeAll(async () => {
  const url = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL
  schema = `roles_${crypto.randomBytes(6).toString('hex')}`
  if (url) {
    admin = openDatabase({ url, poolSize: 1 })
    for (const statement of step('roles')) await sql.raw(statement).execute(admin.db)
    await sql`create schema ${sql.id(schema)} authorization kaimen_owner`.execute(admin.db)
    // One connection, so the role set below stays set.
    opened = openDatabase({ url, schema, poolSize: 1 })
  } else {
    opened = openDatabase({ pgliteDir: 'memory://' })
    await sql`create extension if not exists pg_trgm with schema public`.execute(db())
    for (const statement of step('roles')) await sql.raw(statement).execute(db())
    await sql`create schema ${sql.id(schema)} authorization kaimen_owner`.execute(db())
    await sql`set search_path = ${sql.id(schema)}, public`.execute(db())
  }
  await as('kaimen_owner')
  await migrateToLatest(db())
  for (const statement of step('grants')) await sql.raw(statement).execute(db())
  await sql`insert into events (type, actor, public) values ('report.viewed_by_staff', 'staff:1', false)`.execute(
    db(),
  )
  await as('kaimen_app')
})

afterAll(async () => {
  await opened?.close()
  if (admin) {
    await sql`drop schema ${sql.id(schema)} cascade`.execute(admin.db)
    await admin.close()
  }
})

describe('the app database role (deploy/roles.sql)', () => {
  it('runs the app: inserts and reads events, and the log worker integrates them', async () => {
    expect((await sql<{ u: string }>`select current_user as u`.execute(db())).rows[0]!.u).toBe(
      'kaimen_app',
    )
    await sql`insert into events (type, actor, public) values ('report.viewed_by_staff', 'staff:2', false)`.execute(
      db(),
    )
    const { size } = await integrateBatch(db())
    expect(size).toBe(2)
    const rows = await db().selectFrom('events').select(['seq', 'log_index']).execute()
    expect(rows.every((r) => r.log_index !== null)).toBe(true)
  })

  it('is refused UPDATE, DELETE and TRUNCATE on the record', async () => {
    await expect(sql`update events set actor = 'x'`.execute(db())).rejects.toThrow(
      /permission denied/,
    )
    await expect(sql`delete from events`.execute(db())).rejects.toThrow(/permission denied/)
    await expect(sql`truncate events`.execute(db())).rejects.toThrow(/permission denied/)
    for (const table of ['transparency_hashes', 'transparency_checkpoints']) {
      await expect(sql`delete from ${sql.table(table)}`.execute(db())).rejects.toThrow(
        /permission denied/,
      )
      await expect(sql`truncate ${sql.table(table)}`.execute(db())).rejects.toThrow(
        /permission denied/,
      )
    }
    // The one column it may set, only once (the trigger).
    await expect(sql`update events set log_index = log_index + 100`.execute(db())).rejects.toThrow(
      /append-only/,
    )
  })

  it('cannot switch the guards off or drop them', async () => {
    await expect(sql`alter table events disable trigger user`.execute(db())).rejects.toThrow(
      /must be owner/,
    )
    await expect(sql`drop trigger events_no_update on events`.execute(db())).rejects.toThrow(
      /must be owner/,
    )
    await expect(
      sql`alter table transparency_hashes disable trigger all`.execute(db()),
    ).rejects.toThrow(/must be owner/)
  })
})
