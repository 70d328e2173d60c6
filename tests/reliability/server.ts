import { spawn, type ChildProcess } from 'node:child_process'
import pg from 'pg'

export interface RunningServer {
  base: string
  databaseUrl: string
  process: Process
  query: <T extends pg.QueryResultRow>(text: string, values?: unknown[]) => Promise<T[]>
  stop: () => Promise<void>
}

export function postgresUrl(): string {
  const url = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL
  if (!url) throw new Error('The reliability suite needs PostgreSQL: set DATABASE_URL')
  return url
}

export interface Process {
  base: string
  child: ChildProcess
  /** Everything the server wrote to stderr so far. */
  stderr: () => string
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>
}

/** `npm start`'s server (server/index.ts) on the production build, without waiting for it. */
export function spawnServer(port: number, env: Record<string, string | undefined>): Process {
  const base = `http://127.0.0.1:${port}`
  const child = spawn('node', ['build/server.js'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      PUBLIC_URL: base,
      RATE_LIMIT_MULTIPLIER: '100000',
      WORKER_INTERVAL_MS: '500',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
    process.stderr.write(chunk)
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { base, child, stderr: () => stderr, exited }
}

/** Waits until `path` answers 200; fails if the process ends or it takes over a minute. */
export async function waitFor(server: Process, path = '/healthz', seconds = 60): Promise<void> {
  for (let i = 0; i < seconds * 4; i++) {
    if (server.child.exitCode !== null) throw new Error(`server exited: ${server.stderr()}`)
    try {
      if ((await fetch(`${server.base}${path}`)).ok) return
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`${path} did not answer 200 within ${seconds} s`)
}

/** SIGTERM, then wait for the exit code. */
export async function terminate(server: Process): Promise<number | null> {
  if (server.child.exitCode !== null) return server.child.exitCode
  server.child.kill('SIGTERM')
  return server.exited
}

/** A fresh, empty PostgreSQL database on the server of `url`; returns its URL. */
export async function freshDatabase(url: string, name: string): Promise<string> {
  const target = new URL(url)
  const admin = new pg.Client({ connectionString: target.toString() })
  await admin.connect()
  await admin.query(`drop database if exists ${name} with (force)`)
  await admin.query(`create database ${name}`)
  await admin.end()
  target.pathname = `/${name}`
  return target.toString()
}

/** The production build on a fresh database of its own, seeded with the demo. */
export async function startServer(
  name: string,
  port: number,
  env: Record<string, string> = {},
  baseUrl = postgresUrl(),
): Promise<RunningServer> {
  const databaseUrl = await freshDatabase(baseUrl, name)
  const server = spawnServer(port, {
    DATABASE_URL: databaseUrl,
    SEED_DEMO: 'always',
    UPLOAD_DIR: `.data/${name}-uploads`,
    ...env,
  })
  await waitFor(server, '/healthz', 120)
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 })
  pool.on('error', () => {})
  return {
    base: server.base,
    databaseUrl,
    process: server,
    query: async (text, values) => (await pool.query(text, values)).rows,
    stop: async () => {
      await terminate(server)
      await pool.end()
    },
  }
}

/** A concern as a browser without JavaScript posts it. */
export async function submitConcern(
  server: RunningServer,
  form: { category: number; district: number; street: number; community: number },
  key: string,
): Promise<'acknowledged' | 'refused' | 'failed'> {
  const body = new URLSearchParams({
    idempotencyKey: key,
    category: String(form.category),
    district: String(form.district),
    street: String(form.street),
    community: String(form.community),
    title: '路灯不亮需要维修',
    body: `压力测试提交的问题描述，路灯已经坏了很多天，编号 ${key}。`,
    contactName: '测试',
    mobile: '13900000000',
    display: 'masked',
    consent: 'on',
    confirmNew: 'yes',
    // Past the preview of what the public will see (issue 13): the contact name is in the text.
    confirmPublic: 'yes',
  })
  try {
    const response = await fetch(`${server.base}/report/concern`, {
      method: 'POST',
      body,
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.base },
    })
    if (
      response.status === 302 &&
      response.headers.get('location')?.startsWith('/report/received/')
    )
      return 'acknowledged'
    return response.status >= 500 ? 'failed' : 'refused'
  } catch {
    return 'failed'
  }
}

export async function formIds(server: RunningServer) {
  const [row] = await server.query<{
    category: number
    district: number
    street: number
    community: number
  }>(
    `select (select id from categories where slug = 'roads-traffic') as category,
            s.parent_id as district, s.id as street, c.id as community
     from areas c join areas s on s.id = c.parent_id where c.level = 'community' order by c.id limit 1`,
  )
  return row!
}
