import { describe, expect, it } from 'vitest'
import { translator } from '../../app/platform/i18n'
import {
  linkParam,
  renderSms,
  SMS_PARAM_MAX,
  smsKinds,
} from '../../app/platform/messages/sms-templates'

const site = 'https://kaimen.example.gov.cn'
const follow = `${site}/follow/AbCdEfGhIjKlMnOpQrStUv`
const options = { publicUrl: site, signName: '开门平台', t: translator('zh-CN') }

const props = {
  'verify-code': { code: '123456', minutes: 10 },
  'report-received': { name: '李女士', title: '路灯不亮', code: 'KM-AAAA-BBBB', followUrl: follow },
  'report-update': {
    step: 'reopened',
    name: '李女士',
    title: '一个很长很长的标题'.repeat(10),
    code: 'KM-AAAA-BBBB',
    followUrl: follow,
    detail: '复核理由'.repeat(30),
  },
  'rating-invitation': {
    title: '路灯',
    summary: '已修复',
    rateUrl: `${site}/rate/AbCdEfGhIjKlMnOpQrStUv`,
    windowDays: 10,
  },
  'rating-reminder': { title: '路灯', rateUrl: `${site}/rate/AbCdEfGhIjKlMnOpQrStUv` },
} as const

describe('SMS templates (Aliyun rules)', () => {
  it.each(smsKinds)(
    '%s: every parameter within the limit, signature first, link to the site',
    (kind) => {
      const sms = renderSms(kind, props[kind], options)
      for (const value of Object.values(sms.params))
        expect([...value].length).toBeLessThanOrEqual(SMS_PARAM_MAX)
      expect(sms.text.startsWith('【开门平台】')).toBe(true)
      // Only short things travel: no title, no name, no reason (they can be long or personal).
      expect(sms.text).not.toContain('李女士')
      expect(sms.text).not.toContain('一个很长')
      if (kind !== 'verify-code') expect(sms.text).toContain(`${site}/`)
    },
  )

  it('gives the code and the link as parameters and renders the step in words', () => {
    const sms = renderSms('report-update', props['report-update'], options)
    expect(sms.params).toEqual({
      code: 'KM-AAAA-BBBB',
      step: '已退回重新整改',
      link: 'follow/AbCdEfGhIjKlMnOpQrStUv',
    })
    expect(sms.text).toBe(
      `【开门平台】您反映的问题（查询码 KM-AAAA-BBBB）已退回重新整改，详情：${follow}`,
    )
    const code = renderSms('verify-code', props['verify-code'], options)
    expect(code.params).toEqual({ code: '123456', minutes: '10' })
    expect(
      renderSms('verify-code', props['verify-code'], { ...options, t: translator('en') }).text,
    ).toContain('verification code is 123456')
  })

  it('refuses a parameter over 35 characters and an unknown template', () => {
    const long = `${site}/follow/${'x'.repeat(40)}`
    expect(() =>
      renderSms('report-received', { ...props['report-received'], followUrl: long }, options),
    ).toThrow(/over 35/)
    expect(() => renderSms('duty-assigned', {}, options)).toThrow(/Unknown SMS template/)
  })

  it('makes links relative to PUBLIC_URL, with or without a path prefix', () => {
    expect(linkParam('https://x.gov.cn/kaimen/follow/t', 'https://x.gov.cn/kaimen/')).toBe(
      'follow/t',
    )
    expect(linkParam('http://elsewhere/rate/t?a=1', site)).toBe('rate/t?a=1')
  })
})
