import type { Transaction } from 'kysely'
import { generateFollowToken, generateTrackingCode } from '../app/reporting/tracking-code'
import { addWorkingDays, chinaToday } from '../app/duties/working-days'
import type { Database, DutyStatus } from './schema'
import { leaders } from './seed-data'

const DAY = 24 * 3600 * 1000
const MARKER = 'demo_accountability'

interface DemoDuty {
  unit: string
  category: string
  title: string
  commitment: string
  /** Days ago the duty was assigned. */
  age: number
  /** Working days from assignment to the first progress update; null: none yet. */
  firstAfter: number | null
  /** Working days from assignment to the deadline. */
  deadlineAfter: number
  /** Working days from assignment to resolution; null: still open. */
  resolvedAfter: number | null
  closed?: boolean
  /** Reporter-like ratings (levels) given after resolution. */
  ratings?: number[]
}

/** Enough history that the scoreboard has late and on-time work, slow answers and ratings. */
const duties: DemoDuty[] = [
  {
    unit: 'hongshan-street',
    category: 'sanitation',
    title: '沙步村垃圾转运点臭味扰民',
    commitment: '转运点每日清运两次并加装除臭设备。',
    age: 80,
    firstAfter: 1,
    deadlineAfter: 15,
    resolvedAfter: 12,
    closed: true,
    ratings: [5, 4, 4],
  },
  {
    unit: 'hongshan-street',
    category: 'sanitation',
    title: '庙头村垃圾桶满溢无人清理',
    commitment: '增设分类垃圾桶，落实保洁员每日巡查。',
    age: 70,
    firstAfter: 2,
    deadlineAfter: 10,
    resolvedAfter: 16,
    ratings: [3, 2],
  },
  {
    unit: 'transport-bureau',
    category: 'roads-traffic',
    title: '开发大道公交站台遮雨棚损坏',
    commitment: '更换遮雨棚并增设座椅。',
    age: 60,
    firstAfter: 5,
    deadlineAfter: 20,
    resolvedAfter: 18,
    closed: true,
    ratings: [5, 5, 3],
  },
  {
    unit: 'transport-bureau',
    category: 'roads-traffic',
    title: '香雪路口红绿灯时长不合理',
    commitment: '重新测算路口流量，优化信号配时。',
    age: 55,
    firstAfter: null,
    deadlineAfter: 20,
    resolvedAfter: null,
  },
  {
    unit: 'city-management',
    category: 'noise',
    title: '夜市油烟和噪音扰民',
    commitment: '规范夜市经营时间，安装油烟净化装置。',
    age: 45,
    firstAfter: 1,
    deadlineAfter: 15,
    resolvedAfter: 25,
    ratings: [1, 2, 4],
  },
  {
    unit: 'huangpu-street',
    category: 'property',
    title: '茅岗社区楼道杂物堆放',
    commitment: '组织集中清理楼道杂物，建立长效巡查机制。',
    age: 40,
    firstAfter: 1,
    deadlineAfter: 10,
    resolvedAfter: 8,
    closed: true,
    ratings: [5, 4],
  },
  {
    unit: 'huangpu-street',
    category: 'property',
    title: '文冲社区电动车违规充电',
    commitment: '建设集中充电棚，开展消防安全宣传。',
    age: 30,
    firstAfter: 4,
    deadlineAfter: 12,
    resolvedAfter: null,
  },
  {
    unit: 'water-affairs',
    category: 'water-drainage',
    title: '大沙地东路暴雨后内涝',
    commitment: '疏通雨水管网，增设排水口。',
    age: 20,
    firstAfter: 2,
    deadlineAfter: 25,
    resolvedAfter: null,
  },
]

/**
 * Accountability demo data, added once (marked by a setting): duties resolved on time and
 * late, answered fast and slowly, with ratings; one focus topic, rule changes.
 */
export async function seedAccountability(trx: Transaction<Database>): Promise<void> {
  const marked = await trx
    .selectFrom('settings')
    .select('key')
    .where('key', '=', MARKER)
    .executeTakeFirst()
  if (marked) return
  await trx
    .insertInto('settings')
    .values({ key: MARKER, value: JSON.stringify(true) })
    .execute()

  const units = new Map(
    (await trx.selectFrom('units').select(['id', 'slug']).execute()).map((u) => [u.slug, u.id]),
  )
  const categories = new Map(
    (await trx.selectFrom('categories').select(['id', 'slug']).execute()).map((c) => [
      c.slug,
      c.id,
    ]),
  )
  const publicUsers = await trx.selectFrom('public_users').select('id').limit(3).execute()
  const now = Date.now()
  const created: Array<{ id: number; unit: string; category: string }> = []

  for (const d of duties) {
    const unitId = units.get(d.unit)
    const categoryId = categories.get(d.category)
    if (!unitId || !categoryId) continue
    const assignedAt = new Date(now - d.age * DAY)
    const start = chinaToday(assignedAt)
    const at = (workdays: number) => new Date(`${addWorkingDays(start, workdays)}T10:00:00+08:00`)
    const leader = leaders[d.unit] ?? { name: '责任领导', title: '负责人' }
    const resolvedAt = d.resolvedAfter === null ? null : at(d.resolvedAfter)
    const status: DutyStatus =
      resolvedAt === null
        ? d.firstAfter === null
          ? 'assigned'
          : 'in_progress'
        : d.closed
          ? 'closed'
          : 'resolved'
    const duty = await trx
      .insertInto('duties')
      .values({
        unit_id: unitId,
        category_id: categoryId,
        title: d.title,
        commitment: d.commitment,
        leader_name: leader.name,
        leader_title: leader.title,
        mode: 'deadline',
        deadline: addWorkingDays(start, d.deadlineAfter),
        status,
        progress: resolvedAt ? 100 : d.firstAfter === null ? 0 : 40,
        resolution_summary: resolvedAt ? `${d.commitment.replace(/。$/, '')}，已完成。` : null,
        resolution_summary_public: resolvedAt
          ? `${d.commitment.replace(/。$/, '')}，已完成。`
          : null,
        first_progress_at: d.firstAfter === null ? null : at(d.firstAfter),
        resolved_at: resolvedAt,
        closed_at: d.closed && resolvedAt ? new Date(resolvedAt.getTime() + 10 * DAY) : null,
        created_at: assignedAt,
        updated_at: resolvedAt ?? assignedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    created.push({ id: duty.id, unit: d.unit, category: d.category })
    await trx
      .insertInto('events')
      .values({
        type: 'duty.assigned',
        duty_id: duty.id,
        actor: 'system',
        public: true,
        data: JSON.stringify({ unitId }),
        occurred_at: assignedAt,
      })
      .execute()
    if (d.firstAfter !== null) {
      await trx
        .insertInto('progress_updates')
        .values({
          duty_id: duty.id,
          body: '已到现场核查，正在制定整改方案。',
          body_public: '已到现场核查，正在制定整改方案。',
          progress: 40,
          created_at: at(d.firstAfter),
        })
        .execute()
    }
    if (resolvedAt) {
      for (const [k, level] of (d.ratings ?? []).entries()) {
        const ratedAt = new Date(resolvedAt.getTime() + (k + 1) * DAY)
        const rater = publicUsers[k]
        if (!rater) continue
        await trx
          .insertInto('ratings')
          .values({
            duty_id: duty.id,
            public_user_id: rater.id,
            level,
            created_at: ratedAt,
            updated_at: ratedAt,
          })
          .onConflict((oc) => oc.doNothing())
          .execute()
      }
    }
  }

  // Reporters' own ratings where the ratings table is still empty of them.
  const reporterRatings = await trx
    .selectFrom('ratings')
    .select('id')
    .where('report_id', 'is not', null)
    .limit(1)
    .executeTakeFirst()
  if (!reporterRatings) {
    const rateable = await trx
      .selectFrom('duty_reports as dr')
      .innerJoin('duties as d', 'd.id', 'dr.duty_id')
      .select(['dr.duty_id', 'dr.report_id', 'd.resolved_at'])
      .where('d.status', 'in', ['resolved', 'closed'])
      .where('d.resolved_at', 'is not', null)
      .execute()
    for (const [i, r] of rateable.entries()) {
      const level = [5, 4, 3, 4, 2][i % 5]!
      const ratedAt = new Date(r.resolved_at!.getTime() + DAY)
      await trx
        .insertInto('ratings')
        .values({
          duty_id: r.duty_id,
          report_id: r.report_id,
          level,
          reason: level <= 2 ? '问题没有彻底解决。' : null,
          reason_public: level <= 2 ? '问题没有彻底解决。' : null,
          created_at: ratedAt,
          updated_at: ratedAt,
        })
        .onConflict((oc) => oc.doNothing())
        .execute()
    }
  }

  await seedSimilarReports(trx, now)

  const sanitation = created.filter((c) => c.category === 'sanitation')
  const hongshan = units.get('hongshan-street')
  if (sanitation.length && hongshan) {
    const topic = await trx
      .insertInto('topics')
      .values({
        slug: 'village-waste',
        title: '城中村垃圾清运集中整治',
        description:
          '针对群众集中反映的城中村垃圾转运点臭味、垃圾桶满溢等问题，由红山街道牵头，开展为期三个月的集中整治。',
        lead_unit_id: hongshan,
        created_at: new Date(now - 50 * DAY),
      })
      .onConflict((oc) => oc.column('slug').doNothing())
      .returning('id')
      .executeTakeFirst()
    if (topic) {
      await trx
        .insertInto('topic_duties')
        .values(sanitation.map((s) => ({ topic_id: topic.id, duty_id: s.id })))
        .execute()
      await trx
        .updateTable('duties')
        .set({ topic_id: topic.id })
        .where(
          'id',
          'in',
          sanitation.map((s) => s.id),
        )
        .execute()
    }
  }

  const rules: Array<{
    unit: string
    title: string
    action: 'established' | 'revised' | 'abolished'
    summary: string
    duty: string
  }> = [
    {
      unit: 'hongshan-street',
      title: '城中村垃圾收运日清日结制度',
      action: 'established',
      summary: '明确各村垃圾转运点每日清运不少于两次，保洁员每日巡查并公开巡查记录。',
      duty: 'sanitation',
    },
    {
      unit: 'huangpu-street',
      title: '住宅小区楼道消防通道巡查办法',
      action: 'revised',
      summary: '将楼道杂物巡查由每月一次改为每周一次，发现问题24小时内清理。',
      duty: 'property',
    },
  ]
  for (const [i, r] of rules.entries()) {
    const unitId = units.get(r.unit)
    const linked = created.filter((c) => c.unit === r.unit && c.category === r.duty)
    if (!unitId || !linked.length) continue
    const rule = await trx
      .insertInto('rule_changes')
      .values({
        unit_id: unitId,
        title: r.title,
        action: r.action,
        summary: r.summary,
        effective_on: chinaToday(new Date(now - (20 - i * 5) * DAY)),
        created_at: new Date(now - (20 - i * 5) * DAY),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('rule_change_duties')
      .values(linked.map((l) => ({ rule_change_id: rule.id, duty_id: l.id })))
      .execute()
  }
}

/** Similar open reports in one street and category, so the focus-topic page proposes a cluster. */
const similar = [
  {
    title: '下沙社区晚上停车位不够',
    body: '下沙社区晚上停车位严重不够，车辆只能停在消防通道上，希望增加停车位或者开放周边学校停车场。',
    duty: true,
  },
  {
    title: '下沙社区停车位不够乱停车',
    body: '下沙社区停车位不够，晚上车辆乱停在消防通道上，存在安全隐患，希望增加停车位。',
    duty: true,
  },
  {
    title: '横沙社区晚上停车位不够',
    body: '晚上停车位严重不够，车辆停在消防通道上，希望增加停车位或开放周边停车场错时停车。',
    duty: false,
  },
]

async function seedSimilarReports(trx: Transaction<Database>, now: number) {
  const category = await trx
    .selectFrom('categories')
    .select(['id', 'kind', 'default_unit_id', 'resolution_days'])
    .where('slug', '=', 'parking')
    .executeTakeFirst()
  const areas = await trx
    .selectFrom('areas')
    .select(['id', 'code'])
    .where('code', 'in', ['hp-huangpu-2', 'hp-huangpu-3'])
    .orderBy('code')
    .execute()
  if (!category || areas.length < 2) return
  const leader = leaders['transport-bureau'] ?? { name: '责任领导', title: '负责人' }
  for (const [i, r] of similar.entries()) {
    const createdAt = new Date(now - (12 - i * 3) * DAY)
    const report = await trx
      .insertInto('reports')
      .values({
        tracking_code: generateTrackingCode(),
        follow_token: generateFollowToken(),
        idempotency_key: `demo-accountability:${i}`,
        kind: 'concern',
        category_id: category.id,
        area_id: areas[i === 2 ? 1 : 0]!.id,
        title: r.title,
        body: r.body,
        title_public: r.title,
        body_public: r.body,
        contact_name: ['赵敏', '钱磊', '孙静'][i]!,
        contact_mobile: `1380013${9001 + i}`,
        contact_email: `reporter${901 + i}@example.com`,
        display: 'masked',
        status: r.duty ? 'accepted' : 'pending',
        proposed_unit_id: category.default_unit_id,
        created_at: createdAt,
        updated_at: createdAt,
      })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst()
    if (!report) continue
    await trx
      .insertInto('events')
      .values({
        type: 'report.submitted',
        report_id: report.id,
        actor: 'reporter',
        public: true,
        occurred_at: createdAt,
      })
      .execute()
    if (!r.duty) continue
    const assignedAt = new Date(createdAt.getTime() + DAY)
    const duty = await trx
      .insertInto('duties')
      .values({
        unit_id: category.default_unit_id,
        category_id: category.id,
        area_id: areas[0]!.id,
        title: r.title,
        commitment: '摸排周边可利用空间，增设临时停车位并推动错时共享停车。',
        leader_name: leader.name,
        leader_title: leader.title,
        mode: 'deadline',
        deadline: addWorkingDays(chinaToday(assignedAt), category.resolution_days),
        created_at: assignedAt,
        updated_at: assignedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('duty_reports')
      .values({ duty_id: duty.id, report_id: report.id, linked_at: assignedAt })
      .execute()
    await trx
      .insertInto('events')
      .values([
        {
          type: 'report.accepted',
          report_id: report.id,
          duty_id: duty.id,
          actor: 'system',
          public: true,
          occurred_at: assignedAt,
        },
        {
          type: 'duty.assigned',
          duty_id: duty.id,
          actor: 'system',
          public: true,
          data: JSON.stringify({ unitId: category.default_unit_id }),
          occurred_at: assignedAt,
        },
      ])
      .execute()
  }
}
