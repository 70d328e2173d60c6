import type { Kysely } from 'kysely'

/** Accountability: supervision steps, scoreboard, topics, rule changes, notices, api keys. */
export async function up(_db: Kysely<any>): Promise<void> {}
