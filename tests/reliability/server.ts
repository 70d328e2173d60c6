import { spawn, type ChildProcess } from 'node:child_process'
import pg from 'pg'

export interface RunningServer {
  base: string
  databaseUrl: string
  query: <T extends pg.QueryResultRow>(text: string, values?: unknown[]) => Promise<T[]>
  stop: () => Promise<void>
}

export function postgresUrl(): string {
  const url = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL
  if (!url) throw new Error('The reliability suite needs PostgreSQL: set DATABASE_URL')
  return url
}

/** The production build on a fresh database of its own, seeded with the demo. */
export async function startServer(
  name: string,
  port: number,
  env: Record<string, string> = {},
): Promise<RunningServer> {
  const url = new URL(postgresUrl())
  const admin = new pg.Client({ connectionString: url.toString() })
  await admin.connect()
  await admin.query(`drop database if exists ${name} with (force)`)
  await admin.query(`create database ${name}`)
  await admin.end()
  url.pathname = `/${name}`
  const databaseUrl = url.toString()
  const base = `http://127.0.0.1:${port}`
  const child: ChildProcess = spawn(
    'node',
    ['node_modules/@remix-run/serve/dist/cli.js', './build/index.js'],
    {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        DATABASE_URL: databaseUrl,
        SEED_DEMO: 'always',
        PORT: String(port),
        PUBLIC_URL: base,
        RATE_LIMIT_MULTIPLIER: '100000',
        WORKER_INTERVAL_MS: '500',
        UPLOAD_DIR: `.data/${name}-uploads`,
        ...env,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  )
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break
    } catch {
      // starting
    }
    if (i > 240) throw new Error('server did not start')
    await new Promise((r) => setTimeout(r, 250))
  }
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 })
  pool.on('error', () => {})
  return {
    base,
    databaseUrl,
    query: async (text, values) => (await pool.query(text, values)).rows,
    stop: async () => {
      child.kill('SIGTERM')
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
