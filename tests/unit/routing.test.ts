import { describe, expect, it } from 'vitest'
import { areaChain, proposeUnit, streetOf, type AreaNode } from '../../app/reporting/routing'

const areas: AreaNode[] = [
  { id: 1, level: 'district', parentId: null },
  { id: 10, level: 'street', parentId: 1 },
  { id: 11, level: 'community', parentId: 10 },
  { id: 12, level: 'community', parentId: 10 },
  { id: 20, level: 'street', parentId: 1 },
  { id: 21, level: 'community', parentId: 20 },
]
const PROPERTY = 100
const NOISE = 200
const HOUSING_BUREAU = 7
const STREET_10_OFFICE = 70
const STREET_20_OFFICE = 80
const COMMUNITY_12_CENTRE = 90
const ECOLOGY = 8

const rules = [
  { categoryId: PROPERTY, areaId: 10, unitId: STREET_10_OFFICE },
  { categoryId: PROPERTY, areaId: 20, unitId: STREET_20_OFFICE },
  { categoryId: PROPERTY, areaId: 12, unitId: COMMUNITY_12_CENTRE },
]

function propose(categoryId: number, areaId: number, defaultUnitId: number) {
  return proposeUnit({ categoryId, defaultUnitId, areaId, areas, rules })
}

describe('routing proposal', () => {
  it('routes by category and the street of the report’s community', () => {
    expect(propose(PROPERTY, 11, HOUSING_BUREAU)).toBe(STREET_10_OFFICE)
    expect(propose(PROPERTY, 21, HOUSING_BUREAU)).toBe(STREET_20_OFFICE)
  })

  it('routes a report placed on a street (no community chosen) by that street', () => {
    expect(propose(PROPERTY, 20, HOUSING_BUREAU)).toBe(STREET_20_OFFICE)
  })

  it('prefers a rule for the community itself over its street’s', () => {
    expect(propose(PROPERTY, 12, HOUSING_BUREAU)).toBe(COMMUNITY_12_CENTRE)
  })

  it('falls back to the category’s default unit when no rule matches', () => {
    expect(propose(NOISE, 11, ECOLOGY)).toBe(ECOLOGY)
    expect(propose(PROPERTY, 1, HOUSING_BUREAU)).toBe(HOUSING_BUREAU)
    expect(propose(PROPERTY, 999, HOUSING_BUREAU)).toBe(HOUSING_BUREAU)
  })

  it('walks up the area tree and finds the street', () => {
    expect(areaChain(11, areas)).toEqual([11, 10, 1])
    expect(streetOf(11, areas)).toBe(10)
    expect(streetOf(20, areas)).toBe(20)
    expect(streetOf(1, areas)).toBeNull()
    // A loop in bad data ends instead of hanging.
    expect(
      areaChain(5, [
        { id: 5, level: 'community', parentId: 6 },
        { id: 6, level: 'street', parentId: 5 },
      ]),
    ).toEqual([5, 6])
  })
})
