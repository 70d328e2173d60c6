import { spawn } from 'node:child_process'
import fs from 'node:fs'
import pg from 'pg'

/**
 * Starts the production build on a fresh database for the end-to-end tests: a new
 * PostgreSQL database when DATABASE_URL is set, else a new embedded data folder.
 */
const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: 'production',
  SEED_DEMO: 'always',
  WORKER_INTERVAL_MS: '500',
  PUBLIC_URL: `http://localhost:${process.env.PORT ?? 3100}`,
  UPLOAD_DIR: `.data/e2e-uploads-${process.env.PORT ?? '3100'}`,
  // Every test comes from one address; the limits themselves are tested in vitest.
  RATE_LIMIT_MULTIPLIER: '50',
  // Each step of a flow sees the previous one's writes at once.
  CACHE_SECONDS: '0',
  // The shared page cache has its own tests (tests/unit/page-cache.test.ts, tests/reliability).
  PAGE_CACHE_SECONDS: '0',
}
const port = process.env.PORT ?? '3100'
const name = `kaimen_e2e_${port}`
delete env.RESEND_API_KEY

if (process.env.DATABASE_URL) {
  const url = new URL(process.env.DATABASE_URL)
  const client = new pg.Client({ connectionString: url.toString() })
  await client.connect()
  await client.query(`drop database if exists ${name} with (force)`)
  await client.query(`create database ${name}`)
  await client.end()
  url.pathname = `/${name}`
  env.DATABASE_URL = url.toString()
} else {
  fs.rmSync(`.data/${name}`, { recursive: true, force: true })
  fs.rmSync(`.data/${name}.lock`, { force: true })
  env.PGLITE_DIR = `.data/${name}`
}
fs.rmSync(env.UPLOAD_DIR!, { recursive: true, force: true })

const server = spawn('node', ['build/server.js'], {
  env,
  stdio: 'inherit',
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal))
server.on('exit', (code) => process.exit(code ?? 0))
