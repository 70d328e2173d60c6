import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { whenDatabaseOpens } from './platform/db.server'
import { getEnv } from './platform/env.server'
import { drainOutbox } from './platform/outbox.server'
import { sweepHeldPhotos } from './reporting/held-photos.server'
import { anonymizeFinishedReports } from './reporting/retention.server'
import { runRatingJobs } from './verdict/rating-job.server'
import { supervisionJob } from './accountability/supervision.server'
import { integrateBatch } from './transparency/log.server'

/** Background work of every app server: each job is safe to run on several servers at once. */
const jobs: Array<{ name: string; run: (db: Kysely<Database>) => Promise<unknown> }> = [
  { name: 'outbox', run: drainOutbox },
  { name: 'retention', run: (db) => anonymizeFinishedReports(db, getEnv().RETENTION_DAYS) },
  { name: 'held-photos', run: () => sweepHeldPhotos() },
  // public verdict: rating invitations, one reminder, closing after the rating window
  { name: 'ratings', run: (db) => runRatingJobs(db, { publicUrl: getEnv().PUBLIC_URL }) },
  { name: 'supervision', run: supervisionJob },
]

function startJobs(db: Kysely<Database>): void {
  repeat(getEnv().WORKER_INTERVAL_MS, async () => {
    for (const job of jobs) await runJob(job.name, () => job.run(db))
  })
  // The transparency log integrates new events within about a second (one server at a time).
  repeat(getEnv().TRANSPARENCY_INTERVAL_MS, () => runJob('transparency', () => integrateBatch(db)))
}

function repeat(ms: number, tick: () => Promise<void>): void {
  let running = false
  const run = async () => {
    if (running) return
    running = true
    await tick()
    running = false
  }
  setInterval(run, ms).unref()
  void run()
}

async function runJob(name: string, run: () => Promise<unknown>): Promise<void> {
  try {
    await run()
  } catch (error) {
    console.error(`[jobs] ${name} failed:`, error instanceof Error ? error.message : error)
  }
}

/**
 * The server entry calls this once: the jobs start on whichever request first opens the
 * database, right after its migrations and demo seed (the test setup opens its own and runs none).
 */
export function startJobsWithDatabase(): void {
  whenDatabaseOpens(({ db }) => {
    if (getEnv().WORKER === 'on') startJobs(db)
  })
}
