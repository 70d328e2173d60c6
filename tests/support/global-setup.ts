import pg from 'pg'

/** On PostgreSQL, create the shared extension once, before test files race to create it. */
export default async function setup() {
  const url = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL
  if (!url) return
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query('create extension if not exists pg_trgm with schema public')
  } finally {
    await client.end()
  }
}
