import { sql, type Kysely, type Transaction } from 'kysely'
import { addWorkingDays, chinaToday } from '../app/duties/working-days'
import { generateFollowToken, generateTrackingCode } from '../app/reporting/tracking-code'
import { hashPassword } from '../app/staff/password.server'
import type { Database, DutyStatus } from './schema'
import { seedAccountability } from './seed-accountability'
import * as data from './seed-data'
import { publicText } from '../app/privacy/public-text'

const DAY = 24 * 3600 * 1000

const demoAgeDays: Record<data.DemoReport['fate'], number> = {
  pending: 0.2,
  declined: 12,
  assigned: 4,
  in_progress: 24,
  overdue: 75,
  reopened: 30,
  resolved: 40,
  closed: 62,
}

/**
 * Reference data (units, areas, categories, routing rules, staff, settings) is upserted on
 * every run; the demo reports and duties are loaded once, into a database that has none.
 */
export async function seed(db: Kysely<Database>, options: { demo: boolean }): Promise<void> {
  const passwords = await Promise.all(data.staff.map((s) => hashPassword(s.password)))
  await db.transaction().execute(async (trx) => {
    await seedReference(trx, passwords)
    if (options.demo) await seedDemo(trx)
    if (options.demo) await seedAccountability(trx)
  })
}

async function seedReference(trx: Transaction<Database>, passwords: string[]) {
  for (const [i, u] of data.units.entries()) {
    await trx
      .insertInto('units')
      .values({ slug: u.slug, name: u.name, name_en: u.name_en, kind: u.kind, sort_order: i })
      .onConflict((oc) => oc.column('slug').doUpdateSet({ name: u.name, name_en: u.name_en }))
      .execute()
  }
  const unitId = await idsBy(trx, 'units', 'slug')
  const office = unitId('campaign-office')
  await trx
    .updateTable('units')
    .set({ parent_id: office })
    .where('slug', '!=', 'campaign-office')
    .where('parent_id', 'is', null)
    .execute()

  await trx
    .insertInto('areas')
    .values({ ...data.district, level: 'district', parent_id: null })
    .onConflict((oc) => oc.column('code').doNothing())
    .execute()
  const districtId = (await idsBy(trx, 'areas', 'code'))(data.district.code)
  for (const [i, s] of data.streets.entries()) {
    await trx
      .insertInto('areas')
      .values({
        code: s.code,
        name: s.name,
        name_en: s.name_en,
        level: 'street',
        parent_id: districtId,
        sort_order: i,
      })
      .onConflict((oc) => oc.column('code').doNothing())
      .execute()
    const streetId = (await idsBy(trx, 'areas', 'code'))(s.code)
    // Kept as the admin uploads it: a MultiPolygon (app/accountability/area-map/boundary.ts).
    const { coordinates } = data.streetBoundary(i)
    await trx
      .updateTable('areas')
      .set({ boundary: JSON.stringify({ type: 'MultiPolygon', coordinates: [coordinates] }) })
      .where('id', '=', streetId)
      .where('boundary', 'is', null)
      .execute()
    for (const [j, c] of s.communities.entries()) {
      await trx
        .insertInto('areas')
        .values({
          code: `${s.code}-${j + 1}`,
          name: c,
          name_en: data.communityNamesEn[c] ?? c,
          level: 'community',
          parent_id: streetId,
          sort_order: j,
        })
        .onConflict((oc) => oc.column('code').doNothing())
        .execute()
    }
  }

  for (const [i, c] of data.categories.entries()) {
    const values = {
      slug: c.slug,
      kind: c.kind,
      name: c.name,
      name_en: c.name_en,
      response_days: c.response_days,
      resolution_days: c.resolution_days,
      default_unit_id: unitId(c.unit),
      sort_order: i,
    }
    await trx
      .insertInto('categories')
      .values(values)
      .onConflict((oc) => oc.column('slug').doNothing())
      .execute()
  }
  const categoryId = await idsBy(trx, 'categories', 'slug')
  const areaId = await idsBy(trx, 'areas', 'code')
  for (const c of data.categories.filter((c) => c.street)) {
    for (const s of data.streets) {
      await trx
        .insertInto('routing_rules')
        .values({
          category_id: categoryId(c.slug),
          area_id: areaId(s.code),
          unit_id: unitId(s.unit),
        })
        .onConflict((oc) => oc.columns(['category_id', 'area_id']).doNothing())
        .execute()
    }
  }

  for (const [i, s] of data.staff.entries()) {
    await trx
      .insertInto('staff_users')
      .values({
        email: s.email,
        name: s.name,
        password_hash: passwords[i]!,
        role: s.role,
        unit_id: s.unit ? unitId(s.unit) : null,
      })
      .onConflict((oc) => oc.column('email').doNothing())
      .execute()
  }

  for (const [key, value] of Object.entries({
    comment_moderation: 'pre',
    rating_window_days: 10,
  })) {
    await trx
      .insertInto('settings')
      .values({ key, value: JSON.stringify(value) })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute()
  }
}

async function idsBy(
  trx: Transaction<Database>,
  table: 'units' | 'areas' | 'categories',
  column: 'slug' | 'code',
): Promise<(key: string) => number> {
  const rows = await trx
    .selectFrom(table)
    .select(['id', sql.ref<string>(column).as('key')])
    .execute()
  const map = new Map(rows.map((r) => [r.key, r.id]))
  return (key) => {
    const id = map.get(key)
    if (id === undefined) throw new Error(`seed: no ${table} ${key}`)
    return id
  }
}

const surnames = ['张', '王', '李', '刘', '陈', '杨', '黄', '赵', '吴', '周']
const givenNames = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋']

async function seedDemo(trx: Transaction<Database>) {
  const existing = await trx
    .selectFrom('reports')
    .select('id')
    .where('idempotency_key', 'like', 'demo:%')
    .limit(1)
    .executeTakeFirst()
  if (existing) return

  const units = await trx.selectFrom('units').select(['id', 'slug']).execute()
  const unitSlug = new Map(units.map((u) => [u.id, u.slug]))
  const categories = await trx.selectFrom('categories').selectAll().execute()
  const communities = await trx
    .selectFrom('areas as c')
    .innerJoin('areas as s', 's.id', 'c.parent_id')
    .select(['c.id', 'c.parent_id', 's.code as street_code'])
    .where('c.level', '=', 'community')
    .orderBy('c.id')
    .execute()
  const rules = await trx.selectFrom('routing_rules').selectAll().execute()
  const coordinator = await trx
    .selectFrom('staff_users')
    .select('id')
    .where('role', '=', 'coordinator')
    .executeTakeFirstOrThrow()

  const publicUsers = []
  for (const n of [1, 2, 3]) {
    const row = await trx
      .insertInto('public_users')
      .values({ email: `public${n}@example.com` })
      .onConflict((oc) => oc.column('email').doUpdateSet({ email: `public${n}@example.com` }))
      .returning('id')
      .executeTakeFirstOrThrow()
    publicUsers.push(row.id)
  }

  const now = Date.now()
  const reportIds: number[] = []
  for (const [i, demo] of data.demoReports.entries()) {
    const category = categories.find((c) => c.slug === demo.category)!
    const community = communities[(i * 7) % communities.length]!
    // Each fate is old enough for its steps to lie in the past, and overdue ones for the deadline to pass.
    const ageDays = demoAgeDays[demo.fate] + (i % 5) * 1.7
    const createdAt = new Date(now - ageDays * DAY)
    const rule = rules.find(
      (r) => r.category_id === category.id && r.area_id === community.parent_id,
    )
    const unitId = rule?.unit_id ?? category.default_unit_id
    const name = `${surnames[i % 10]}${givenNames[(i * 3) % 10]}`
    const report = await trx
      .insertInto('reports')
      .values({
        tracking_code: generateTrackingCode(),
        follow_token: generateFollowToken(),
        idempotency_key: `demo:${i}`,
        kind: category.kind,
        category_id: category.id,
        area_id: community.id,
        title: demo.title,
        body: demo.body,
        title_public: publicText(demo.title, [demo.address, name]),
        body_public: publicText(demo.body, [demo.address, name]),
        address: demo.address ?? null,
        address_public: false,
        contact_name: name,
        contact_mobile: `1380013${String(1000 + i).padStart(4, '0')}`,
        contact_email: `reporter${i + 1}@example.com`,
        display: i % 4 === 3 ? 'anonymous' : 'masked',
        company_name: demo.company?.name ?? null,
        credit_code: demo.company?.creditCode ?? null,
        demand_type: demo.company?.demandType ?? null,
        proposed_unit_id: unitId,
        created_at: createdAt,
        updated_at: createdAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    reportIds.push(report.id)
    await event(trx, createdAt, {
      type: 'report.submitted',
      report_id: report.id,
      actor: 'reporter',
      public: true,
    })

    if (demo.fate === 'pending') continue
    const decidedAt = new Date(createdAt.getTime() + DAY)
    if (demo.fate === 'declined') {
      const reason =
        '经核实，该问题属于小区业主共有部分维修事项，已告知通过业主大会申请使用专项维修资金解决，不纳入本次清单。'
      await trx
        .updateTable('reports')
        .set({ status: 'declined', decline_reason: reason, updated_at: decidedAt })
        .where('id', '=', report.id)
        .execute()
      await event(trx, decidedAt, {
        type: 'report.declined',
        report_id: report.id,
        actor: `staff:${coordinator.id}`,
        public: true,
        data: { reason },
      })
      continue
    }

    const leader = data.leaders[unitSlug.get(unitId)!]!
    const start = chinaDay(decidedAt)
    const deadline = addWorkingDays(start, category.resolution_days)
    const duty = await trx
      .insertInto('duties')
      .values({
        unit_id: unitId,
        category_id: category.id,
        area_id: community.id,
        title: demo.title,
        commitment: demo.commitment!,
        leader_name: leader.name,
        leader_title: leader.title,
        mode: 'deadline',
        deadline,
        created_at: decidedAt,
        updated_at: decidedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('duty_reports')
      .values({ duty_id: duty.id, report_id: report.id, linked_at: decidedAt })
      .execute()
    await trx
      .updateTable('reports')
      .set({ status: 'accepted', updated_at: decidedAt })
      .where('id', '=', report.id)
      .execute()
    await event(trx, decidedAt, {
      type: 'report.accepted',
      report_id: report.id,
      duty_id: duty.id,
      actor: `staff:${coordinator.id}`,
      public: true,
    })
    await event(trx, decidedAt, {
      type: 'duty.assigned',
      duty_id: duty.id,
      actor: `staff:${coordinator.id}`,
      public: true,
      data: { unitId, deadline },
    })

    const steps = ['现场核查', '制定整改方案', '组织实施整改', '验收并回访群众']
    for (const [k, title] of steps.entries()) {
      await trx
        .insertInto('milestones')
        .values({
          duty_id: duty.id,
          title,
          sort_order: k,
          due_on: addWorkingDays(start, Math.ceil(((k + 1) * category.resolution_days) / 4)),
        })
        .execute()
    }
    if (demo.fate === 'assigned') continue

    const doneSteps = { in_progress: 2, overdue: 1, resolved: 4, closed: 4, reopened: 3 }[demo.fate]
    const milestones = await trx
      .selectFrom('milestones')
      .select('id')
      .where('duty_id', '=', duty.id)
      .orderBy('sort_order')
      .execute()
    let at = decidedAt
    for (let k = 0; k < doneSteps; k++) {
      at = new Date(at.getTime() + (k === 0 ? 2 : 5) * DAY)
      const percent = Math.round(((k + 1) / steps.length) * 100)
      await trx
        .updateTable('milestones')
        .set({ done_at: at })
        .where('id', '=', milestones[k]!.id)
        .execute()
      const update = await trx
        .insertInto('progress_updates')
        .values({
          duty_id: duty.id,
          body: data.progressSteps[k]!,
          body_public: publicText(data.progressSteps[k]!),
          progress: percent,
          created_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await event(trx, at, {
        type: 'duty.progress',
        duty_id: duty.id,
        actor: 'staff:unit',
        public: true,
        data: { progressUpdateId: update.id, progress: percent },
      })
    }
    const progress = Math.round((doneSteps / steps.length) * 100)
    const firstProgressAt = new Date(decidedAt.getTime() + 2 * DAY)
    let status: DutyStatus = 'in_progress'
    const patch: Record<string, unknown> = {
      progress,
      first_progress_at: firstProgressAt,
      updated_at: at,
    }
    if (demo.fate === 'resolved' || demo.fate === 'closed' || demo.fate === 'reopened') {
      const summary = `${demo.commitment!.replace(/。$/, '')}，已全部完成并经现场验收。`
      const resolvedAt = new Date(at.getTime() + DAY)
      patch.resolution_summary = summary
      patch.resolution_summary_public = publicText(summary)
      patch.resolved_at = resolvedAt
      status = 'resolved'
      await event(trx, resolvedAt, {
        type: 'duty.resolved',
        duty_id: duty.id,
        actor: 'staff:unit',
        public: true,
        data: { summary },
      })
      if (demo.fate === 'closed') {
        const ratedAt = new Date(resolvedAt.getTime() + 2 * DAY)
        await trx
          .insertInto('ratings')
          .values({
            duty_id: duty.id,
            report_id: report.id,
            level: 5 - (i % 2),
            created_at: ratedAt,
            updated_at: ratedAt,
          })
          .execute()
        await event(trx, ratedAt, {
          type: 'duty.rated',
          duty_id: duty.id,
          actor: 'reporter',
          public: true,
          data: { level: 5 - (i % 2), reporter: true },
        })
        for (const [k, pu] of publicUsers.entries()) {
          const level = [5, 4, 3][(i + k) % 3]!
          await trx
            .insertInto('ratings')
            .values({
              duty_id: duty.id,
              public_user_id: pu,
              level,
              created_at: ratedAt,
              updated_at: ratedAt,
            })
            .execute()
        }
        const closedAt = new Date(resolvedAt.getTime() + 14 * DAY)
        patch.closed_at = closedAt
        status = 'closed'
        await event(trx, closedAt, {
          type: 'duty.closed',
          duty_id: duty.id,
          actor: 'system',
          public: true,
        })
      }
      if (demo.fate === 'reopened') {
        const ratedAt = new Date(resolvedAt.getTime() + DAY)
        const reason = '雨后路口仍然积水，整改效果不明显。'
        const rating = await trx
          .insertInto('ratings')
          .values({
            duty_id: duty.id,
            report_id: report.id,
            level: 2,
            reason,
            reason_public: publicText(reason),
            created_at: ratedAt,
            updated_at: ratedAt,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
        await event(trx, ratedAt, {
          type: 'duty.rated',
          duty_id: duty.id,
          actor: 'reporter',
          public: true,
          data: { level: 2, reporter: true },
        })
        const reopenedAt = new Date(ratedAt.getTime() + DAY)
        await trx
          .insertInto('duty_reviews')
          .values({
            duty_id: duty.id,
            rating_id: rating.id,
            reason,
            status: 'reopened',
            decision_note: '经复核，同意退回责任单位重新整改。',
            decided_at: reopenedAt,
            created_at: ratedAt,
          })
          .execute()
        const newDeadline = addWorkingDays(chinaDay(reopenedAt), 15)
        await event(trx, reopenedAt, {
          type: 'duty.reopened',
          duty_id: duty.id,
          actor: `staff:${coordinator.id}`,
          public: true,
          data: { reason, deadline: newDeadline },
        })
        Object.assign(patch, {
          deadline: newDeadline,
          reopened_count: 1,
          resolved_at: null,
          resolution_summary: null,
        })
        status = 'in_progress'
      }
    }
    await trx
      .updateTable('duties')
      .set({ ...patch, status })
      .where('id', '=', duty.id)
      .execute()

    if (i % 3 === 0) {
      const commentAt = new Date(at.getTime() + 3600 * 1000)
      const comment = await trx
        .insertInto('comments')
        .values({
          duty_id: duty.id,
          public_user_id: publicUsers[i % 3]!,
          body: '希望按承诺时间完成，我们会一直关注。',
          body_public: '希望按承诺时间完成，我们会一直关注。',
          status: 'published',
          created_at: commentAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      const officer = await trx
        .selectFrom('staff_users')
        .select('id')
        .where('unit_id', '=', unitId)
        .executeTakeFirst()
      if (officer) {
        await trx
          .insertInto('comments')
          .values({
            duty_id: duty.id,
            parent_id: comment.id,
            staff_user_id: officer.id,
            official: true,
            body: '感谢关注，我们将按期完成整改并及时公开进展。',
            body_public: '感谢关注，我们将按期完成整改并及时公开进展。',
            status: 'published',
            created_at: new Date(commentAt.getTime() + 3600 * 1000),
          })
          .execute()
      }
    }
  }

  // A duplicate of the first report, merged into it: its reporter follows the survivor.
  const first = reportIds[0]!
  const original = await trx
    .selectFrom('reports')
    .selectAll()
    .where('id', '=', first)
    .executeTakeFirstOrThrow()
  const mergedAt = new Date(original.created_at.getTime() + 2 * DAY)
  const duplicate = await trx
    .insertInto('reports')
    .values({
      tracking_code: generateTrackingCode(),
      follow_token: generateFollowToken(),
      idempotency_key: 'demo:merged',
      kind: original.kind,
      category_id: original.category_id,
      area_id: original.area_id,
      title: '3栋电梯又坏了',
      body: '3栋电梯又停运了，家里有老人出不了门，请相关部门督促物业尽快维修。',
      title_public: '3栋电梯又坏了',
      body_public: '3栋电梯又停运了，家里有老人出不了门，请相关部门督促物业尽快维修。',
      contact_name: '孙丽',
      contact_mobile: '13900139000',
      contact_email: null,
      display: 'masked',
      status: 'merged',
      merged_into_id: first,
      proposed_unit_id: original.proposed_unit_id,
      created_at: new Date(mergedAt.getTime() - DAY),
      updated_at: mergedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await event(trx, new Date(mergedAt.getTime() - DAY), {
    type: 'report.submitted',
    report_id: duplicate.id,
    actor: 'reporter',
    public: true,
  })
  await event(trx, mergedAt, {
    type: 'report.merged',
    report_id: duplicate.id,
    actor: `staff:${coordinator.id}`,
    public: true,
    data: { into: first },
  })

  await trx
    .insertInto('notices')
    .values([
      {
        kind: 'document',
        title: '关于开展开门教育广泛征集群众急难愁盼问题的公告',
        body: '即日起，通过开门平台、12345热线和各街道服务窗口，广泛征集群众急难愁盼问题和企业困难诉求。所有问题纳入问题清单，逐项明确责任单位、整改措施和完成时限，整改情况向社会公开，接受群众监督和评价。',
        published_at: new Date(now - 70 * DAY),
      },
      {
        kind: 'decision',
        title: '区学习教育领导小组第三次会议决定',
        body: '会议研究了问题清单办理情况，决定对超期未办结事项实行挂牌督办，对群众评价不满意的事项一律启动复核。',
        published_at: new Date(now - 20 * DAY),
      },
    ])
    .execute()
}

function chinaDay(date: Date): string {
  return chinaToday(date)
}

async function event(
  trx: Transaction<Database>,
  at: Date,
  e: {
    type: string
    report_id?: number
    duty_id?: number
    actor: string
    public: boolean
    data?: Record<string, unknown>
  },
) {
  await trx
    .insertInto('events')
    .values({
      type: e.type,
      report_id: e.report_id ?? null,
      duty_id: e.duty_id ?? null,
      actor: e.actor,
      public: e.public,
      data: JSON.stringify(e.data ?? {}),
      occurred_at: at,
    })
    .execute()
}
