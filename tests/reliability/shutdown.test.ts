import fs from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { spawnServer, terminate, waitFor, type Process } from './server'

/** The embedded database of `npm start`, in a folder of its own. */
const dir = `.data/shutdown-${process.pid}`
const env = {
  DATABASE_URL: undefined,
  PGLITE_DIR: dir,
  SEED_DEMO: 'auto',
  UPLOAD_DIR: `${dir}-uploads`,
}
const started: Process[] = []

afterAll(async () => {
  await Promise.all(started.map(terminate))
  for (const path of [dir, `${dir}.lock`, `${dir}-uploads`])
    fs.rmSync(path, { recursive: true, force: true })
})

function start(port: number): Process {
  const server = spawnServer(port, env)
  started.push(server)
  return server
}

describe('stopping and starting on the embedded database', () => {
  it('refuses a second process on the same data with a message naming the holder', async () => {
    const first = start(3953)
    await waitFor(first, '/healthz', 120)
    const second = start(3954)
    expect(await second.exited).toBe(1)
    expect(second.stderr()).toContain(`open in process ${first.child.pid}`)
    expect(second.stderr()).toContain(`kill -TERM ${first.child.pid}`)
    expect(await terminate(first)).toBe(0)
  })

  it('drains under load on SIGTERM, exits 0 within 15 s, and the next start serves pages', async () => {
    const server = start(3953)
    await waitFor(server, '/healthz', 120)
    const statuses: number[] = []
    let running = true
    const reader = async () => {
      while (running) {
        try {
          const response = await fetch(`${server.base}/reports`)
          await response.arrayBuffer()
          statuses.push(response.status)
        } catch {
          // refused once the server has stopped listening
        }
      }
    }
    const readers = Array.from({ length: 8 }, reader)
    // Under load: the readers have been served a while, and each has a request in flight.
    while (statuses.length < 16) await new Promise((r) => setTimeout(r, 100))

    const sent = Date.now()
    const code = await terminate(server)
    const seconds = (Date.now() - sent) / 1000
    running = false
    await Promise.all(readers)
    console.log(`stopped in ${seconds} s with ${statuses.length} pages served`)
    expect(code).toBe(0)
    expect(seconds).toBeLessThan(15)
    // A request the server had accepted was answered, not cut off or failed.
    expect(statuses.filter((s) => s !== 200)).toEqual([])
    expect(fs.existsSync(`${dir}.lock`)).toBe(false)

    const next = start(3953)
    await waitFor(next, '/healthz', 120)
    const page = await fetch(`${next.base}/reports`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<html')
    expect(await terminate(next)).toBe(0)
  })
})
