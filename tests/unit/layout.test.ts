import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { migrationProvider } from '../../db/migrations/index'
import {
  filesUnder,
  findCycles,
  importGraph,
  lineCount,
  read,
  readsFormItself,
  resolveImport,
  ROOT,
  runtimeImports,
  sqlBuilders,
} from '../support/source-tree'

/**
 * The layout rules of docs/decisions/020-one-capability-one-folder.md, read from the source
 * tree: a file a newcomer can read at once, a folder they can scan, routes that only parse,
 * call one domain function and render, no import circles, and migrations that never change.
 */

const MAX_LINES = 400
const MAX_FILES_PER_FOLDER = 15
// Open311 is a machine API posting with an API key, not a browser form: it keeps its own reading.
const READS_OWN_FORM = /^app\/routes\/open311\./

const appFiles = filesUnder('app')
const sourceFiles = appFiles.filter((f) => /\.tsx?$/.test(f))
const routeFiles = sourceFiles.filter((f) => f.startsWith('app/routes/'))
const exists = (file: string) => fs.existsSync(path.join(ROOT, file))

describe('the layout of app/', () => {
  it(`has no source file over ${MAX_LINES} lines (locales aside)`, () => {
    const long = sourceFiles
      .filter((f) => !f.startsWith('app/locales/'))
      .map((f) => ({ file: f, lines: lineCount(read(f)) }))
      .filter((f) => f.lines > MAX_LINES)
      .map((f) => `${f.file}: ${f.lines}`)
    expect(long).toEqual([])
  })

  it(`has no folder with more than ${MAX_FILES_PER_FOLDER} files (routes and locales aside)`, () => {
    const perFolder = new Map<string, number>()
    for (const f of appFiles) {
      const dir = path.posix.dirname(f)
      perFolder.set(dir, (perFolder.get(dir) ?? 0) + 1)
    }
    const crowded = [...perFolder]
      .filter(([dir]) => !/^app\/(routes|locales)(\/|$)/.test(dir))
      .filter(([, n]) => n > MAX_FILES_PER_FOLDER)
      .map(([dir, n]) => `${dir}: ${n}`)
    expect(crowded).toEqual([])
  })

  it('has no route module that builds SQL', () => {
    const offenders = routeFiles
      .map((f) => ({ file: f, found: sqlBuilders(read(f)) }))
      .filter((f) => f.found.length > 0)
      .map((f) => `${f.file}: ${f.found.join(', ')}`)
    expect(offenders).toEqual([])
  })

  it('has every route action read its form through formAction', () => {
    const offenders = routeFiles.filter((f) => !READS_OWN_FORM.test(f) && readsFormItself(read(f)))
    expect(offenders).toEqual([])
  })

  it('marks every top-level action or loader built by a call as pure, so the browser bundle drops it', () => {
    // In the browser a `.server` module is empty: a kept `formAction(…)` call crashes hydration.
    const offenders = routeFiles.filter((f) =>
      /^export const (action|loader) = (?!\/\* @__PURE__ \*\/ )\w+\(/m.test(read(f)),
    )
    expect(offenders).toEqual([])
  })

  it('has no import circle', () => {
    expect(findCycles(importGraph(sourceFiles, read, exists))).toEqual([])
  })
})

describe('the migrations', () => {
  const dir = 'db/migrations'
  const listed: Record<string, string> = JSON.parse(read(`${dir}/checksums.json`))
  const files = filesUnder(dir)
    .map((f) => path.posix.basename(f))
    .filter((f) => /^\d{4}_.+\.ts$/.test(f))
  // Line endings as git may check them out on Windows do not count as a change.
  const hash = (file: string) =>
    crypto
      .createHash('sha256')
      .update(read(`${dir}/${file}`).replace(/\r\n/g, '\n'))
      .digest('hex')

  it('never change once landed: each keeps the checksum it landed with', () => {
    const changed = Object.entries(listed)
      .filter(([file, sum]) => !files.includes(file) || hash(file) !== sum)
      .map(([file]) => file)
    expect(changed).toEqual([])
  })

  it('are each listed in checksums.json (a new migration adds its file and its line)', () => {
    expect(files.filter((f) => !(f in listed))).toEqual([])
  })

  it('are each run: the provider lists every file', async () => {
    const provided = Object.keys(await migrationProvider.getMigrations()).sort()
    expect(provided).toEqual(files.map((f) => f.replace(/\.ts$/, '')))
  })
})

describe('the layout checks themselves', () => {
  it('count lines as an editor does', () => {
    expect(lineCount('a\nb\n')).toBe(2)
    expect(lineCount('a\nb')).toBe(2)
  })

  it('find SQL built in a route', () => {
    expect(sqlBuilders('await db.selectFrom("reports").selectAll()')).toEqual(['selectFrom('])
    expect(sqlBuilders('await db.transaction().execute(f)')).toEqual(['.transaction('])
    expect(sqlBuilders('sql<{ n: number }>`select 1`.execute(db)')).toEqual(['sql`'])
    expect(sqlBuilders('await sql`delete from x`.execute(db)')).toEqual(['sql`'])
    expect(sqlBuilders('sql.raw(text)')).toEqual(['sql.raw/ref/id/…'])
    expect(sqlBuilders('const rows = await listReports(db, query)')).toEqual([])
  })

  it('find a form read by hand', () => {
    expect(readsFormItself('const form = await request.formData()')).toBe(true)
    expect(readsFormItself('const form = await readForm(request)')).toBe(true)
    expect(readsFormItself('export const action = formAction(async ({ form }) => {})')).toBe(false)
  })

  it('follow run-time imports and skip type-only ones', () => {
    const source = [
      "import type { A } from './a'",
      "import { type B, type C } from './b'",
      "import { d, type D } from './d'",
      "import e from './e'",
      "import * as f from './f'",
      "import './g'",
      "export { h } from './h'",
      "export type { I } from './i'",
      "const j = await import('./j')",
    ].join('\n')
    expect(runtimeImports('x.ts', source)).toEqual(['./d', './e', './f', './g', './h', './j'])
  })

  it('resolve a specifier to its file', () => {
    const files = new Set(['app/a/x.server.ts', 'app/a/y.tsx', 'app/b/index.ts'])
    const has = (f: string) => files.has(f)
    expect(resolveImport('app/a/z.ts', './x.server', has)).toBe('app/a/x.server.ts')
    expect(resolveImport('app/a/z.ts', './y', has)).toBe('app/a/y.tsx')
    expect(resolveImport('app/a/z.ts', '../b', has)).toBe('app/b/index.ts')
    expect(resolveImport('app/a/z.ts', '~/b', has)).toBe('app/b/index.ts')
    expect(resolveImport('app/a/z.ts', 'kysely', has)).toBeUndefined()
    expect(resolveImport('app/a/z.ts', './styles.css', has)).toBeUndefined()
  })

  it('find a circle, however long, once', () => {
    const sources: Record<string, string> = {
      'app/db.ts': "import { jobs } from './jobs'",
      'app/jobs.ts': "import { submit } from './report'",
      'app/report.ts': "import { getDb } from './db'\nimport type { T } from './types'",
      'app/types.ts': "import { x } from './report'",
      'app/leaf.ts': "import { getDb } from './db'",
    }
    const graph = importGraph(
      Object.keys(sources),
      (f) => sources[f]!,
      (f) => f in sources,
    )
    expect(findCycles(graph)).toEqual(['app/db.ts → app/jobs.ts → app/report.ts → app/db.ts'])
    sources['app/db.ts'] = "import type { Jobs } from './jobs'"
    const fixed = importGraph(
      Object.keys(sources),
      (f) => sources[f]!,
      (f) => f in sources,
    )
    expect(findCycles(fixed)).toEqual([])
  })
})
