import type { AreaLevel } from '../../db/schema'

export interface RoutingRule {
  categoryId: number
  areaId: number
  unitId: number
}

export interface AreaNode {
  id: number
  level: AreaLevel
  parentId: number | null
}

/** The area and the areas above it, nearest first: community → street → district. */
export function areaChain(areaId: number, areas: AreaNode[]): number[] {
  const byId = new Map(areas.map((a) => [a.id, a]))
  const chain: number[] = []
  let current = byId.get(areaId)
  while (current && !chain.includes(current.id)) {
    chain.push(current.id)
    current = current.parentId === null ? undefined : byId.get(current.parentId)
  }
  return chain
}

/** The street an area lies in (itself when it is a street), or null above street level. */
export function streetOf(areaId: number, areas: AreaNode[]): number | null {
  const byId = new Map(areas.map((a) => [a.id, a]))
  return (
    areaChain(areaId, areas)
      .map((id) => byId.get(id)!)
      .find((a) => a.level === 'street')?.id ?? null
  )
}

/**
 * The unit a new report is proposed to: the routing rule of its category for the nearest
 * area that has one (rules are usually set per street), else the category's default unit.
 * Triage may change it; this only saves the coordinator a step.
 */
export function proposeUnit(input: {
  categoryId: number
  defaultUnitId: number
  areaId: number
  areas: AreaNode[]
  rules: RoutingRule[]
}): number {
  for (const areaId of areaChain(input.areaId, input.areas)) {
    const rule = input.rules.find((r) => r.categoryId === input.categoryId && r.areaId === areaId)
    if (rule) return rule.unitId
  }
  return input.defaultUnitId
}
