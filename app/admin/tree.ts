/** Units and areas are trees: listed parents first, each child indented below its parent. */

/** Parents before their children, each level in the order given. */
export function asTree<T extends { id: number; parentId: number | null }>(
  rows: T[],
): Array<T & { depth: number }> {
  const ids = new Set(rows.map((r) => r.id))
  const children = new Map<number | null, T[]>()
  for (const row of rows) {
    const parent = row.parentId !== null && ids.has(row.parentId) ? row.parentId : null
    children.set(parent, [...(children.get(parent) ?? []), row])
  }
  const out: Array<T & { depth: number }> = []
  const seen = new Set<number>()
  const walk = (parent: number | null, depth: number) => {
    for (const row of children.get(parent) ?? []) {
      if (seen.has(row.id)) continue
      seen.add(row.id)
      out.push({ ...row, depth })
      walk(row.id, depth + 1)
    }
  }
  walk(null, 0)
  return out
}

/** A tree level shown in a list or an option: one ideographic space of indent per level. */
export function indented(depth: number, name: string): string {
  return `${'\u3000'.repeat(depth)}${name}`
}
