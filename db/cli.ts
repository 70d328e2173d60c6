import fs from 'node:fs'
import { auditLog } from '../app/transparency/audit.server'
import { logVerifierKey } from '../app/transparency/log.server'
import { prepareWorkCalendar } from '../app/calendar/calendar-data.server'
import { migrateToLatest, openDatabase } from './index'
import { seed } from './seed'

/** `tsx db/cli.ts migrate|seed|verify-events`: the database chores, on PostgreSQL or the embedded database. */
const command = process.argv[2]
const opened = openDatabase({
  url: process.env.DATABASE_URL,
  pgliteDir: process.env.PGLITE_DIR,
})
try {
  await migrateToLatest(opened.db)
  // The package's years in, as the server does at start (the seed counts deadlines with them).
  await prepareWorkCalendar(opened.db)
  if (command === 'seed') {
    await seed(opened.db, { demo: !process.argv.includes('--reference-only') })
    console.log('Seeded the demo district.')
  } else if (command === 'verify-events') {
    process.exitCode = await verifyEvents()
  } else if (command === 'migrate') {
    console.log('Migrated to the latest schema.')
  } else {
    console.error(
      'Usage: tsx db/cli.ts migrate|seed [--reference-only]|verify-events [--checkpoint <file or URL>] [--vkey <key, file or URL>]',
    )
    process.exitCode = 2
  }
} finally {
  await opened.close()
}

/**
 * Checks the transparency log against a checkpoint kept from earlier (without one, against
 * the database's own latest checkpoint, which only shows the events still match the tree).
 */
async function verifyEvents(): Promise<number> {
  const checkpointSource = option('--checkpoint')
  const vkeySource = option('--vkey')
  const verifierKey = vkeySource
    ? (await readSource(vkeySource)).trim()
    : await logVerifierKey(opened.db)
  if (!vkeySource) console.log(`Using the log's own verifier key: ${verifierKey}`)
  let earlier: string
  if (checkpointSource) {
    earlier = await readSource(checkpointSource)
  } else {
    const latest = await opened.db
      .selectFrom('transparency_checkpoints')
      .select('note')
      .orderBy('size', 'desc')
      .executeTakeFirst()
    if (!latest) {
      console.log('The log has no checkpoint yet: start the app once so its worker signs one.')
      return 1
    }
    console.log('No --checkpoint given: checking the events against the latest checkpoint only.')
    earlier = latest.note
  }
  const result = await auditLog(opened.db, { earlier, verifierKey })
  if (result.ok) {
    console.log(
      `OK: the log of ${result.treeSize} events extends the checkpoint and every event is in it (${result.pending} not yet integrated).`,
    )
    return 0
  }
  console.error(`FAILED (${result.code}): ${result.problem}`)
  if (result.event) {
    console.error(
      `the first differing leaf is event seq ${result.event.seq} (id ${result.event.id})`,
    )
  }
  return 1
}

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name)
  return at === -1 ? undefined : process.argv[at + 1]
}

async function readSource(source: string): Promise<string> {
  if (/^https?:\/\//.test(source)) {
    const response = await fetch(source)
    if (!response.ok) throw new Error(`${source}: HTTP ${response.status}`)
    return response.text()
  }
  // A verifier key may be given as it is, rather than in a file.
  return fs.existsSync(source) ? fs.readFileSync(source, 'utf8') : source
}
