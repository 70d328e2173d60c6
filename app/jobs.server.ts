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

let stopping = false
let stopped: Promise<void> = Promise.resolve()
let timer: NodeJS.Timeout | undefined

function startJobs(db: Kysely<Database>): void {
  let running = false
  const tick = async () => {
    if (running || stopping) return
    running = true
    let done = () => {}
    stopped = new Promise((resolve) => (done = resolve))
    for (const job of jobs) {
      // Between two jobs is the safe point to stop: each job commits its own steps.
      if (stopping) break
      try {
        await job.run(db)
      } catch (error) {
        console.error(`[jobs] ${job.name} failed:`, error instanceof Error ? error.message : error)
      }
    }
    running = false
    done()
  }
  timer = setInterval(tick, getEnv().WORKER_INTERVAL_MS)
  timer.unref()
  void tick()
}

/**
 * The server entry calls this once: the jobs start on whichever request first opens the
 * database, right after its migrations and demo seed (the test setup opens its own and runs none).
 */
export function startJobsWithDatabase(): void {
  whenDatabaseOpens(({ db }) => {
    if (getEnv().WORKER === 'on' && !stopping) startJobs(db)
  })
}

/** At shutdown: no new round starts, and the running one stops after its current job. */
export async function stopJobs(): Promise<void> {
  stopping = true
  clearInterval(timer)
  await stopped
}
