import zlib from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { seed } from '../../db/seed'
import { LIST_SECONDS } from '../../app/accountability/open311/list-cache.server'
import { SHARED_PAGE_CACHE_CONTROL } from '../../app/platform/response/page-cache.server'
import { forgetCached } from '../../app/platform/cache.server'
import { resetEnv } from '../../app/platform/env.server'
import { setupTestDatabase } from '../support/database'
import { BASE } from '../support/requests'

const database = setupTestDatabase()

async function list(query = '', headers: Record<string, string> = {}): Promise<Response> {
  const { loader } = await import('../../app/routes/open311.v2.$resource')
  const request = new Request(`${BASE}/open311/v2/requests.json${query}`, { headers })
  return loader({ request, params: { resource: 'requests.json' }, context: {} })
}

const titles = async (response: Response) =>
  ((await response.json()) as Array<{ description: string }>).map((r) => r.description)

describe('the Open311 request list, kept briefly (issue 16)', () => {
  beforeAll(async () => {
    await seed(database.current.db, { demo: true })
    vi.stubEnv('CACHE_SECONDS', '10')
    resetEnv()
    forgetCached()
    vi.useFakeTimers({ toFake: ['Date'] })
  })
  afterAll(() => {
    vi.useRealTimers()
    vi.unstubAllEnvs()
    resetEnv()
    forgetCached()
  })

  it('answers from memory with an ETag, gzipped once, and shows a change within 10 s', async () => {
    const first = await list()
    expect(first.status).toBe(200)
    const etag = first.headers.get('etag')!
    expect(etag).toMatch(/^"[\w-]+"$/)
    expect(first.headers.get('cache-control')).toBe(SHARED_PAGE_CACHE_CONTROL)
    const before = await titles(first)
    expect(before.length).toBeGreaterThan(0)

    // The same question in another order is the same kept answer; a client holding it gets 304.
    expect((await list('?status=open,closed&x=1')).headers.get('etag')).not.toBeNull()
    expect((await list('', { 'if-none-match': etag })).status).toBe(304)
    const gzipped = await list('', { 'accept-encoding': 'gzip, br' })
    expect(gzipped.headers.get('content-encoding')).toBe('gzip')
    const unzipped = zlib.gunzipSync(Buffer.from(await gzipped.arrayBuffer())).toString('utf8')
    expect(JSON.parse(unzipped)).toHaveLength(before.length)

    // A change is not shown at once (the list is kept) …
    const { db } = database.current
    const changed = await db
      .updateTable('reports')
      .set({
        body: '缓存测试：更新后的问题描述，应在十秒内出现在列表中。',
        body_public: '缓存测试：更新后的问题描述，应在十秒内出现在列表中。',
      })
      .where('status', '<>', 'merged')
      .returning('id')
      .execute()
    expect(changed.length).toBeGreaterThan(0)
    expect((await list()).headers.get('etag')).toBe(etag)

    // … but it is within 10 s: after LIST_SECONDS the kept answer is reloaded.
    vi.setSystemTime(Date.now() + LIST_SECONDS * 1000 + 1)
    let shown = false
    for (let i = 0; i < 50 && !shown; i++) {
      shown = (await titles(await list())).some((t) => t.includes('缓存测试'))
      if (!shown) await new Promise((r) => setTimeout(r, 100))
    }
    expect(shown).toBe(true)
    expect(LIST_SECONDS * 2).toBeLessThanOrEqual(10)
  })
})
