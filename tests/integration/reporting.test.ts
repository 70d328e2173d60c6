import { resetEnv } from '../../app/platform/env.server'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../db/seed'
import { MAX_IMAGE_BYTES } from '../../app/reporting/attachment.server'
import { creditCodeCheckChar } from '../../app/reporting/report-validation'
import { reportForFollower, trackReport } from '../../app/reporting/follow.server'
import { MAX_REPORT_BODY_BYTES } from '../../app/reporting/report-route.server'
import { findSimilarReports } from '../../app/reporting/similar-reports.server'
import { loader as home } from '../../app/routes/_index'
import { loader as followLoader } from '../../app/routes/follow.$token'
import { action as concernAction } from '../../app/routes/report.concern'
import { action as demandAction } from '../../app/routes/report.demand'
import { loader as receivedLoader } from '../../app/routes/report.received.$token'
import { loader as similarLoader } from '../../app/routes/report.similar'
import { action as trackAction } from '../../app/routes/track'
import { setupTestDatabase } from '../support/database'
import { BASE, formRequest, getRequest, settle } from '../support/requests'

const database = setupTestDatabase()
const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaimen-reporting-'))

let ipCounter = 0
/** Each request from its own address, so the per-address limit only trips where a test wants it. */
function freshIp(): string {
  ipCounter += 1
  return `198.51.100.${ipCounter % 250}:${ipCounter}`
}

type Fields = Record<string, string | string[] | File | File[] | undefined>

function multipartRequest(urlPath: string, fields: Fields, ip = freshIp()): Request {
  const body = new FormData()
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue
    for (const item of [value].flat()) body.append(name, item)
  }
  return new Request(`${BASE}${urlPath}`, {
    method: 'POST',
    body,
    headers: { origin: BASE, 'x-forwarded-for': ip },
  })
}

interface ReplyData {
  result: {
    status?: string
    error?: Record<string, string[] | null>
    initialValue?: Record<string, unknown>
  }
  similar: Array<{ id: number; title: string }>
  held: string[]
}

/** What the action answered: a redirect, or data with its status. */
async function submit(kind: 'concern' | 'demand', fields: Fields, ip?: string) {
  const run = kind === 'concern' ? concernAction : demandAction
  const outcome = await settle(() =>
    run({ request: multipartRequest(`/report/${kind}`, fields, ip), params: {}, context: {} }),
  )
  if (outcome instanceof Response) return { response: outcome, status: outcome.status }
  const wrapped = outcome as unknown as { data: ReplyData; init: ResponseInit | null }
  return { data: wrapped.data, status: wrapped.init?.status ?? 200 }
}

function errorsOf(reply: { data?: ReplyData }): Record<string, string[] | null> {
  return reply.data?.result.error ?? {}
}

async function png(width = 64, height = 48): Promise<File> {
  const data = await sharp({ create: { width, height, channels: 3, background: '#2a6' } })
    .png()
    .toBuffer()
  return new File([new Uint8Array(data)], 'photo.png', { type: 'image/png' })
}

async function countReports(): Promise<number> {
  const row = await database.current.db
    .selectFrom('reports')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

let ids: {
  property: number
  business: number
  district: number
  street: number
  community: number
  otherStreetCommunity: number
  streetUnit: number
  businessUnit: number
}

let counter = 0
/** A valid concern; every test changes what it needs. The title is unique so no two look alike. */
function concern(overrides: Fields = {}): Fields {
  counter += 1
  return {
    idempotencyKey: crypto.randomBytes(18).toString('base64url'),
    category: String(ids.property),
    district: String(ids.district),
    street: String(ids.street),
    community: String(ids.community),
    title: `测试问题${counter}号楼道灯不亮`,
    body: `第${counter}栋楼道里的声控灯坏了两个月，晚上上下楼看不见，希望物业尽快更换。`,
    address: '黄埔东路1号',
    contactName: '李华',
    mobile: `139${String(10_000_000 + counter).slice(-8)}`,
    email: `resident${counter}@example.com`,
    showName: 'on',
    consent: 'on',
    confirmNew: 'yes',
    ...overrides,
  }
}

function validCreditCode(): string {
  const first17 = '91440116MA5' + crypto.randomBytes(3).toString('hex').toUpperCase()
  const clean = first17.replace(/[IOSVZ]/g, 'A')
  return clean + creditCodeCheckChar(clean)!
}

function demand(overrides: Fields = {}): Fields {
  return concern({
    category: String(ids.business),
    title: `企业办理许可遇到困难${counter}`,
    body: '我们公司办理经营许可证时，需要在多个部门之间来回提交相同的材料，耗时很长。',
    companyName: '广州市测试科技有限公司',
    creditCode: validCreditCode(),
    demandType: 'approval',
    ...overrides,
  })
}

beforeAll(async () => {
  process.env.UPLOAD_DIR = uploadDir
  resetEnv()
  const { db } = database.current
  await seed(db, { demo: true })
  const category = (slug: string) =>
    db.selectFrom('categories').selectAll().where('slug', '=', slug).executeTakeFirstOrThrow()
  const area = (code: string) =>
    db.selectFrom('areas').selectAll().where('code', '=', code).executeTakeFirstOrThrow()
  const unit = (slug: string) =>
    db.selectFrom('units').selectAll().where('slug', '=', slug).executeTakeFirstOrThrow()
  const business = await category('business-environment')
  ids = {
    property: (await category('property')).id,
    business: business.id,
    district: (await area('hp')).id,
    street: (await area('hp-huangpu')).id,
    community: (await area('hp-huangpu-1')).id,
    otherStreetCommunity: (await area('hp-hongshan-1')).id,
    streetUnit: (await unit('huangpu-street')).id,
    businessUnit: business.default_unit_id,
  }
})

afterAll(() => {
  fs.rmSync(uploadDir, { recursive: true, force: true })
})

describe('filing a report', () => {
  it('files a valid concern with a photo: one transaction with event, routing and receipt', async () => {
    const { db } = database.current
    const fields = concern({ photos: await png() })
    const reply = await submit('concern', fields)
    expect(reply.status).toBe(302)
    const location = reply.response!.headers.get('location')!
    expect(location).toMatch(/^\/report\/received\/[A-Za-z0-9_-]{22}$/)
    const token = location.split('/').pop()!

    const report = await db
      .selectFrom('reports')
      .selectAll()
      .where('follow_token', '=', token)
      .executeTakeFirstOrThrow()
    expect(report).toMatchObject({
      kind: 'concern',
      status: 'pending',
      category_id: ids.property,
      area_id: ids.community,
      title: fields.title,
      contact_mobile: fields.mobile,
      contact_email: fields.email,
      address_public: false,
      company_name: null,
      // Property management is routed to the street office of the report's street.
      proposed_unit_id: ids.streetUnit,
      idempotency_key: fields.idempotencyKey,
    })
    expect(report.tracking_code).toMatch(/^KM-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/)

    const photos = await db
      .selectFrom('attachments')
      .selectAll()
      .where('report_id', '=', report.id)
      .execute()
    expect(photos).toHaveLength(1)
    expect(photos[0]).toMatchObject({ role: 'photo', mime: 'image/png', width: 64, height: 48 })
    expect(fs.existsSync(path.join(uploadDir, photos[0]!.storage_key))).toBe(true)

    const events = await db
      .selectFrom('events')
      .selectAll()
      .where('report_id', '=', report.id)
      .execute()
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ type: 'report.submitted', public: true, actor: 'reporter' })
    const eventText = JSON.stringify(events[0]!.data)
    for (const secret of [fields.mobile, fields.email, fields.contactName, fields.address])
      expect(eventText).not.toContain(secret as string)

    const email = await db
      .selectFrom('email_outbox')
      .selectAll()
      .where('dedupe_key', '=', `report-received:${report.id}`)
      .executeTakeFirstOrThrow()
    expect(email.to_address).toBe(fields.email)
    expect(email.template).toBe('report-received')
    expect(email.props).toMatchObject({
      code: report.tracking_code,
      followUrl: `http://localhost:3000/follow/${token}`,
    })

    const received = await receivedLoader({
      request: getRequest(location),
      params: { token },
      context: {},
    })
    expect(received).toMatchObject({
      trackingCode: report.tracking_code,
      followPath: `/follow/${token}`,
      emailSent: true,
    })
  })

  it('files a valid demand, proposed to the category’s default unit', async () => {
    const { db } = database.current
    const fields = demand({ creditCode: '91440101ma5cyt6f2f', email: undefined })
    const reply = await submit('demand', fields)
    expect(reply.status).toBe(302)
    const token = reply.response!.headers.get('location')!.split('/').pop()!
    const report = await db
      .selectFrom('reports')
      .selectAll()
      .where('follow_token', '=', token)
      .executeTakeFirstOrThrow()
    expect(report).toMatchObject({
      kind: 'demand',
      category_id: ids.business,
      company_name: '广州市测试科技有限公司',
      credit_code: '91440101MA5CYT6F2F',
      demand_type: 'approval',
      contact_email: null,
      proposed_unit_id: ids.businessUnit,
    })
    // No email address: the receipt goes by SMS to the mobile.
    const receipts = await db
      .selectFrom('email_outbox')
      .select(['channel', 'to_address'])
      .where('dedupe_key', '=', `report-received:${report.id}`)
      .execute()
    expect(receipts).toEqual([{ channel: 'sms', to_address: report.contact_mobile }])
  })

  const invalidConcerns: Array<[string, Fields, string, string]> = [
    ['no category', { category: '' }, 'category', 'validation.choose'],
    ['a category of the other kind', { category: 'BUSINESS' }, 'category', 'validation.choose'],
    ['no street', { street: '' }, 'street', 'validation.choose'],
    ['a community outside the street', { community: 'OTHER' }, 'community', 'validation.choose'],
    ['a short title', { title: '灯坏' }, 'title', 'validation.tooShort'],
    ['a long title', { title: '长'.repeat(81) }, 'title', 'validation.tooLong'],
    ['a short description', { body: '灯坏了' }, 'body', 'validation.tooShort'],
    ['a long description', { body: '长'.repeat(2001) }, 'body', 'validation.tooLong'],
    ['a long address', { address: '址'.repeat(201) }, 'address', 'validation.tooLong'],
    ['no name', { contactName: '  ' }, 'contactName', 'validation.required'],
    ['a landline', { mobile: '020-12345678' }, 'mobile', 'report.errors.mobile'],
    ['a mobile starting 12', { mobile: '12812345678' }, 'mobile', 'report.errors.mobile'],
    ['a bad email', { email: 'someone@' }, 'email', 'validation.email'],
    [
      'neither mobile nor email',
      { mobile: '', email: '' },
      'mobile',
      'report.errors.contactNeeded',
    ],
    ['no consent', { consent: undefined }, 'consent', 'report.errors.consent'],
  ]

  it.each(invalidConcerns)(
    'refuses %s beside its field, keeps what was typed and writes nothing',
    async (_label, overrides, field, key) => {
      const resolved = Object.fromEntries(
        Object.entries(overrides).map(([k, v]) => [
          k,
          v === 'BUSINESS'
            ? String(ids.business)
            : v === 'OTHER'
              ? String(ids.otherStreetCommunity)
              : v,
        ]),
      )
      const before = await countReports()
      const outbox = await database.current.db
        .selectFrom('email_outbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
      const fields = concern(resolved)
      const reply = await submit('concern', fields)
      expect(reply.status).toBe(400)
      expect(errorsOf(reply)[field]?.join()).toContain(key)
      expect(reply.data!.result.initialValue).toMatchObject({
        title: fields.title,
        idempotencyKey: fields.idempotencyKey,
      })
      expect(await countReports()).toBe(before)
      const outboxAfter = await database.current.db
        .selectFrom('email_outbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
      expect(Number(outboxAfter.n)).toBe(Number(outbox.n))
    },
  )

  const invalidDemands: Array<[string, Fields, string, string]> = [
    ['no company name', { companyName: '' }, 'companyName', 'validation.required'],
    [
      'a credit code with a wrong check digit',
      { creditCode: '91440101MA5CYT6F2G' },
      'creditCode',
      'report.errors.creditCodeCheck',
    ],
    [
      'a credit code of the wrong shape',
      { creditCode: '9144010' },
      'creditCode',
      'report.errors.creditCodeFormat',
    ],
    ['an unknown demand type', { demandType: 'favours' }, 'demandType', 'validation.choose'],
  ]

  it.each(invalidDemands)('refuses a demand with %s', async (_label, overrides, field, key) => {
    const before = await countReports()
    const reply = await submit('demand', demand(overrides))
    expect(reply.status).toBe(400)
    expect(errorsOf(reply)[field]?.join()).toContain(key)
    expect(await countReports()).toBe(before)
  })

  it('answers errors in the reader’s language when the page renders them', async () => {
    const { translator } = await import('../../app/platform/i18n')
    expect(translator('zh-CN')('report.errors.creditCodeCheck')).toMatch(/校验位/)
    expect(translator('en')('report.errors.creditCodeCheck')).toMatch(/check character/)
  })
})

describe('photos', () => {
  it('refuses an oversized photo with a clear message and writes nothing', async () => {
    const before = await countReports()
    const big = new File([new Uint8Array(MAX_IMAGE_BYTES + 1)], 'huge.jpg', {
      type: 'image/jpeg',
    })
    const reply = await submit('concern', concern({ photos: big }))
    expect(reply.status).toBe(400)
    expect(errorsOf(reply).photos?.join()).toContain('report.errors.photoTooLarge')
    expect(errorsOf(reply).photos?.join()).toContain('huge.jpg')
    expect(await countReports()).toBe(before)
  })

  it('refuses a file that only pretends to be a photo, and holds the good one', async () => {
    const before = await countReports()
    const fake = new File([new TextEncoder().encode('<script>alert(1)</script>')], 'fake.jpg', {
      type: 'image/jpeg',
    })
    const fields = concern({ photos: [fake, await png(30, 20)] })
    const reply = await submit('concern', fields)
    expect(reply.status).toBe(400)
    expect(errorsOf(reply).photos?.join()).toContain('report.errors.photoNotImage')
    expect(await countReports()).toBe(before)
    // The acceptable photo survives the round trip, so the reporter need not choose it again.
    expect(reply.data!.held).toHaveLength(1)
    const again = await submit('concern', {
      ...fields,
      photos: undefined,
      heldPhoto: reply.data!.held,
    })
    expect(again.status).toBe(302)
    const token = again.response!.headers.get('location')!.split('/').pop()!
    const photos = await database.current.db
      .selectFrom('attachments as a')
      .innerJoin('reports as r', 'r.id', 'a.report_id')
      .select(['a.width', 'a.height'])
      .where('r.follow_token', '=', token)
      .execute()
    expect(photos).toEqual([{ width: 30, height: 20 }])
  })

  it('refuses more than three photos', async () => {
    const photos = await Promise.all([png(), png(), png(), png()])
    const reply = await submit('concern', concern({ photos }))
    expect(reply.status).toBe(400)
    expect(errorsOf(reply).photos?.join()).toContain('validation.tooMany')
  })

  it('refuses a body larger than three photos before reading it, in the reader’s language', async () => {
    const request = new Request(`${BASE}/report/concern`, {
      method: 'POST',
      body: new URLSearchParams({ title: 'x' }),
      headers: {
        origin: BASE,
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': String(MAX_REPORT_BODY_BYTES + 1),
      },
    })
    const response = (await settle(() =>
      concernAction({ request, params: {}, context: {} }),
    )) as Response
    expect(response.status).toBe(413)
    expect(await response.text()).toMatch(/照片不能超过 5 MB/)
  })
})

describe('abuse', () => {
  it('refuses a form whose honeypot is filled', async () => {
    const before = await countReports()
    const reply = await submit('concern', concern({ website: 'http://spam.example' }))
    expect(reply.status).toBe(400)
    expect(await countReports()).toBe(before)
  })

  it('refuses a cross-site post', async () => {
    const request = formRequest(
      '/report/concern',
      { title: 'x' },
      {
        headers: { origin: 'https://evil.example' },
      },
    )
    const response = (await settle(() =>
      concernAction({ request, params: {}, context: {} }),
    )) as Response
    expect(response.status).toBe(403)
  })

  it('limits submissions per client address with a friendly 429', async () => {
    const ip = '203.0.113.7'
    // A form sent back with errors costs nothing (tests/integration/client-address.test.ts);
    // filed reports spend the budget.
    for (let i = 0; i < 10; i++) {
      const reply = await submit('concern', concern(), ip)
      expect(reply.status).toBe(302)
    }
    const before = await countReports()
    const limited = await submit('concern', concern(), ip)
    expect(limited.status).toBe(429)
    expect(limited.data!.result.error?.['']?.join()).toContain('report.errors.tooMany')
    // What was typed comes back with the message.
    expect(limited.data!.result.initialValue?.title).toMatch(/测试问题/)
    expect(await countReports()).toBe(before)
  })

  it('limits submissions per contact, whatever the address', async () => {
    const mobile = '13700137000'
    for (let i = 0; i < 5; i++) {
      const reply = await submit('concern', concern({ mobile, email: '' }))
      expect(reply.status).toBe(302)
    }
    const before = await countReports()
    const limited = await submit('concern', concern({ mobile, email: '' }))
    expect(limited.status).toBe(429)
    expect(await countReports()).toBe(before)
  })
})

describe('idempotency', () => {
  it('files one report for a form submitted twice, and answers both with it', async () => {
    const { db } = database.current
    const fields = concern()
    const first = await submit('concern', fields)
    const second = await submit('concern', fields)
    expect(first.status).toBe(302)
    expect(second.status).toBe(302)
    expect(second.response!.headers.get('location')).toBe(first.response!.headers.get('location'))
    const rows = await db
      .selectFrom('reports')
      .select('id')
      .where('idempotency_key', '=', fields.idempotencyKey as string)
      .execute()
    expect(rows).toHaveLength(1)
  })

  it('files one report for a double click (two submits at once)', async () => {
    const { db } = database.current
    const fields = concern()
    const replies = await Promise.all([submit('concern', fields), submit('concern', fields)])
    expect(replies.map((r) => r.status)).toEqual([302, 302])
    const rows = await db
      .selectFrom('reports')
      .select('id')
      .where('idempotency_key', '=', fields.idempotencyKey as string)
      .execute()
    expect(rows).toHaveLength(1)
    const emails = await db
      .selectFrom('email_outbox')
      .select('id')
      .where('dedupe_key', '=', `report-received:${rows[0]!.id}`)
      .execute()
    expect(emails).toHaveLength(1)
  })
})

describe('similar reports', () => {
  async function seededPending() {
    return database.current.db
      .selectFrom('reports as r')
      .innerJoin('areas as a', 'a.id', 'r.area_id')
      .select(['r.id', 'r.category_id', 'a.parent_id as street_id', 'r.area_id'])
      .where('r.title', '=', '小区消防通道被占用')
      .executeTakeFirstOrThrow()
  }

  it('finds an open report of the same category and street by its Chinese text', async () => {
    const { db } = database.current
    const seeded = await seededPending()
    const found = await findSimilarReports(db, {
      categoryId: seeded.category_id,
      streetId: seeded.street_id!,
      title: '消防通道被车辆占用',
      body: '我们小区的消防通道天天被私家车占用，物业也不管，很危险。',
    })
    expect(found.map((f) => f.id)).toContain(seeded.id)
    // Same words, another category or another street: not offered.
    const otherCategory = await findSimilarReports(db, {
      categoryId: ids.business,
      streetId: seeded.street_id!,
      title: '消防通道被车辆占用',
    })
    expect(otherCategory.map((f) => f.id)).not.toContain(seeded.id)
    const otherStreet = await db
      .selectFrom('areas')
      .select('id')
      .where('level', '=', 'street')
      .where('id', '!=', seeded.street_id!)
      .executeTakeFirstOrThrow()
    const elsewhere = await findSimilarReports(db, {
      categoryId: seeded.category_id,
      streetId: otherStreet.id,
      title: '消防通道被车辆占用',
    })
    expect(elsewhere.map((f) => f.id)).not.toContain(seeded.id)
    // Unrelated text: not offered.
    const unrelated = await findSimilarReports(db, {
      categoryId: seeded.category_id,
      streetId: seeded.street_id!,
      title: '希望增加社区图书馆开放时间',
    })
    expect(unrelated.map((f) => f.id)).not.toContain(seeded.id)
  })

  it('never offers a declined or merged report', async () => {
    const { db } = database.current
    const closed = await db
      .selectFrom('reports as r')
      .innerJoin('areas as a', 'a.id', 'r.area_id')
      .select(['r.id', 'r.title', 'r.body', 'r.category_id', 'a.parent_id as street_id'])
      .where('r.status', 'in', ['declined', 'merged'])
      .execute()
    expect(closed.length).toBeGreaterThan(0)
    for (const r of closed) {
      const found = await findSimilarReports(db, {
        categoryId: r.category_id,
        streetId: r.street_id!,
        title: r.title,
        body: r.body,
      })
      expect(found.map((f) => f.id)).not.toContain(r.id)
    }
  })

  it('shows them before filing; filing anew after that keeps the photo', async () => {
    const seeded = await seededPending()
    const before = await countReports()
    const fields = concern({
      confirmNew: undefined,
      street: String(seeded.street_id),
      community: String(seeded.area_id),
      title: '小区消防通道被车占用',
      body: '小区消防通道长期被私家车占用，物业不管，希望有关部门处理。',
      photos: await png(),
    })
    const step = await submit('concern', fields)
    expect(step.status).toBe(200)
    expect(step.data!.similar.map((s) => s.id)).toContain(seeded.id)
    expect(step.data!.held).toHaveLength(1)
    expect(await countReports()).toBe(before)

    const filed = await submit('concern', {
      ...fields,
      photos: undefined,
      heldPhoto: step.data!.held,
      confirmNew: 'yes',
    })
    expect(filed.status).toBe(302)
    expect(await countReports()).toBe(before + 1)
  })

  it('answers the browser’s lookup while the reporter types', async () => {
    const seeded = await seededPending()
    const params = new URLSearchParams({
      category: String(seeded.category_id),
      street: String(seeded.street_id),
      title: '消防通道被占用了',
    })
    const result = await similarLoader({
      request: getRequest(`/report/similar?${params}`),
      params: {},
      context: {},
    })
    expect(result.similar.map((s) => s.id)).toContain(seeded.id)
  })
})

describe('the form without JavaScript', () => {
  it('lists the chosen street’s communities without filing anything', async () => {
    const before = await countReports()
    const reply = await submit(
      'concern',
      concern({
        community: '',
        title: '',
        __intent__: JSON.stringify({ type: 'validate', payload: { name: 'street' } }),
      }),
    )
    expect(reply.status).toBe(200)
    expect(reply.data!.result.initialValue).toMatchObject({ street: String(ids.street) })
    expect(await countReports()).toBe(before)
  })
})

describe('following a report', () => {
  it('finds a report by tracking code and the reporter’s mobile or email only', async () => {
    const { db } = database.current
    const fields = concern()
    const reply = await submit('concern', fields)
    const token = reply.response!.headers.get('location')!.split('/').pop()!
    const report = await db
      .selectFrom('reports')
      .selectAll()
      .where('follow_token', '=', token)
      .executeTakeFirstOrThrow()
    const code = report.tracking_code
    expect(await trackReport(db, code, fields.mobile as string)).toBe(token)
    expect(
      await trackReport(db, code.toLowerCase().replace(/-/g, ' '), fields.mobile as string),
    ).toBe(token)
    expect(await trackReport(db, code, `+86 ${fields.mobile}`)).toBe(token)
    expect(await trackReport(db, code, (fields.email as string).toUpperCase())).toBe(token)
    expect(await trackReport(db, code, '13000000000')).toBeNull()
    expect(await trackReport(db, code, 'someone@example.com')).toBeNull()
    expect(await trackReport(db, 'KM-2222-2222', fields.mobile as string)).toBeNull()

    const right = (await settle(() =>
      trackAction({
        request: formRequest('/track', { code, contact: fields.mobile as string }),
        params: {},
        context: {},
      }),
    )) as Response
    expect(right.status).toBe(302)
    expect(right.headers.get('location')).toBe(`/follow/${token}`)

    const wrong = (await trackAction({
      request: formRequest('/track', { code, contact: '13000000000' }),
      params: {},
      context: {},
    })) as unknown as { data: { result: { error: Record<string, string[]> } }; init: ResponseInit }
    expect(wrong.init.status).toBe(404)
    expect(wrong.data.result.error['']).toEqual(['track.notFound'])
  })

  it('locks a tracking code after a handful of failed tries from anywhere, telling the reporter', async () => {
    const { db } = database.current
    const fields = concern()
    const reply = await submit('concern', fields)
    const token = reply.response!.headers.get('location')!.split('/').pop()!
    const { tracking_code: code } = await db
      .selectFrom('reports')
      .select('tracking_code')
      .where('follow_token', '=', token)
      .executeTakeFirstOrThrow()
    type Answer = { data: { result: { error: Record<string, string[]> } }; init: ResponseInit }
    const track = async (c: string, contact: string, address: string) =>
      (await settle(() =>
        trackAction({
          request: formRequest(
            '/track',
            { code: c, contact },
            { headers: { 'x-forwarded-for': address } },
          ),
          params: {},
          context: {},
        }),
      )) as unknown as Answer & Response
    // A wrong contact for a real code answers exactly like a code that does not exist.
    const wrongPair = await track(code, '13000000000', '198.51.100.1')
    const unknown = await track('KM-3333-3333', '13000000000', '198.51.100.1')
    expect(wrongPair.init.status).toBe(unknown.init.status)
    expect(wrongPair.data.result.error).toEqual(unknown.data.result.error)
    // Four more wrong tries, each from another address: the code is locked for the day.
    for (let i = 2; i <= 5; i++) await track(code, '13000000000', `198.51.100.${i}`)
    const locked = await track(code, fields.mobile as string, '198.51.100.99')
    expect(locked.init.status).toBe(429)
    expect(locked.data.result.error['']).toEqual(['track.locked|{"hours":24}'])
    // An unknown code locks alike, so the lock tells nobody whether a code exists.
    for (let i = 2; i <= 5; i++) await track('KM-3333-3333', '13000000000', `198.51.100.${i}`)
    const unknownLocked = await track('KM-3333-3333', '13000000000', '198.51.100.98')
    expect(unknownLocked.data.result.error['']).toEqual(['track.locked|{"hours":24}'])
  })

  it('limits lookups per client address', async () => {
    const headers = { 'x-forwarded-for': '192.0.2.44' }
    for (let i = 0; i < 20; i++) {
      await trackAction({
        request: formRequest(
          '/track',
          { code: 'KM-2222-2222', contact: '13000000000' },
          { headers },
        ),
        params: {},
        context: {},
      })
    }
    const limited = (await trackAction({
      request: formRequest('/track', { code: 'KM-2222-2222', contact: '13000000000' }, { headers }),
      params: {},
      context: {},
    })) as unknown as { init: ResponseInit; data: { result: { error: Record<string, string[]> } } }
    expect(limited.init.status).toBe(429)
    expect(limited.data.result.error['']?.join()).toContain('track.tooMany')
  })

  it('shows the reporter their own details and public timeline', async () => {
    const fields = concern({ photos: await png() })
    const reply = await submit('concern', fields)
    const token = reply.response!.headers.get('location')!.split('/').pop()!
    const page = await followLoader({
      request: getRequest(`/follow/${token}`),
      params: { token },
      context: {},
    })
    expect(page.report).toMatchObject({
      contactMobile: fields.mobile,
      contactEmail: fields.email,
      contactName: fields.contactName,
      title: fields.title,
    })
    expect(page.report.photos).toHaveLength(1)
    expect(page.timeline.map((e) => e.type)).toEqual(['report.submitted'])
    expect(page.duty).toBeNull()

    const missing = await settle(() =>
      followLoader({
        request: getRequest('/follow/nope'),
        params: { token: 'nope' },
        context: {},
      }),
    )
    expect((missing as Response).status).toBe(404)
  })

  it('follows a merged report through to the report that survived it', async () => {
    const { db } = database.current
    const merged = await db
      .selectFrom('reports')
      .selectAll()
      .where('status', '=', 'merged')
      .executeTakeFirstOrThrow()
    const followed = (await reportForFollower(db, merged.follow_token))!
    expect(followed.current.id).toBe(merged.merged_into_id)
    expect(followed.duty).not.toBeNull()
    const types = followed.timeline.map((e) => e.type)
    expect(types).toContain('report.merged')
    expect(types).toContain('duty.assigned')
  })

  it('links the reporter to rating once the duty is resolved', async () => {
    const { db } = database.current
    const resolved = await db
      .selectFrom('reports as r')
      .innerJoin('duty_reports as dr', 'dr.report_id', 'r.id')
      .innerJoin('duties as d', 'd.id', 'dr.duty_id')
      .select(['r.follow_token'])
      .where('d.status', '=', 'resolved')
      .executeTakeFirstOrThrow()
    const followed = (await reportForFollower(db, resolved.follow_token))!
    expect(followed.duty?.status).toBe('resolved')
  })
})

describe('privacy', () => {
  it('never puts a reporter’s contact details on the public home page', async () => {
    const { db } = database.current
    const page = JSON.stringify(await home({ request: getRequest('/'), params: {}, context: {} }))
    const contacts = await db
      .selectFrom('reports')
      .select(['contact_name', 'contact_mobile', 'contact_email', 'address'])
      .execute()
    for (const c of contacts)
      for (const value of [c.contact_mobile, c.contact_email])
        if (value) expect(page).not.toContain(value)
  })
})
