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

type Job = { name: string; run: (db: Kysely<Database>) => Promise<unknown> }

/** Background work of every app server: each job is safe to run on several servers at once. */
const jobs: Job[] = [
  { name: 'outbox', run: drainOutbox },
  { name: 'retention', run: (db) => anonymizeFinishedReports(db, getEnv().RETENTION_DAYS) },
  { name: 'held-photos', run: () => sweepHeldPhotos() },
  // public verdict: rating invitations, one reminder, closing after the rating window
  { name: 'ratings', run: (db) => runRatingJobs(db, { publicUrl: getEnv().PUBLIC_URL }) },
  { name: 'supervision', run: supervisionJob },
]

let stopping = false
const timers: NodeJS.Timeout[] = []
const rounds = new Set<Promise<void>>()

function startJobs(db: Kysely<Database>): void {
  repeat(getEnv().WORKER_INTERVAL_MS, db, jobs)
  // The transparency log integrates new events within about a second (one server at a time).
  repeat(getEnv().TRANSPARENCY_INTERVAL_MS, db, [{ name: 'transparency', run: integrateBatch }])
}

function repeat(ms: number, db: Kysely<Database>, list: Job[]): void {
  let running = false
  const tick = async () => {
    if (running || stopping) return
    running = true
    const round = (async () => {
      for (const job of list) {
        // Between two jobs is the safe point to stop: each job commits its own steps.
        if (stopping) break
        try {
          await job.run(db)
        } catch (error) {
          console.error(`[jobs] ${job.name} failed:`, error instanceof Error ? error.message : error)
        }
      }
    })()
    rounds.add(round)
    await round
    rounds.delete(round)
    running = false
  }
  const timer = setInterval(tick, ms)
  timer.unref()
  timers.push(timer)
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

/** At shutdown: no new round starts, and the running ones stop after their current job. */
export async function stopJobs(): Promise<void> {
  stopping = true
  for (const timer of timers) clearInterval(timer)
  await Promise.all(rounds)
}
