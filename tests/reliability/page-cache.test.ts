import crypto from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formIds, startServer, submitConcern, type RunningServer } from './server'

/**
 * The shared page cache in `npm start`'s server (decision 029), with its production setting
 * (PAGE_CACHE_SECONDS 5): what anonymous visitors share, what they never do, and how soon a
 * change shows.
 */
let server: RunningServer
let reportId: number

beforeAll(async () => {
  server = await startServer('kaimen_page_cache', 3958, { PAGE_CACHE_SECONDS: '5' })
  const [row] = await server.query<{ id: number }>(
    `select id from reports where status = 'accepted' order by id limit 1`,
  )
  reportId = row!.id
}, 180_000)

afterAll(async () => {
  await server?.stop()
})

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${server.base}${path}`, { headers })

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Waits until the next request renders afresh (the cache may hold the page from a test before). */
async function afterExpiry() {
  await sleep(5_100)
}

describe('the shared page cache', () => {
  it('renders a public page once for anonymous visitors, with its CSP hashes and an ETag', async () => {
    await afterExpiry()
    const first = await get(`/reports/${reportId}`)
    const second = await get(`/reports/${reportId}`)
    expect(first.headers.get('x-page-cache')).toBe('miss')
    expect(second.headers.get('x-page-cache')).toBe('hit')
    const body = await second.text()
    expect(body).toBe(await first.text())
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'))
    expect(second.headers.get('cache-control')).toContain('s-maxage=5')
    // The cached copy's CSP still lists exactly the hashes of the scripts it carries.
    const csp = second.headers.get('content-security-policy')!
    expect(csp).toBe(first.headers.get('content-security-policy'))
    const scripts = [...body.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter(
      ([, attributes, content]) => content && !/src=|application\/json/.test(attributes!),
    )
    for (const [, , content] of scripts)
      expect(csp).toContain(
        `'sha256-${crypto.createHash('sha256').update(content!).digest('base64')}'`,
      )

    const revalidated = await get(`/reports/${reportId}`, {
      'if-none-match': first.headers.get('etag')!,
    })
    expect(revalidated.status).toBe(304)
  })

  it('lets a resource it does not keep answer its own conditions (a chart, 304)', async () => {
    const chart = await get('/charts/area-map.svg?lang=zh-CN')
    expect(chart.status).toBe(200)
    const etag = chart.headers.get('etag')!
    expect(etag).toBeTruthy()
    const again = await get('/charts/area-map.svg?lang=zh-CN', { 'if-none-match': etag })
    expect(again.status).toBe(304)
  })

  it('never shares a page with someone who has a session', async () => {
    await get('/reports')
    const personal = await get('/reports', { cookie: '__session=someone' })
    expect(personal.status).toBe(200)
    expect(personal.headers.get('x-page-cache')).toBeNull()
    expect(personal.headers.get('cache-control')).toBe('private, no-cache')
  })

  it('never shares a page that sets a cookie or is not public (the follow page, the report form)', async () => {
    for (const path of ['/report/concern', '/track']) {
      await get(path)
      const again = await get(path)
      expect(again.headers.get('x-page-cache'), path).toBeNull()
    }
  })

  it('forgets every shared page once a write went through this server', async () => {
    await afterExpiry()
    await get('/reports')
    expect((await get('/reports')).headers.get('x-page-cache')).toBe('hit')
    const ids = await formIds(server)
    expect(await submitConcern(server, ids, `page-cache-${Date.now()}`)).toBe('acknowledged')
    expect((await get('/reports')).headers.get('x-page-cache')).toBe('miss')
  })

  it('keeps its pages through a write that was refused', async () => {
    await afterExpiry()
    await get('/reports')
    // A post from another site is refused before it touches anything.
    const refused = await fetch(`${server.base}/report/concern`, {
      method: 'POST',
      body: new URLSearchParams({ title: 'x' }),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://evil.example',
      },
    })
    expect(refused.status).toBe(403)
    expect((await get('/reports')).headers.get('x-page-cache')).toBe('hit')
  })

  it('shows a change made elsewhere (a job, another server) within 10 s', async () => {
    await afterExpiry()
    await get(`/reports/${reportId}`)
    const title = `缓存之后改过的标题 ${Date.now()}`
    await server.query(`update reports set title_public = $1 where id = $2`, [title, reportId])
    const changed = Date.now()
    // Still the shared copy right after: the cache is what answers.
    const stale = await get(`/reports/${reportId}`)
    expect(stale.headers.get('x-page-cache')).toBe('hit')
    let seenAfter = Infinity
    for (let i = 0; i < 60; i++) {
      if ((await (await get(`/reports/${reportId}`)).text()).includes(title)) {
        seenAfter = Date.now() - changed
        break
      }
      await sleep(250)
    }
    // Five seconds here, at most five more in a downstream cache that honours s-maxage.
    expect(seenAfter).toBeLessThanOrEqual(5_500)
  })
})
