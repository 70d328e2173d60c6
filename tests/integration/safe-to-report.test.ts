import { resetEnv } from '../../app/platform/env.server'
import { beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../db/seed'
import { acceptIntoNewDuty } from '../../app/duties/triage/triage-decisions.server'
import { workOnDuty } from '../../app/duties/duty-work.server'
import {
  addOfficialAnswer,
  addPublicComment,
  moderateComment,
} from '../../app/verdict/comment.server'
import { rateDuty } from '../../app/verdict/rating.server'
import { recordCallback } from '../../app/callbacks/callback.server'
import { reportForFollower } from '../../app/reporting/follow.server'
import { action as concernAction } from '../../app/routes/report.concern'
import { loader as reportsLoader } from '../../app/routes/reports._index'
import { loader as reportLoader } from '../../app/routes/reports.$id'
import { loader as dutyLoader } from '../../app/routes/duties.$id'
import { loader as homeLoader } from '../../app/routes/_index'
import { loader as exportLoader } from '../../app/routes/exports.$file'
import { loader as feedLoader } from '../../app/routes/feeds.$file'
import { loader as dutyFeedLoader } from '../../app/routes/feeds.duties.$file'
import { loader as open311Loader } from '../../app/routes/open311.v2.$resource'
import { loader as open311OneLoader } from '../../app/routes/open311.v2.requests.$id'
import { loader as mailboxLoader } from '../../app/routes/dev.mailbox._index'
import { loader as healthz } from '../../app/routes/healthz'
import { setupTestDatabase } from '../support/database'
import { BASE, getRequest, settle } from '../support/requests'

/**
 * The Done-when of issue 13 ("Safe to report"), end to end through the app's own loaders and
 * actions on a real database: a report whose text carries a mobile, an email, an ID number and
 * its private address shows none of them anywhere public, nor its tracking code.
 */
const database = setupTestDatabase()

const MOBILE = '13912345678'
const MOBILE_SPACED = '139 1234 5678'
const EMAIL = 'wang.xiaoming@example.com'
const ID_NUMBER = '440106199003071231'
const ADDRESS = '幸福路88号3栋1201'
const NAME = '王小明'

let reportId: number
let dutyId: number
let trackingCode: string
let followToken: string

function reportForm(extra: Record<string, string> = {}): FormData {
  const form = new FormData()
  const fields: Record<string, string> = {
    idempotencyKey: 'safe-to-report-0001',
    category: String(ids.category),
    district: String(ids.district),
    street: String(ids.street),
    community: String(ids.community),
    title: `楼下噪音扰民，请联系${MOBILE}`,
    body: `我叫${NAME}，电话${MOBILE_SPACED}，邮箱${EMAIL}，身份证${ID_NUMBER}，住${ADDRESS}，楼下${ADDRESS}对面的商铺每晚施工到凌晨。`,
    address: ADDRESS,
    contactName: NAME,
    mobile: MOBILE,
    email: EMAIL,
    consent: 'on',
    confirmNew: 'yes',
    ...extra,
  }
  for (const [k, v] of Object.entries(fields)) form.append(k, v)
  return form
}

const post = (form: FormData) =>
  settle(() =>
    concernAction({
      request: new Request(`${BASE}/report/concern`, {
        method: 'POST',
        body: form,
        headers: { origin: BASE, 'x-forwarded-for': '203.0.113.13' },
      }),
      params: {},
      context: {},
    }),
  )

let ids: { category: number; district: number; street: number; community: number }

const secrets = () => [MOBILE, MOBILE_SPACED, EMAIL, ID_NUMBER, ADDRESS, NAME, trackingCode]
function expectNoSecret(surface: string, text: string) {
  for (const secret of secrets()) expect(text, `${surface} shows ${secret}`).not.toContain(secret)
}
const body = async (response: unknown) =>
  response instanceof Response ? response.text() : JSON.stringify(response)

beforeAll(async () => {
  resetEnv()
  const { db } = database.current
  await seed(db, { demo: true })
  const area = (code: string) =>
    db.selectFrom('areas').select('id').where('code', '=', code).executeTakeFirstOrThrow()
  const category = await db
    .selectFrom('categories')
    .select('id')
    .where('slug', '=', 'property')
    .executeTakeFirstOrThrow()
  ids = {
    category: category.id,
    district: (await area('hp')).id,
    street: (await area('hp-huangpu')).id,
    community: (await area('hp-huangpu-1')).id,
  }
})

describe('safe to report (issue 13, Done when)', () => {
  it('shows the reporter the public version before filing, then files it', async () => {
    const first = (await post(reportForm())) as unknown as {
      data: { preview: { title: string; body: string; name: string | null } | null }
    }
    expect(first).not.toBeInstanceOf(Response)
    const preview = first.data.preview!
    expect(preview.name).toBeNull() // the public sees 市民
    expectNoSecret('the preview', `${preview.title} ${preview.body}`)
    expect(preview.body).toContain('＊＊＊')

    const filed = (await post(reportForm({ confirmPublic: 'yes' }))) as Response
    expect(filed.status).toBe(302)
    followToken = filed.headers.get('location')!.split('/').pop()!
    const row = await database.current.db
      .selectFrom('reports')
      .select(['id', 'tracking_code', 'display', 'body'])
      .where('follow_token', '=', followToken)
      .executeTakeFirstOrThrow()
    reportId = row.id
    trackingCode = row.tracking_code
    expect(row.display).toBe('anonymous')
    expect(row.body).toContain(MOBILE_SPACED) // staff keep the original
  })

  it('keeps every public text of its duty free of the same data', async () => {
    const { db } = database.current
    const coordinator = await db
      .selectFrom('staff_users')
      .select('id')
      .where('role', '=', 'coordinator')
      .executeTakeFirstOrThrow()
    const unit = await db
      .selectFrom('staff_users')
      .select(['id', 'unit_id'])
      .where('email', '=', 'housing@kaimen.local')
      .executeTakeFirstOrThrow()
    const ctx = { publicUrl: BASE }
    ;({ dutyId } = await acceptIntoNewDuty(
      db,
      {
        reportId,
        unitId: unit.unit_id!,
        coUnitIds: [],
        title: '整治商铺夜间施工噪音',
        commitment: '约谈商铺，限定施工时间。',
        leaderName: '李明',
        leaderTitle: '副局长',
        mode: 'ongoing',
        deadline: null,
      },
      { ...ctx, staffId: coordinator.id },
    ))
    const version = async () =>
      (
        await db
          .selectFrom('duties')
          .select('version')
          .where('id', '=', dutyId)
          .executeTakeFirstOrThrow()
      ).version
    const noPhotos = { before: [], after: [] }
    await workOnDuty(
      db,
      dutyId,
      {
        intent: 'progress',
        version: await version(),
        body: `已电话联系${MOBILE}，到${ADDRESS}核查。`,
      },
      noPhotos,
      { ...ctx, staffId: unit.id },
    )
    const user = await db.selectFrom('public_users').select('id').executeTakeFirstOrThrow()
    const comment = await addPublicComment(db, {
      subject: { dutyId },
      publicUserId: user.id,
      body: `我也住${ADDRESS}附近，有事打${MOBILE}`,
      parentId: null,
    })
    await moderateComment(db, comment.id, { action: 'approve' })
    await addOfficialAnswer(db, {
      dutyId,
      staffUserId: unit.id,
      unitId: unit.unit_id!,
      body: `已回电${MOBILE}，邮件发至${EMAIL}。`,
      parentId: null,
    })
    await workOnDuty(
      db,
      dutyId,
      { intent: 'resolve', version: await version(), summary: `已约谈，回访${MOBILE}。` },
      noPhotos,
      { ...ctx, staffId: unit.id },
    )
    await rateDuty(db, {
      dutyId,
      rater: { reportId },
      level: 1,
      reason: `还是吵，身份证${ID_NUMBER}，电话${MOBILE}`,
    })
    // A callback: the public timeline says one took place, never what was said.
    await recordCallback(
      db,
      {
        id: unit.id,
        email: 'housing@kaimen.local',
        name: '住建局',
        role: 'unit_staff',
        unitId: unit.unit_id,
        unitName: null,
        unitSlug: null,
      },
      dutyId,
      {
        reportId,
        reached: true,
        view: 'unsatisfied',
        note: `${NAME}说${ADDRESS}还是吵，${MOBILE}`,
      },
    )
  })

  it('shows none of it on any public page, export, feed, Open311 answer or search result', async () => {
    const args = (path: string, params: Record<string, string> = {}) => ({
      request: getRequest(path),
      params,
      context: {},
    })
    const surfaces: Array<[string, unknown]> = [
      ['/reports', await reportsLoader(args('/reports'))],
      ['/reports/<id>', await reportLoader(args(`/reports/${reportId}`, { id: String(reportId) }))],
      ['/duties/<id>', await dutyLoader(args(`/duties/${dutyId}`, { id: String(dutyId) }))],
      ['/', await homeLoader(args('/'))],
      ['reports.csv', await exportLoader(args('/exports/reports.csv', { file: 'reports.csv' }))],
      ['duties.csv', await exportLoader(args('/exports/duties.csv', { file: 'duties.csv' }))],
      ['progress.xml', await feedLoader(args('/feeds/progress.xml', { file: 'progress.xml' }))],
      [
        'duty feed',
        await dutyFeedLoader(args(`/feeds/duties/${dutyId}.xml`, { file: `${dutyId}.xml` })),
      ],
      [
        'Open311 list',
        await open311Loader(args('/open311/v2/requests.json', { resource: 'requests.json' })),
      ],
      [
        'Open311 one',
        await open311OneLoader(
          args(`/open311/v2/requests/${reportId}.json`, { id: `${reportId}.json` }),
        ),
      ],
    ]
    for (const [surface, response] of surfaces) expectNoSecret(surface, await body(response))

    const page = await reportLoader(args(`/reports/${reportId}`, { id: String(reportId) }))
    expect(page.report.reporterName).toBeNull() // rendered as 市民
    expect(page.report.number).toBe(String(reportId).padStart(6, '0'))

    // Search runs over the public text only: the private address, the mobile, the email find nothing.
    for (const q of [ADDRESS, MOBILE, EMAIL, ID_NUMBER, '幸福路88号']) {
      const found = await reportsLoader(args(`/reports?q=${encodeURIComponent(q)}`))
      expect(
        found.page.items.map((r: { id: number }) => r.id),
        q,
      ).not.toContain(reportId)
    }
    // …while its public words still find it.
    const found = await reportsLoader(args(`/reports?q=${encodeURIComponent('施工到凌晨')}`))
    expect(found.page.items.map((r: { id: number }) => r.id)).toContain(reportId)
  })

  it('keeps the tracking code and the original for the reporter', async () => {
    const follow = await reportForFollower(database.current.db, followToken)
    expect(follow!.report.trackingCode).toBe(trackingCode)
    expect(follow!.report.body).toContain(MOBILE_SPACED)
  })

  it('answers /dev/mailbox with a 404 to the public, and says on /healthz that no email leaves', async () => {
    const response = (await settle(() =>
      mailboxLoader({ request: getRequest('/dev/mailbox'), params: {}, context: {} }),
    )) as Response
    expect(response.status).toBe(404)
    const health = (await healthz()) as Response
    expect(health.status).toBe(200)
    expect(await health.json()).toMatchObject({ email: { provider: 'none' } })
  })
})
