/**
 * `npm run bench`: builds, starts the production build against the bench database (filled by
 * `npm run bench:seed`), and measures each page with autocannon on loopback, bounded in time.
 * Prints requests/s, p50/p95/p99 latency and each page's throughput as a ratio to the
 * framework floor (a trivial route) and to the resource route, the server's peak memory and
 * the JavaScript a public page sends; writes the same to bench/results.json.
 * Every GET page runs twice: as an anonymous visitor (the shared page cache may answer) and
 * with a cookie the page cache does not know (`bench=uncached`), which always renders.
 */
import { execSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import zlib from 'node:zlib'
import autocannon, { type Options } from 'autocannon'
import pg from 'pg'
import { sql } from 'kysely'
import { encodeCursor } from '../app/browse/list-query'
import { integrateAll } from '../app/transparency/log.server'
import { openDatabase } from '../db/index'

const args = process.argv.slice(2)
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback
}
const DURATION = Number(arg('duration', '10'))
const CONNECTIONS = Number(arg('connections', '32'))
const PORT = Number(arg('port', '3900'))
/** `--only home,floor`: measure only the targets whose names contain one of these words. */
const ONLY = arg('only', '').split(',').filter(Boolean)
/** `--cpu-prof`: the server writes a V8 CPU profile to bench/profiles/ when it stops. */
const PROFILE = args.includes('--cpu-prof')
const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/kaimen_bench'
const base = `http://127.0.0.1:${PORT}`

interface Target {
  name: string
  path: string
  method?: 'GET' | 'POST'
  /** For POST: a new body for every request. */
  body?: () => string
  contentType?: string
  /** Sent as the Cookie header: the uncached run sends one the page cache does not know. */
  cookie?: string
  /** SQL run on the bench database before and after this target (the old-chain reference). */
  setup?: string
  teardown?: string
}

/**
 * The hash chain the transparency log replaced (migration 0001's `events_chain`, dropped by
 * 0004), put back for one run as a reference: every event insert takes one global
 * transaction-scoped lock, reads the previous event's hash and chains its own, so each
 * submission waits for the one before it to commit. The hashes go to a table of the bench's
 * own, dropped afterwards; the events themselves are not changed.
 */
const OLD_CHAIN_SETUP = `
  create table bench_old_chain (seq bigint primary key, hash text not null);
  create function bench_old_chain() returns trigger language plpgsql as $$
  declare last record;
  begin
    perform pg_advisory_xact_lock(7261434);
    select seq, hash into last from bench_old_chain order by seq desc limit 1;
    insert into bench_old_chain values (new.seq, encode(sha256(convert_to(concat_ws('|',
      coalesce(last.hash, 'genesis'), new.seq::text, new.type, coalesce(new.report_id::text, ''),
      coalesce(new.duty_id::text, ''), new.actor, new.public::text, new.data::text,
      to_char(new.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')), 'UTF8')), 'hex'));
    return new;
  end $$;
  create trigger bench_old_chain before insert on events for each row execute function bench_old_chain();`
const OLD_CHAIN_TEARDOWN = `
  drop trigger if exists bench_old_chain on events;
  drop function if exists bench_old_chain();
  drop table if exists bench_old_chain;`

/** An unknown cookie: the shared page cache answers only cookie-less (or lang-only) requests. */
const UNCACHED_COOKIE = 'bench=uncached'

async function targets(): Promise<Target[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const one = async (q: string) =>
    (await client.query(q)).rows[0] as Record<string, string | number>
  const report = await one(
    `select id from reports where status = 'accepted' order by id desc offset 1000 limit 1`,
  )
  const unit = await one(
    `select u.slug from units u join duties d on d.unit_id = u.id group by u.slug order by count(*) desc limit 1`,
  )
  const category = await one(`select id from categories where kind = 'concern' order by id limit 1`)
  const area = await one(
    `select c.id, s.id as street, s.parent_id as district from areas c
     join areas s on s.id = c.parent_id where c.level = 'community' order by c.id limit 1`,
  )
  // The 50,000th row, or the last one on a small seed.
  const deep = await one(
    `select id, created_at from reports order by created_at desc, id desc
     offset least(50000, greatest((select count(*) from reports) - 1, 0)) limit 1`,
  )
  await client.end()
  let n = 0
  const submission = (name: string): Target => ({
    name,
    path: '/report/concern',
    method: 'POST',
    contentType: 'application/x-www-form-urlencoded',
    body: () =>
      new URLSearchParams({
        idempotencyKey: `bench-${process.pid}-${++n}-${Math.random().toString(36).slice(2)}`.slice(
          0,
          64,
        ),
        category: String(category.id),
        district: String(area.district),
        street: String(area.street),
        community: String(area.id),
        title: '压测：路灯不亮需要维修',
        body: '这是基准测试提交的问题描述，路灯已经坏了很多天，晚上很黑。',
        // Not a word of the title: the reporter's own name would be masked in it, and the
        // form would answer with the public preview (200) instead of saving (302).
        contactName: '李明',
        mobile: `139${String(10000000 + (n % 89999999)).padStart(8, '0')}`,
        display: 'masked',
        consent: 'on',
        confirmNew: 'yes',
      }).toString(),
  })
  return [
    { name: 'floor (trivial page)', path: '/bench/page' },
    { name: 'resource route (no page)', path: '/bench/floor' },
    { name: 'home', path: '/' },
    { name: 'track form (no database)', path: '/track' },
    { name: 'report list, first page', path: '/reports' },
    {
      name: 'report list, deep page',
      path: `/reports?after=${encodeCursor({ value: new Date(deep.created_at!).toISOString(), id: Number(deep.id) })}`,
    },
    { name: 'report detail + timeline', path: `/reports/${report.id}` },
    { name: 'unit duty list', path: `/units/${unit.slug}` },
    { name: 'search (Chinese)', path: `/reports?q=${encodeURIComponent('电梯故障')}` },
    { name: 'scoreboard, quarter', path: `/scoreboard?period=${thisQuarter()}` },
    { name: 'Open311 requests', path: '/open311/v2/requests.json' },
    submission('report submission'),
    {
      ...submission('report submission, old hash chain (reference)'),
      setup: OLD_CHAIN_SETUP,
      teardown: OLD_CHAIN_TEARDOWN,
    },
  ]
}

/** The current quarter on the mainland calendar, as the scoreboard names it ('2026-Q4'). */
function thisQuarter(now = new Date()): string {
  const [year, month] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' })
    .format(now)
    .split('-')
  return `${year}-Q${Math.ceil(Number(month) / 3)}`
}

interface Row {
  name: string
  path: string
  requestsPerSecond: number
  p50: number
  p95: number
  p99: number
  non2xx: number
  statusCodes: Record<string, number>
  errors: number
  peakRssMB?: number
  ratioToFloor?: number
  ratioToResource?: number
  cached: boolean
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!)
}

function options(target: Target, connections: number, duration: number): Options {
  return {
    url: base + target.path,
    connections,
    duration,
    method: target.method ?? 'GET',
    headers: {
      ...(target.contentType ? { 'content-type': target.contentType, origin: base } : {}),
      ...(target.cookie ? { cookie: target.cookie } : {}),
    },
    requests: target.body
      ? [{ setupRequest: (req) => ({ ...req, body: target.body!() }) }]
      : undefined,
  }
}

async function measure(target: Target): Promise<Row> {
  const latencies: number[] = []
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options(target, CONNECTIONS, DURATION), (error, done) =>
      error ? reject(error) : resolve(done),
    )
    instance.on('response', (_client, _status, _bytes, responseTime) =>
      latencies.push(responseTime),
    )
  })
  latencies.sort((a, b) => a - b)
  return {
    name: target.name,
    path: target.path,
    cached: !target.cookie && !target.method,
    requestsPerSecond: Math.round(result.requests.average),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    non2xx: result.non2xx,
    statusCodes: Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {}).map(([code, v]) => [code, v?.count ?? 0]),
    ),
    errors: result.errors + result.timeouts,
  }
}

async function javascriptBytes(): Promise<{ raw: number; gzip: number }> {
  const html = await (await fetch(`${base}/`)).text()
  const urls = [
    ...new Set([...html.matchAll(/(?:src|href)="(\/build\/[^"]+\.js)"/g)].map((m) => m[1]!)),
  ]
  let raw = 0
  let gzip = 0
  for (const u of urls) {
    const body = Buffer.from(await (await fetch(base + u)).arrayBuffer())
    raw += body.length
    gzip += zlib.gzipSync(body, { level: 9 }).length
  }
  return { raw, gzip }
}

async function runSql(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(text)
  } finally {
    await client.end()
  }
}

function rssMegabytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024
}

/**
 * Submissions no longer wait for the log (decision 028); its worker (off during the run, as
 * every job is) integrates them afterwards in batches. How long that takes shows the log keeps
 * up with the submission rate measured above.
 */
async function integrateSubmissions() {
  const { db, close } = openDatabase({ url, poolSize: 2 })
  try {
    const { rows } = await sql<{
      n: number
    }>`select count(*) as n from events where log_index is null`.execute(db)
    const started = performance.now()
    await integrateAll(db)
    const seconds = (performance.now() - started) / 1000
    const integrated = Number(rows[0]!.n)
    if (integrated === 0) return null
    return {
      integrated,
      seconds: Math.round(seconds * 100) / 100,
      eventsPerSecond: Math.round(integrated / seconds),
    }
  } finally {
    await close()
  }
}

execSync('npm run build', { stdio: 'inherit' })
const profileArgs = PROFILE ? ['--cpu-prof', '--cpu-prof-dir=bench/profiles'] : []
// What `npm start` runs after its build, with its Node flags (the heap limit).
const [command, ...startArgs] = (
  JSON.parse(fs.readFileSync('package.json', 'utf8')) as { scripts: { start: string } }
).scripts.start.split(' ')
const server = spawn(command!, [...profileArgs, ...startArgs], {
  env: {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: url,
    SEED_DEMO: 'off',
    WORKER: 'off',
    PORT: String(PORT),
    RATE_LIMIT_MULTIPLIER: '1000000',
    PUBLIC_URL: base,
  },
  stdio: ['ignore', 'ignore', 'inherit'],
})
let peakRss = 0
/** The peak during the target being measured: which page takes the memory. */
let rowPeakRss = 0
const sampler = setInterval(() => {
  try {
    const rss = rssMegabytes(server.pid!)
    peakRss = Math.max(peakRss, rss)
    rowPeakRss = Math.max(rowPeakRss, rss)
  } catch {
    // not started yet
  }
}, 250)
try {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break
    } catch {
      // starting
    }
    if (i > 120) throw new Error('server did not start')
    await new Promise((r) => setTimeout(r, 500))
  }
  const rows: Row[] = []
  const all = await targets()
  const picked = ONLY.length
    ? all.filter((t, i) => i <= 1 || ONLY.some((word) => t.name.includes(word)))
    : all
  // Each GET page with the page cache (as an anonymous visitor) and without it.
  const chosen = picked.flatMap((t) =>
    t.method ? [t] : [t, { ...t, name: `${t.name} (uncached)`, cookie: UNCACHED_COOKIE }],
  )
  for (const target of chosen) {
    // One request first, however long it takes (it fills that page's cache, as the first
    // visitor after a start would), then a short warm-up for the JIT before the measured run.
    if (!target.method)
      await fetch(base + target.path, {
        headers: target.cookie ? { cookie: target.cookie } : {},
        signal: AbortSignal.timeout(120_000),
      }).then((r) => r.arrayBuffer())
    if (target.setup) await runSql(target.setup)
    rowPeakRss = 0
    let row: Row
    try {
      // Submissions warm up at full load, so that the two submission runs (on the log and on
      // the old chain) do not differ by which one came first.
      await autocannon(target.method ? options(target, CONNECTIONS, 3) : options(target, 4, 1))
      row = await measure(target)
    } finally {
      if (target.teardown) await runSql(target.teardown)
    }
    row.peakRssMB = Math.round(rowPeakRss)
    rows.push(row)
    const unsaved = target.method
      ? Object.entries(row.statusCodes).filter(([code, n]) => code !== '302' && n > 0)
      : []
    if (unsaved.length)
      console.log(`!! ${row.name}: answers other than 302 (not saved): ${JSON.stringify(unsaved)}`)
    console.log(
      `${row.name}${row.cached ? ' (cached)' : ''}: ${row.requestsPerSecond} req/s, p50 ${row.p50} ms, p95 ${row.p95} ms, p99 ${row.p99} ms, status ${JSON.stringify(row.statusCodes)}, errors ${row.errors}, RSS ${row.peakRssMB} MB`,
    )
  }
  // The ratios compare runs of the same kind: a page's uncached run with the uncached floor.
  const find = (name: string, cached: boolean) =>
    rows.find((r) => r.name.startsWith(name) && r.cached === cached)?.requestsPerSecond
  const ratio = (a: number, b: number | undefined) =>
    b ? Math.round((a / b) * 100) / 100 : undefined
  for (const row of rows) {
    const cached = row.cached
    row.ratioToFloor = ratio(row.requestsPerSecond, find('floor', cached) ?? find('floor', false))
    row.ratioToResource = ratio(row.requestsPerSecond, find('resource route', false))
  }
  const js = await javascriptBytes()
  const transparencyLog = await integrateSubmissions()
  const results = {
    date: new Date().toISOString(),
    machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
    method: { connections: CONNECTIONS, durationSeconds: DURATION },
    serverPeakRssMB: Math.round(peakRss),
    publicPageJavaScript: js,
    transparencyLog,
    rows,
  }
  console.table(
    rows.map((r) => ({
      page: r.name,
      'req/s': r.requestsPerSecond,
      'p50 ms': r.p50,
      'p95 ms': r.p95,
      'p99 ms': r.p99,
      '× floor': r.ratioToFloor,
      '× resource': r.ratioToResource,
      'non-2xx': r.non2xx,
      'RSS MB': r.peakRssMB,
    })),
  )
  console.log(
    `server peak RSS ${Math.round(peakRss)} MB; JavaScript on a public page ${Math.round(js.gzip / 1024)} KB gzip (${Math.round(js.raw / 1024)} KB raw)`,
  )
  const onLog = find('report submission', false)
  const onChain = find('report submission, old hash chain', false)
  if (onLog && onChain)
    console.log(
      `submission: ${onLog} req/s on the transparency log, ${onChain} req/s on the old hash chain in the same run (× ${ratio(onLog, onChain)})`,
    )
  if (transparencyLog)
    console.log(
      `transparency log: ${transparencyLog.integrated} new events integrated and signed in ${transparencyLog.seconds} s (${transparencyLog.eventsPerSecond}/s)`,
    )
  fs.writeFileSync('bench/results.json', JSON.stringify(results, null, 2) + '\n')
} finally {
  clearInterval(sampler)
  server.kill('SIGTERM')
}
