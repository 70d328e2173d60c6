import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { maskName, publicReporterName } from '../../app/reporting/reporter-name'

describe('reporter names in public', () => {
  it('masks all but the first character', () => {
    expect(maskName('张伟')).toBe('张*')
    expect(maskName('欧阳娜娜')).toBe('欧***')
    expect(maskName('李')).toBe('李*')
  })

  it('shows nothing for an anonymous reporter', () => {
    expect(publicReporterName('张伟', 'anonymous')).toBeNull()
    expect(publicReporterName(null, 'masked')).toBeNull()
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
