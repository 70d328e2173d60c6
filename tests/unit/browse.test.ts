import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  decodeCursor,
  dutyStatusFilters,
  encodeCursor,
  filterQuery,
  likePattern,
  parseFilters,
  searchTerms,
} from '../../app/browse/list-query'
import { distribution, isUnsatisfied } from '../../app/verdict/rating'
import { cleanText } from '../../app/platform/text'
import { publicText } from '../../app/privacy/public-text'

describe('browse filters in the URL', () => {
  it('keep what is valid, drop the rest, and round-trip through the query string', () => {
    const f = parseFilters(
      new URLSearchParams(
        'q=  菜市场   垃圾 &kind=demand&category=3&area=x&unit=housing-bureau&status=resolved&overdue=1&period=month&sort=deadline',
      ),
      dutyStatusFilters,
    )
    expect(f).toMatchObject({
      q: '菜市场 垃圾',
      kind: 'demand',
      category: 3,
      area: null,
      unit: 'housing-bureau',
      status: 'resolved',
      overdue: true,
      period: 'month',
      sort: 'deadline',
    })
    expect(parseFilters(new URLSearchParams(filterQuery(f)), dutyStatusFilters)).toEqual(f)
    const junk = parseFilters(
      new URLSearchParams('status=pending&sort=evil&unit=../x&kind=x&category=1e10&period=ever'),
      dutyStatusFilters,
    )
    expect(junk).toMatchObject({
      status: null,
      sort: 'newest',
      unit: null,
      kind: null,
      category: null,
      period: null,
    })
  })

  it('splits search words and matches LIKE wildcards literally', () => {
    expect(searchTerms('电梯 电梯 维修')).toEqual(['电梯', '维修'])
    expect(likePattern('100%_\\')).toBe('%100\\%\\_\\\\%')
  })
})

describe('keyset cursors', () => {
  it('round-trip, and anything else decodes to no cursor', () => {
    const c = { value: '2026-11-30T08:15:00.123456Z', id: 42 }
    expect(decodeCursor(encodeCursor(c), 'newest')).toEqual(c)
    expect(decodeCursor(encodeCursor({ value: '2026-12-01', id: 7 }), 'deadline')).toEqual({
      value: '2026-12-01',
      id: 7,
    })
    expect(decodeCursor(encodeCursor({ value: '2026-12-01', id: 7 }), 'newest')).toBeNull()
    // Dates PostgreSQL refuses (JavaScript rolls 2月30日 over to 3月2日): no cursor, not a 500.
    for (const value of ['2026-02-30T00:00:00Z', '2026-04-31T08:00:00.5Z', '2026-11-01T24:00:00Z'])
      expect(decodeCursor(encodeCursor({ value, id: 1 }), 'newest'), value).toBeNull()
    expect(decodeCursor(encodeCursor({ value: '2026-02-30', id: 1 }), 'deadline')).toBeNull()
    fc.assert(
      fc.property(fc.string(), (text) => {
        const decoded = decodeCursor(text, 'newest')
        if (decoded) expect(Number.isSafeInteger(decoded.id)).toBe(true)
      }),
    )
  })
})

describe('private addresses', () => {
  it('are cut from any public text, however often they appear', () => {
    expect(publicText('下沙菜市场后门垃圾多，下沙菜市场后门很臭', ['下沙菜市场后门', null])).toBe(
      '＊＊＊垃圾多，＊＊＊很臭',
    )
    expect(publicText('没有地址', [null, ' '])).toBe('没有地址')
  })
})

describe('ratings', () => {
  it('count each level apart and give the satisfaction rate', () => {
    const d = distribution([5, 4, 3, 2, 1, 1])
    expect(d.total).toBe(6)
    expect(d.levels).toEqual({ 5: 1, 4: 1, 3: 1, 2: 1, 1: 2 })
    expect(d.satisfaction).toBe(50)
    expect(distribution([]).satisfaction).toBeNull()
    expect([1, 2, 3, 4, 5].map(isUnsatisfied)).toEqual([true, true, false, false, false])
  })
})

describe('comment text', () => {
  it('keeps the words and line breaks, drops control and direction characters', () => {
    expect(cleanText(' 你好\r\n\r\n\r\n世界\u0000\u202E ')).toBe('你好\n\n世界')
    expect(cleanText('<script>x</script>')).toBe('<script>x</script>')
    expect(cleanText('a\uD800b')).toBe('a\uFFFDb')
  })
})
