import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { dayField } from '../../app/duties/duty-schema'
import { ReviewDecisionSchema } from '../../app/verdict/rating-schema'
import { CalendarDaySchema } from '../../app/calendar/calendar-schema'
import { RuleChangeSchema } from '../../app/accountability/rule-change-schema'
import { describe, expect, it } from 'vitest'
import { reportSchema } from '../../app/reporting/report-schema'
import { TrackSchema } from '../../app/reporting/track-schema'
import { normalizeTrackingCode } from '../../app/reporting/tracking-code'
import { CodeCheckSchema } from '../../app/verdict/verify-schema'

/**
 * Numbers and codes as residents type them on a phone: full-width (全角) digits from a Chinese
 * input method, ideographic spaces, mixed dashes, +86. One normaliser, used by the zod schemas,
 * so the browser (JavaScript on) and the server (JavaScript off) accept the same input.
 */
const options = {
  categories: [{ id: 1, name: '教育' }],
  areas: [
    { id: 1, name: '区', level: 'district' as const, parentId: null },
    { id: 2, name: '街', level: 'street' as const, parentId: 1 },
  ],
}

function demandForm(fields: Record<string, string>): FormData {
  const form = new FormData()
  const base = {
    category: '1',
    district: '1',
    street: '2',
    title: '企业用电报装太慢',
    body: '申请用电报装三个月仍未接通，影响投产。',
    contactName: '王',
    display: 'anonymous',
    consent: 'on',
    companyName: '某某科技有限公司',
    creditCode: '91440101MA5CYT6F2F',
    demandType: 'approval',
  }
  for (const [name, value] of Object.entries({ ...base, ...fields })) form.set(name, value)
  return form
}

function parsedDemand(fields: Record<string, string>) {
  return parseWithZod(demandForm(fields), { schema: reportSchema('demand', options) })
}

describe('full-width and mixed input', () => {
  it.each([
    ['１３８１２３４５６７８', '13812345678'],
    ['１３８　１２３４　５６７８', '13812345678'],
    ['＋８６ １３８-１２３４-５６７８', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['0086-138‐1234—5678', '13812345678'],
    ['138－1234－5678', '13812345678'],
    ['(+86) 13812345678', '13812345678'],
  ])('accepts the mobile %s as %s', (typed, stored) => {
    const submission = parsedDemand({ mobile: typed })
    expect(submission.status).toBe('success')
    expect(submission.status === 'success' && submission.value.mobile).toBe(stored)
  })

  it.each(['１３８１２３４５６７', '１２８１２３４５６７８', '１３８１２３４５６７８９'])(
    'still refuses the wrong number %s',
    (typed) => {
      const submission = parsedDemand({ mobile: typed })
      expect(submission.status).toBe('error')
      expect(submission.status === 'error' && submission.error?.mobile).toEqual([
        'report.errors.mobile',
      ])
    },
  )

  it.each([
    ['９１４４０１０１ＭＡ５ＣＹＴ６Ｆ２Ｆ', '91440101MA5CYT6F2F'],
    ['９１４４ ０１０１ ｍａ５ｃ－ｙｔ６ｆ－２ｆ', '91440101MA5CYT6F2F'],
  ])('accepts the credit code %s', (typed, stored) => {
    const submission = parsedDemand({ mobile: '13812345678', creditCode: typed })
    expect(submission.status).toBe('success')
    expect(submission.status === 'success' && submission.value.creditCode).toBe(stored)
  })

  it.each([
    ['ＫＭ－７Ｑ４Ｍ－２ＸＨＣ', 'KM-7Q4M-2XHC'],
    ['ｋｍ７ｑ４ｍ　２ｘｈｃ', 'KM-7Q4M-2XHC'],
    ['7Q4M—2XHC', 'KM-7Q4M-2XHC'],
  ])('reads the tracking code %s as %s', (typed, code) => {
    const form = new FormData()
    form.set('code', typed)
    form.set('contact', '１３８１２３４５６７８')
    const submission = parseWithZod(form, { schema: TrackSchema })
    expect(submission.status).toBe('success')
    if (submission.status !== 'success') return
    expect(normalizeTrackingCode(submission.value.code)).toBe(code)
    expect(submission.value.contact).toBe('13812345678')
  })

  it.each([
    ['１２３４５６', '123456'],
    ['１２３ ４５６', '123456'],
    ['123-456', '123456'],
  ])('reads the one-time code %s', (typed, code) => {
    const form = new FormData()
    form.set('intent', 'check')
    form.set('email', 'ＷＡＮＧ＠example.com')
    form.set('code', typed)
    const submission = parseWithZod(form, { schema: CodeCheckSchema })
    expect(submission.status).toBe('success')
    if (submission.status !== 'success') return
    expect(submission.value.code).toBe(code)
    expect(submission.value.email).toBe('wang@example.com')
  })
})

describe('the browser accepts what the server would', () => {
  it('gives the number and code inputs no pattern that would refuse full-width digits', () => {
    const report = getZodConstraint(reportSchema('demand', options))
    expect(report.mobile?.pattern).toBeUndefined()
    expect(report.creditCode?.pattern).toBeUndefined()
    expect(getZodConstraint(CodeCheckSchema).code?.pattern).toBeUndefined()
    expect(getZodConstraint(TrackSchema).code?.pattern).toBeUndefined()
  })
})

describe('days typed as YYYY-MM-DD', () => {
  // JavaScript rolls 2026-02-30 over to 3月2日; PostgreSQL refuses it with an error (a 500).
  const impossible = ['2026-02-30', '2026-02-29', '2026-04-31', '2026-13-01', '2026-00-10']

  it('a deadline or a milestone day that does not exist is refused beside the field', () => {
    for (const v of impossible) expect(dayField.safeParse(v).success, v).toBe(false)
    expect(dayField.parse('2028-02-29')).toBe('2028-02-29')
    expect(dayField.parse('')).toBeUndefined()
  })

  it('a rule change’s effective day that does not exist is refused', () => {
    const effectiveOn = RuleChangeSchema.shape.effectiveOn
    for (const v of impossible) expect(effectiveOn.safeParse(v).success, v).toBe(false)
    expect(effectiveOn.parse('2026-12-31')).toBe('2026-12-31')
  })

  it('a reopened duty’s new deadline and an admin’s calendar day that do not exist are refused', () => {
    for (const v of impossible) {
      const review = { intent: 'reopen', reviewId: '1', deadline: v }
      expect(ReviewDecisionSchema.safeParse(review).success, v).toBe(false)
      const calendarDay = { day: v, kind: 'holiday', name: '春节' }
      expect(CalendarDaySchema.safeParse(calendarDay).success, v).toBe(false)
    }
    expect(
      ReviewDecisionSchema.parse({ intent: 'reopen', reviewId: '1', deadline: '' }).deadline,
    ).toBeUndefined()
    expect(CalendarDaySchema.parse({ day: '2027-02-06', kind: 'holiday', name: '春节' }).day).toBe(
      '2027-02-06',
    )
  })
})
