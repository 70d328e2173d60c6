import type { Kysely } from 'kysely'

/** Duty lists: triage, milestones, staff lockout, imports. */
export async function up(_db: Kysely<any>): Promise<void> {}
