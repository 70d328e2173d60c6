/**
 * Fills a PostgreSQL database with city-scale synthetic data, set-based (generate_series), so a
 * million reports load in minutes: `npm run bench:seed -- --reports 1000000`.
 * Other volumes scale with --reports: 30% duties, 3× events, 50% ratings, 1× comments.
 *
 * The synthetic events go into the transparency log at the end, as the app's worker would
 * put them. Never run this against a real database: it refuses unless the database name
 * contains "bench".
 */
import { sql } from 'kysely'
import pg from 'pg'
import { integrateAll } from '../app/transparency/log.server'
import { migrateToLatest, openDatabase } from '../db/index'
import { seed } from '../db/seed'

const args = process.argv.slice(2)
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback
}
const REPORTS = Number(arg('reports', '1000000'))
const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/kaimen_bench'
const dbName = new URL(url).pathname.slice(1)
if (!dbName.includes('bench'))
  throw new Error(`Refusing to fill ${dbName}: the bench database's name must contain "bench"`)

const started = Date.now()
const step = (label: string) =>
  console.log(`[bench:seed] ${((Date.now() - started) / 1000).toFixed(1)}s ${label}`)

const admin = new pg.Client({
  connectionString: Object.assign(new URL(url), { pathname: '/postgres' }).toString(),
})
await admin.connect()
await admin.query(`drop database if exists ${dbName} with (force)`)
await admin.query(`create database ${dbName}`)
await admin.end()

const { db, close } = openDatabase({ url, poolSize: 2 })
await migrateToLatest(db)
await seed(db, { demo: false })
step('schema and reference data')

const run = (query: ReturnType<typeof sql>) => query.execute(db)
await run(sql`set maintenance_work_mem = '512MB'`)
await run(sql`set synchronous_commit = off`)

// Loading into bare tables and indexing once afterwards is several times faster.
const { rows: indexes } = await sql<{ name: string; definition: string }>`
  select i.indexname as name, i.indexdef as definition from pg_indexes i
  where i.schemaname = current_schema()
    and i.tablename in ('reports', 'duties', 'duty_reports', 'events', 'progress_updates', 'ratings', 'comments')
    and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`.execute(db)
for (const index of indexes) await run(sql`drop index ${sql.id(index.name)}`)

const DUTIES = Math.round(REPORTS * 0.3)
const EVENTS_TARGET = REPORTS * 3
const RATINGS = Math.round(REPORTS * 0.5)
const COMMENTS = REPORTS
const PUBLIC_USERS = Math.max(1000, Math.round(REPORTS / 10))

// 200 units: the 21 real ones plus departments of nine more districts and their streets.
await run(sql`
  insert into units (slug, name, name_en, kind, parent_id, sort_order)
  select 'bench-unit-' || g, d.name || t.name, 'Bench unit ' || g, t.kind,
         (select id from units where slug = 'campaign-office'), 100 + g
  from generate_series(1, 179) g
  cross join lateral (select (array['越秀区','海珠区','荔湾区','天河区','白云区','番禺区','花都区','南沙区','从化区'])[1 + g % 9] as name) d
  cross join lateral (select (array['住房和城乡建设局','交通运输局','教育局','卫生健康局','市场监督管理局','城市管理和综合执法局','水务局','民政局','人力资源和社会保障局','街道办事处'])[1 + (g / 9) % 10] as name,
                             (array['department','department','department','department','department','department','department','department','department','street'])[1 + (g / 9) % 10] as kind) t`)
// 10 districts × 12 streets × 8 communities.
await run(sql`
  insert into areas (code, name, name_en, level, parent_id, sort_order)
  select 'bd-' || d, (array['越秀区','海珠区','荔湾区','天河区','白云区','番禺区','花都区','南沙区','从化区'])[d] , 'Bench district ' || d, 'district', null, d
  from generate_series(1, 9) d`)
await run(sql`
  insert into areas (code, name, name_en, level, parent_id, sort_order)
  select 'bd-' || d || '-' || s, '第' || s || '街道', 'Street ' || s, 'street', (select id from areas where code = 'bd-' || d), s
  from generate_series(1, 9) d, generate_series(1, 12) s`)
await run(sql`
  insert into areas (code, name, name_en, level, parent_id, sort_order)
  select st.code || '-' || c, '第' || c || '社区', 'Community ' || c, 'community', st.id, c
  from areas st, generate_series(1, 8) c where st.level = 'street' and st.code like 'bd-%'`)
step('units and areas')

await run(sql`create temporary table bench_pick as
  select (select array_agg(id order by id) from units) as units,
         (select array_agg(id order by id) from areas where level = 'community') as communities,
         (select array_agg(id order by id) from categories) as categories,
         (select array_agg(kind order by id) from categories) as category_kinds`)

const subjects = [
  '小区电梯',
  '路灯',
  '下水道',
  '停车位',
  '垃圾清运',
  '学校门口交通',
  '社区医院',
  '公园设施',
  '噪声',
  '自来水',
  '人行道',
  '公交站台',
  '菜市场',
  '物业服务',
  '老旧小区改造',
]
const problems = [
  '长期故障无人维修',
  '夜间不亮存在安全隐患',
  '经常堵塞污水外溢',
  '严重不足车辆乱停',
  '清运不及时气味很大',
  '上下学时段拥堵',
  '排队时间太长',
  '损坏多时无人管理',
  '影响居民休息',
  '水压不足高层断水',
  '破损不平老人摔倒',
  '缺少遮雨棚',
  '环境脏乱差',
  '收费不透明',
  '进度缓慢',
]
const subjectsSql = sql.raw(`(array[${subjects.map((s) => `'${s}'`).join(',')}])`)
const problemsSql = sql.raw(`(array[${problems.map((s) => `'${s}'`).join(',')}])`)

// Reports over two years; 70% accepted, 12% pending, 10% declined, 8% merged.
await run(sql`
  insert into reports (id, tracking_code, follow_token, kind, category_id, area_id, title, body, title_public, body_public, address,
    contact_name, contact_mobile, contact_email, display, company_name, credit_code, demand_type,
    status, decline_reason, merged_into_id, proposed_unit_id, created_at, updated_at)
  select g,
    'KB-' || lpad(to_hex(g), 8, '0'),
    md5('follow' || g),
    p.category_kinds[c],
    p.categories[c],
    p.communities[1 + (g * 31) % array_length(p.communities, 1)],
    ${subjectsSql}[1 + g % ${subjects.length}] || ${problemsSql}[1 + (g / 7) % ${problems.length}],
    '我家附近的' || ${subjectsSql}[1 + g % ${subjects.length}] || ${problemsSql}[1 + (g / 7) % ${problems.length}] || '，已经反映过多次，希望相关部门尽快处理，第' || g || '号。',
    -- No personal data in the seeded texts: what the public reads is the text itself.
    ${subjectsSql}[1 + g % ${subjects.length}] || ${problemsSql}[1 + (g / 7) % ${problems.length}],
    '我家附近的' || ${subjectsSql}[1 + g % ${subjects.length}] || ${problemsSql}[1 + (g / 7) % ${problems.length}] || '，已经反映过多次，希望相关部门尽快处理，第' || g || '号。',
    '某路' || (g % 500) || '号',
    '居民' || g, '139' || lpad((g % 100000000)::text, 8, '0'), 'r' || g || '@example.com',
    case when g % 4 = 0 then 'anonymous' else 'masked' end,
    case when p.category_kinds[c] = 'demand' then '示范企业' || g || '有限公司' end,
    case when p.category_kinds[c] = 'demand' then '91350100M000100Y43' end,
    case when p.category_kinds[c] = 'demand' then 'other' end,
    case when g % 100 < 70 then 'accepted' when g % 100 < 82 then 'pending' when g % 100 < 92 then 'declined' when g > 100 then 'merged' else 'pending' end,
    case when g % 100 between 82 and 91 then '不属于本次清单范围，已转交相关渠道办理。' end,
    case when g % 100 >= 92 and g > 100 then g - 100 end,
    p.units[1 + g % array_length(p.units, 1)],
    now() - make_interval(secs => (${REPORTS} - g)::float8 / ${REPORTS} * 730 * 86400),
    now() - make_interval(secs => (${REPORTS} - g)::float8 / ${REPORTS} * 730 * 86400 - 3600)
  from generate_series(1, ${REPORTS}) g, bench_pick p,
    lateral (select 1 + (g * 13) % array_length(p.categories, 1) as c) cc`)
await run(
  sql`select setval(pg_get_serial_sequence('reports', 'id'), (select max(id) from reports))`,
)
step(`${REPORTS} reports`)

// Duties: status mix, deadlines around their creation, some overdue.
await run(sql`
  insert into duties (id, unit_id, category_id, area_id, title, commitment, leader_name, leader_title, mode, deadline,
    status, progress, resolution_summary, resolution_summary_public, created_at, updated_at, first_progress_at, resolved_at, closed_at)
  select d, r.proposed_unit_id, r.category_id, r.area_id, r.title,
    '制定整改方案，明确责任人和时间表，按期完成整改并向群众反馈。',
    '责任领导' || (d % 997), '局长',
    case when d % 10 = 0 then 'immediate' when d % 10 = 1 then 'ongoing' else 'deadline' end,
    case when d % 10 = 1 then null else (r.created_at + interval '30 days')::date end,
    case when d % 100 < 15 then 'assigned' when d % 100 < 40 then 'in_progress' when d % 100 < 55 then 'resolved' else 'closed' end,
    case when d % 100 < 15 then 0 when d % 100 < 40 then 50 else 100 end,
    case when d % 100 >= 40 then '已按承诺完成整改，经现场核实。' end,
    case when d % 100 >= 40 then '已按承诺完成整改，经现场核实。' end,
    r.created_at + interval '1 day', r.created_at + interval '5 days',
    case when d % 100 >= 15 then r.created_at + interval '2 days' + make_interval(days => d % 5) end,
    case when d % 100 >= 40 then r.created_at + make_interval(days => 10 + d % 30) end,
    case when d % 100 >= 55 then r.created_at + make_interval(days => 25 + d % 30) end
  from generate_series(1, ${DUTIES}) d
  join reports r on r.id = 1 + ((d - 1) * 7) % ${REPORTS}`)
await run(sql`select setval(pg_get_serial_sequence('duties', 'id'), (select max(id) from duties))`)
await run(sql`
  insert into duty_reports (duty_id, report_id, linked_at)
  select 1 + (r.id::bigint * 7919) % ${DUTIES}, r.id, r.created_at + interval '1 day'
  from reports r where r.status = 'accepted'`)
step(`${DUTIES} duties linked`)

await run(sql`
  insert into progress_updates (duty_id, body, body_public, progress, created_at)
  select d.id, '已完成第' || k || '阶段整改工作，下一步继续推进。', '已完成第' || k || '阶段整改工作，下一步继续推进。', least(100, k * 34), d.created_at + make_interval(days => k * 3)
  from duties d, generate_series(1, 3) k
  where d.status <> 'assigned' and (k = 1 or d.status in ('resolved', 'closed'))`)
step('progress updates')

// Events: submitted, accepted, assigned, progress, resolved, closed — then padding to 3×.
await run(sql`insert into events (type, report_id, actor, public, occurred_at)
  select 'report.submitted', id, 'reporter', true, created_at from reports`)
await run(sql`insert into events (type, report_id, duty_id, actor, public, occurred_at)
  select 'report.accepted', report_id, duty_id, 'staff:1', true, linked_at from duty_reports`)
await run(sql`insert into events (type, duty_id, actor, public, data, occurred_at)
  select 'duty.progress', duty_id, 'staff:2', true, jsonb_build_object('progressUpdateId', id, 'progress', progress), created_at
    from progress_updates`)
await run(sql`insert into events (type, duty_id, actor, public, data, occurred_at)
  select 'duty.resolved', id, 'staff:2', true, jsonb_build_object('summary', resolution_summary), resolved_at
    from duties where resolved_at is not null`)
const { rows: eventCount } = await sql<{ n: number }>`select count(*) as n from events`.execute(db)
const padding = Math.max(0, EVENTS_TARGET - Number(eventCount[0]!.n))
await run(sql`insert into events (type, report_id, actor, public, data, occurred_at)
  select 'report.viewed_by_staff', 1 + (g * 17) % ${REPORTS}, 'staff:1', false, '{}'::jsonb,
    now() - make_interval(secs => g % (730 * 86400))
  from generate_series(1, ${padding}) g`)
step(`${EVENTS_TARGET} events`)

await run(
  sql`insert into public_users (email) select 'p' || g || '@example.com' from generate_series(1, ${PUBLIC_USERS}) g`,
)
// Ratings on resolved/closed duties: reporters rate a third of theirs, the public fills up to the target.
await run(sql`
  insert into ratings (duty_id, report_id, level, reason, reason_public, created_at, updated_at)
  select dr.duty_id, dr.report_id, 1 + (dr.report_id * 3) % 5,
    case when 1 + (dr.report_id * 3) % 5 <= 2 then '整改不彻底' end,
    case when 1 + (dr.report_id * 3) % 5 <= 2 then '整改不彻底' end, d.resolved_at + interval '1 day', d.resolved_at + interval '1 day'
  from duty_reports dr join duties d on d.id = dr.duty_id
  where d.resolved_at is not null and dr.report_id % 3 = 0`)
const { rows: reporterRatings } = await sql<{
  n: number
}>`select count(*) as n from ratings`.execute(db)
const publicRatings = Math.max(0, RATINGS - Number(reporterRatings[0]!.n))
await run(sql`
  insert into ratings (duty_id, public_user_id, level, created_at, updated_at)
  select d.id, 1 + ((d.n - 1) * 3 + g) % ${PUBLIC_USERS}, 1 + (d.id * 11 + g) % 5,
    d.resolved_at + interval '2 days', d.resolved_at + interval '2 days'
  from (select id, resolved_at, row_number() over (order by id) as n from duties where resolved_at is not null) d,
       lateral generate_series(1, 3) g
  where (d.n - 1) * 3 + g <= ${publicRatings}
  on conflict do nothing`)
step('ratings')

await run(sql`
  insert into comments (duty_id, public_user_id, body, body_public, status, created_at)
  select 1 + (g * 13) % ${DUTIES}, 1 + g % ${PUBLIC_USERS}, '请相关单位按期完成整改，第' || g || '条意见。', '请相关单位按期完成整改，第' || g || '条意见。',
    case when g % 20 = 0 then 'pending' else 'published' end, now() - make_interval(secs => g % (730 * 86400))
  from generate_series(1, ${COMMENTS}) g`)
step(`${COMMENTS} comments`)

for (const index of indexes) await run(sql.raw(index.definition))
await run(sql`vacuum analyze`)
step('indexes rebuilt, analysed')
step(`transparency log of ${await integrateAll(db)} events`)

const { rows } = await sql<{ t: string; n: number }>`
  select 'reports' as t, count(*) as n from reports union all select 'duties', count(*) from duties
  union all select 'events', count(*) from events union all select 'ratings', count(*) from ratings
  union all select 'comments', count(*) from comments union all select 'units', count(*) from units`.execute(
  db,
)
console.table(rows.map((r) => ({ table: r.t, rows: Number(r.n) })))
await close()
step('done')
