import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

/** The checks behind tests/unit/layout.test.ts, as pure functions so they can be tested too. */

export const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** Every file under `dir` (relative to the repository, with forward slashes). */
export function filesUnder(dir: string): string[] {
  const out: string[] = []
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(ROOT, rel), { withFileTypes: true })) {
      const child = `${rel}/${entry.name}`
      if (entry.isDirectory()) walk(child)
      else out.push(child)
    }
  }
  walk(dir)
  return out.sort()
}

export function read(file: string): string {
  return fs.readFileSync(path.join(ROOT, file), 'utf8')
}

/** Lines as an editor numbers them: a final line break does not start another line. */
export function lineCount(source: string): number {
  const lines = source.split('\n').length
  return source.endsWith('\n') ? lines - 1 : lines
}

const SQL_IN_ROUTE: Array<[string, RegExp]> = [
  ['selectFrom(', /\bselectFrom\(/],
  ['insertInto(', /\binsertInto\(/],
  ['updateTable(', /\bupdateTable\(/],
  ['deleteFrom(', /\bdeleteFrom\(/],
  ['.transaction(', /\.transaction\(/],
  ['sql`', /\bsql(<[^`;]*>)?`/],
  ['sql.raw/ref/id/…', /\bsql\.(raw|ref|id|lit|table|join|val)\(/],
]

/** The SQL-building calls a route module makes (routes call one domain function instead). */
export function sqlBuilders(source: string): string[] {
  return SQL_IN_ROUTE.filter(([, pattern]) => pattern.test(source)).map(([name]) => name)
}

/** Whether a route reads its request's form itself instead of through formAction. */
export function readsFormItself(source: string): boolean {
  return /\.formData\(\)|\breadForm\(/.test(source)
}

/**
 * The module specifiers a file imports at run time: `import type` and imports whose every
 * name is a type vanish from the build, so they cannot close a circle.
 */
export function runtimeImports(fileName: string, source: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false)
  const out: string[] = []
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      if (!isTypeOnlyImport(node)) out.push(node.moduleSpecifier.text)
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      const named = node.exportClause && ts.isNamedExports(node.exportClause)
      const allTypes = named && node.exportClause.elements.every((e) => e.isTypeOnly)
      if (!node.isTypeOnly && !allTypes) out.push(node.moduleSpecifier.text)
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      out.push(node.arguments[0].text)
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
  return out
}

function isTypeOnlyImport(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause
  if (!clause) return false // `import './x'` runs the module
  if (clause.isTypeOnly) return true
  if (clause.name) return false
  const bindings = clause.namedBindings
  if (!bindings || ts.isNamespaceImport(bindings)) return false
  return bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly)
}

/** The repository file a relative (or `~/`) specifier names, if it is TypeScript. */
export function resolveImport(
  from: string,
  specifier: string,
  exists: (file: string) => boolean,
): string | undefined {
  let base: string
  if (specifier.startsWith('~/')) base = `app/${specifier.slice(2)}`
  else if (specifier.startsWith('.')) base = path.posix.join(path.posix.dirname(from), specifier)
  else return undefined
  const candidates = [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]
  return candidates.find((c) => /\.tsx?$/.test(c) && exists(c))
}

/** Each circle once, as the path that closes it: a → b → a. */
export function findCycles(graph: Map<string, string[]>): string[] {
  const cycles = new Set<string>()
  const state = new Map<string, 'open' | 'done'>()
  const stack: string[] = []
  const visit = (node: string) => {
    state.set(node, 'open')
    stack.push(node)
    for (const next of graph.get(node) ?? []) {
      const seen = state.get(next)
      if (seen === 'open') {
        const loop = stack.slice(stack.indexOf(next))
        // The same circle found from another member is reported once, from its smallest name.
        const start = loop.indexOf([...loop].sort()[0]!)
        const turned = [...loop.slice(start), ...loop.slice(0, start)]
        cycles.add([...turned, turned[0]].join(' → '))
      } else if (!seen) {
        visit(next)
      }
    }
    stack.pop()
    state.set(node, 'done')
  }
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node)
  return [...cycles].sort()
}

/** The run-time import graph from the given files, following imports into the rest of the repo. */
export function importGraph(
  start: string[],
  readSource: (file: string) => string,
  exists: (file: string) => boolean,
): Map<string, string[]> {
  const graph = new Map<string, string[]>()
  const queue = [...start]
  while (queue.length) {
    const file = queue.pop()!
    if (graph.has(file)) continue
    const targets = runtimeImports(file, readSource(file))
      .map((s) => resolveImport(file, s, exists))
      .filter((t): t is string => t !== undefined)
    graph.set(file, targets)
    queue.push(...targets.filter((t) => !graph.has(t)))
  }
  return graph
}
