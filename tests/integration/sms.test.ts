import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../db/seed'
import { notifyReporters } from '../../app/duties/reporter-notices.server'
import { getEnv, resetEnv } from '../../app/platform/env.server'
import { DomainError } from '../../app/platform/errors'
import { aliyunConfig, sendSmsRequest } from '../../app/platform/messages/sms.server'
import { drainOutbox, queueSms } from '../../app/platform/outbox.server'
import { createReport } from '../../app/reporting/report.server'
import { loader as healthz } from '../../app/routes/healthz'
import { action as verifyAction } from '../../app/routes/verify'
import { sendCode } from '../../app/verdict/verify.server'
import { setupTestDatabase } from '../support/database'
import { formRequest, settle } from '../support/requests'

/** A resident with only a mobile: codes, receipts and notices by SMS, each once. */
const database = setupTestDatabase()
const publicUrl = 'http://kaimen.test'
// The site's address is fixed text in the registered templates: links are made from it.
process.env.PUBLIC_URL = publicUrl

/** A stand-in for Aliyun's SendSms API, reached by the real SDK client over plain HTTP. */
let provider: http.Server
const received: Array<Record<string, string>> = []

beforeAll(async () => {
  await seed(database.current.db, { demo: true })
  provider = http.createServer((req, res) => {
    let raw = ''
    req.on('data', (chunk) => (raw += chunk))
    req.on('end', () => {
      const query = new URL(req.url ?? '/', 'http://x').searchParams
      const fields = Object.fromEntries([
        ...query,
        ...new URLSearchParams(raw),
        ['Action', String(req.headers['x-acs-action'] ?? '')],
        ['Authorization', String(req.headers.authorization ?? '')],
      ])
      received.push(fields)
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(
        JSON.stringify({
          Code: 'OK',
          Message: 'OK',
          BizId: `biz-${received.length}`,
          RequestId: 'r',
        }),
      )
    })
  })
  await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve))
})

afterAll(async () => {
  for (const key of Object.keys(process.env))
    if (key.startsWith('ALIYUN_SMS_')) delete process.env[key]
  resetEnv()
  await new Promise((resolve) => provider.close(resolve))
})

async function smsTo(mobile: string) {
  return database.current.db
    .selectFrom('email_outbox')
    .selectAll()
    .where('to_address', '=', mobile)
    .orderBy('id')
    .execute()
}

describe('verifying by a mobile one-time code', () => {
  it('sends the code by SMS to the mobile as typed in full width, and the code signs in', async () => {
    const typed = '＋86 １３８ １２３４ ５６７８'
    const sent = (await verifyAction({
      request: formRequest('/verify', { intent: 'request', email: '', mobile: typed }),
      params: {},
      context: {},
    })) as unknown as { data: { stage: string; mobile: string } }
    expect(sent.data).toMatchObject({ stage: 'check', mobile: '13812345678' })
    const [row] = await smsTo('13812345678')
    expect(row).toMatchObject({ channel: 'sms', template: 'verify-code', status: 'pending' })
    await drainOutbox(database.current.db)
    const [kept] = await smsTo('13812345678')
    const code = String((kept!.props as { code: string }).code)
    // Without Aliyun settings the stand-in keeps the text for the mailbox.
    expect(kept).toMatchObject({ status: 'kept', html: null })
    expect(kept!.text).toBe(
      `【开门平台】您的开门平台验证码为 ${code}，10 分钟内有效。如非本人操作，请忽略。`,
    )
    expect(kept!.subject).toBe(kept!.text)

    const response = (await settle(() =>
      verifyAction({
        request: formRequest('/verify', {
          intent: 'check',
          email: '',
          mobile: '13812345678',
          code,
          redirectTo: '/duties',
        }),
        params: {},
        context: {},
      }),
    )) as Response
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('/duties')
    expect(response.headers.get('set-cookie')).toContain('kaimen_public=')
  })

  it('refuses a bad mobile, and an email and a mobile at once, beside the field', async () => {
    for (const [fields, error] of [
      [{ email: '', mobile: '1381234' }, { mobile: ['verdict.verify.mobileInvalid'] }],
      [
        { email: 'a@example.com', mobile: '13812345678' },
        { mobile: ['verdict.verify.addressBoth'] },
      ],
      [{ email: '', mobile: '' }, { email: ['verdict.verify.addressMissing'] }],
    ] as const) {
      const refused = (await verifyAction({
        request: formRequest('/verify', { intent: 'request', ...fields }),
        params: {},
        context: {},
      })) as unknown as { init: { status: number }; data: { result: { error: unknown } } }
      expect(refused.init.status).toBe(400)
      expect(refused.data.result.error).toEqual(error)
    }
  })

  it('limits codes per mobile as per email: five an hour', async () => {
    const request = new Request('http://localhost/verify', { method: 'POST' })
    for (let i = 0; i < 5; i++) await sendCode(request, '13900001111')
    await expect(sendCode(request, '13900001111')).rejects.toBeInstanceOf(DomainError)
    expect((await smsTo('13900001111')).length).toBe(5)
  })
})

describe('a reporter who gave only a mobile', () => {
  it('gets the receipt and each progress notice by SMS, exactly once', async () => {
    const { db } = database.current
    const duty = await db
      .selectFrom('duties')
      .select(['id', 'category_id', 'area_id'])
      .where('status', '=', 'in_progress')
      .orderBy('id')
      .executeTakeFirstOrThrow()
    const created = await createReport(
      db,
      {
        kind: 'concern',
        categoryId: duty.category_id!,
        areaId: duty.area_id!,
        title: '楼道灯坏了',
        body: '三单元楼道的灯坏了一个月。',
        contactName: '王先生',
        contactMobile: '13700002222',
        contactEmail: null,
        display: 'anonymous',
      },
      [],
      { locale: 'zh-CN', publicUrl },
    )
    await db
      .insertInto('duty_reports')
      .values({ duty_id: duty.id, report_id: created.id })
      .execute()
    for (let i = 0; i < 2; i++)
      await db
        .transaction()
        .execute((trx) =>
          notifyReporters(trx, duty.id, 'progress', '已更换灯具', publicUrl, 'milestone-1'),
        )
    await drainOutbox(db)
    const messages = await smsTo('13700002222')
    expect(messages.map((m) => [m.channel, m.template, m.status])).toEqual([
      ['sms', 'report-received', 'kept'],
      ['sms', 'report-update', 'kept'],
    ])
    expect(messages[0]!.text).toContain(`查询码 ${created.trackingCode}`)
    expect(messages[0]!.text).toContain(`${publicUrl}/follow/${created.followToken}`)
    expect(messages[1]!.text).toBe(
      `【开门平台】您反映的问题（查询码 ${created.trackingCode}）有新进展，详情：${publicUrl}/follow/${created.followToken}`,
    )
  })
})

describe('Aliyun 短信服务', () => {
  function configure() {
    Object.assign(process.env, {
      ALIYUN_SMS_ACCESS_KEY_ID: 'LTAI-test-id',
      ALIYUN_SMS_ACCESS_KEY_SECRET: 'test-secret',
      ALIYUN_SMS_SIGN_NAME: '黄埔开门',
      ALIYUN_SMS_ENDPOINT: `http://127.0.0.1:${(provider.address() as AddressInfo).port}`,
      ALIYUN_SMS_TEMPLATE_VERIFY_CODE: 'SMS_100001',
      ALIYUN_SMS_TEMPLATE_REPORT_RECEIVED: 'SMS_100002',
      ALIYUN_SMS_TEMPLATE_REPORT_UPDATE: 'SMS_100003',
      ALIYUN_SMS_TEMPLATE_RATING_INVITATION: 'SMS_100004',
      ALIYUN_SMS_TEMPLATE_RATING_REMINDER: 'SMS_100005',
    })
    resetEnv()
  }

  it('refuses half a configuration at boot', () => {
    process.env.ALIYUN_SMS_ACCESS_KEY_ID = 'LTAI-only'
    resetEnv()
    expect(() => getEnv()).toThrow(/ALIYUN_SMS_ACCESS_KEY_SECRET/)
    delete process.env.ALIYUN_SMS_ACCESS_KEY_ID
    resetEnv()
  })

  it('is named by /healthz, and its absence too', async () => {
    const sms = async () => ((await (await healthz()).json()) as { sms: unknown }).sms
    expect(await sms()).toEqual({ provider: 'none' })
    configure()
    expect(await sms()).toEqual({ provider: 'aliyun' })
  })

  it('builds the client and the SendSms request from the settings', () => {
    configure()
    const env = getEnv()
    expect(aliyunConfig(env)).toMatchObject({
      accessKeyId: 'LTAI-test-id',
      accessKeySecret: 'test-secret',
      endpoint: `127.0.0.1:${(provider.address() as AddressInfo).port}`,
      protocol: 'HTTP',
    })
    const request = sendSmsRequest(env, {
      id: '42',
      channel: 'sms',
      to_address: '13812345678',
      template: 'verify-code',
      props: { code: '654321', minutes: 10 },
      locale: 'zh-CN',
    })
    expect(request).toMatchObject({
      phoneNumbers: '13812345678',
      signName: '黄埔开门',
      templateCode: 'SMS_100001',
      outId: 'kaimen-outbox-42',
    })
    expect(JSON.parse(request.templateParam!)).toEqual({ code: '654321', minutes: '10' })
  })

  it('sends each queued SMS once through the SDK, and records the provider id', async () => {
    configure()
    const { db } = database.current
    for (let i = 0; i < 2; i++)
      await queueSms(db, {
        to: '13600003333',
        template: 'verify-code',
        props: { code: '246810', minutes: 10 },
        dedupeKey: 'sms-once',
      })
    await drainOutbox(db)
    await drainOutbox(db)
    const sent = received.filter((r) => r.PhoneNumbers === '13600003333')
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({
      Action: 'SendSms',
      SignName: '黄埔开门',
      TemplateCode: 'SMS_100001',
    })
    expect(sent[0]!.Authorization).toContain('LTAI-test-id')
    expect(JSON.parse(sent[0]!.TemplateParam!)).toEqual({ code: '246810', minutes: '10' })
    const [row] = await smsTo('13600003333')
    expect(row).toMatchObject({ status: 'sent', provider_id: `biz-${received.length}` })
  })
})
