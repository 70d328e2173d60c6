import type { Kysely } from 'kysely'

/** The public verdict: verified participants, comments, ratings, reviews, appeals. */
export async function up(_db: Kysely<any>): Promise<void> {}
