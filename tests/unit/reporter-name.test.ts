import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { maskName, publicReporterName } from '../../app/reporting/reporter-name'

describe('reporter names in public', () => {
  it('masks all but the first character', () => {
    expect(maskName('张伟')).toBe('张*')
    expect(maskName('欧阳娜娜')).toBe('欧***')
    expect(maskName('李')).toBe('李*')
  })

  const concern = { kind: 'concern', contact_name: '张伟', company_name: null } as const
  const demand = {
    kind: 'demand',
    contact_name: '张伟',
    company_name: '广州开门科技有限公司',
  } as const

  it('shows nothing (市民 / 企业) unless the reporter consented to a masked name', () => {
    expect(publicReporterName({ ...concern, display: 'anonymous' })).toBeNull()
    expect(publicReporterName({ ...concern, contact_name: null, display: 'masked' })).toBeNull()
    expect(publicReporterName({ ...demand, display: 'anonymous' })).toBeNull()
  })

  it("shows a consenting concern's masked person and a consenting demand's masked company", () => {
    expect(publicReporterName({ ...concern, display: 'masked' })).toBe('张*')
    expect(publicReporterName({ ...demand, display: 'masked' })).toBe('广***')
  })

  it('never reveals more than the first character of any name', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 2, maxLength: 20 }).filter((s) => s.trim().length > 1),
        (name) => {
          const masked = maskName(name)
          expect(masked.startsWith(Array.from(name.trim())[0]!)).toBe(true)
          expect(
            Array.from(masked)
              .slice(1)
              .every((c) => c === '*'),
          ).toBe(true)
        },
      ),
    )
  })
})
