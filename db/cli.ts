import { migrateToLatest, openDatabase, verifyEventChain } from './index'
import { seed } from './seed'

/** `tsx db/cli.ts migrate|seed`: the database chores, on PostgreSQL or the embedded database. */
const command = process.argv[2]
const opened = openDatabase({
  url: process.env.DATABASE_URL,
  pgliteDir: process.env.PGLITE_DIR,
})
try {
  await migrateToLatest(opened.db)
  if (command === 'seed') {
    await seed(opened.db, { demo: !process.argv.includes('--reference-only') })
    console.log('Seeded the demo district.')
  } else if (command === 'verify-events') {
    const check = await verifyEventChain(opened.db)
    for (const b of check.broken)
      console.error(
        `event #${b.seq} (id ${b.id}): ${b.problem === 'hash' ? 'content was changed' : 'chain link broken'}`,
      )
    console.log(`${check.events} events checked, ${check.broken.length} broken.`)
    if (check.broken.length) process.exitCode = 1
  } else if (command === 'migrate') {
    console.log('Migrated to the latest schema.')
  } else {
    console.error('Usage: tsx db/cli.ts migrate|seed [--reference-only]|verify-events')
    process.exitCode = 2
  }
} finally {
  await opened.close()
}
