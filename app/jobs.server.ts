import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { whenDatabaseOpens } from './platform/db.server'
import { getEnv } from './platform/env.server'
import { drainOutbox } from './platform/outbox.server'
import { sweepHeldPhotos } from './reporting/held-photos.server'
import { anonymizeFinishedReports } from './reporting/retention.server'
import { runRatingJobs } from './verdict/rating-job.server'
import { supervisionJob } from './accountability/supervision.server'

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
  let running = false
  const tick = async () => {
    if (running) return
    running = true
    for (const job of jobs) {
      try {
        await job.run(db)
      } catch (error) {
        console.error(`[jobs] ${job.name} failed:`, error instanceof Error ? error.message : error)
      }
    }
    running = false
  }
  setInterval(tick, getEnv().WORKER_INTERVAL_MS).unref()
  void tick()
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
