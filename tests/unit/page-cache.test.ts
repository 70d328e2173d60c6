import zlib from 'node:zlib'
import { describe, expect, it } from 'vitest'
import {
  answerFrom,
  createPageCache,
  SHARED_PAGE_CACHE_CONTROL,
  sharedKeyOf,
  type Served,
} from '../../app/platform/response/page-cache.server'

function page(body: string, headers: Record<string, string> = {}, status = 200) {
  return new Response(body, {
    status,
    headers: {
      'Content-Type': 'text/html',
      'Cache-Control': SHARED_PAGE_CACHE_CONTROL,
      ...headers,
    },
  })
}

/** A clock the test moves, and a render that counts its calls. */
function setup(seconds = 5) {
  let now = 1_000_000
  const cache = createPageCache({ seconds, now: () => now })
  let renders = 0
  const render =
    (body = 'page', headers?: Record<string, string>, status?: number) =>
    () => {
      renders++
      return Promise.resolve(page(body, headers, status))
    }
  return {
    cache,
    render,
    renders: () => renders,
    advance: (ms: number) => (now += ms),
  }
}

function bodyOf(served: Served): string {
  if ('response' in served) throw new Error('not shared')
  return served.page.body.toString()
}

describe('which requests an anonymous visitor made', () => {
  it('shares a GET or HEAD with no cookie, or only the language and text-size ones', () => {
    expect(sharedKeyOf({ method: 'GET', url: '/reports' })).toBe('/reports ')
    expect(sharedKeyOf({ method: 'HEAD', url: '/reports' })).toBe('/reports ')
    expect(sharedKeyOf({ method: 'GET', url: '/reports', cookie: 'text=large; lang=en' })).toBe(
      '/reports lang=en;text=large',
    )
    // Each language and text size is its own page.
    expect(sharedKeyOf({ method: 'GET', url: '/', cookie: 'lang=en' })).not.toBe(
      sharedKeyOf({ method: 'GET', url: '/', cookie: 'lang=zh-CN' }),
    )
  })

  it('never shares a session, any other cookie, Authorization or a write', () => {
    expect(sharedKeyOf({ method: 'GET', url: '/', cookie: 'lang=en; __session=abc' })).toBeNull()
    expect(sharedKeyOf({ method: 'GET', url: '/', cookie: 'bench=uncached' })).toBeNull()
    expect(sharedKeyOf({ method: 'GET', url: '/', cookie: 'garbage' })).toBeNull()
    expect(sharedKeyOf({ method: 'GET', url: '/', authorization: 'Bearer x' })).toBeNull()
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])
      expect(sharedKeyOf({ method, url: '/' })).toBeNull()
  })
})

describe('the shared page cache', () => {
  it('renders a page once, then shares it until it is PAGE_CACHE_SECONDS old', async () => {
    const { cache, render, renders, advance } = setup(5)
    const first = await cache.serve('/a ', render('one'))
    expect(first).toMatchObject({ hit: false })
    advance(4_999)
    const second = await cache.serve('/a ', render('two'))
    expect(second).toMatchObject({ hit: true })
    expect(bodyOf(second)).toBe('one')
    expect(renders()).toBe(1)
    advance(1)
    expect(bodyOf(await cache.serve('/a ', render('three')))).toBe('three')
    expect(renders()).toBe(2)
  })

  it('keeps nothing longer than 5 s, whatever it is told', async () => {
    const { cache, render, advance } = setup(60)
    await cache.serve('/a ', render('one'))
    advance(5_000)
    expect(bodyOf(await cache.serve('/a ', render('two')))).toBe('two')
  })

  it('keeps nothing when switched off', async () => {
    const { cache, render, renders } = setup(0)
    await cache.serve('/a ', render())
    await cache.serve('/a ', render())
    expect(renders()).toBe(2)
  })

  it('forgets every page after a write, and does not keep a page whose render a write overtook', async () => {
    const { cache, render, renders } = setup()
    await cache.serve('/a ', render('before'))
    cache.forget()
    expect(bodyOf(await cache.serve('/a ', render('after')))).toBe('after')
    expect(renders()).toBe(2)

    let finish!: (response: Response) => void
    const slow = cache.serve('/b ', () => new Promise<Response>((resolve) => (finish = resolve)))
    cache.forget() // a write lands while /b renders
    finish(page('maybe stale'))
    // The visitor who asked before the write gets it; nobody after them does.
    expect(bodyOf(await slow)).toBe('maybe stale')
    expect(bodyOf(await cache.serve('/b ', render('fresh')))).toBe('fresh')
  })

  it('shares only a 200 that says s-maxage and sets no cookie', async () => {
    const { cache, render, renders } = setup()
    const refused = [
      render('not found', {}, 404),
      render('personal', { 'Cache-Control': 'private, no-store' }),
      render('no header', { 'Cache-Control': '' }),
      render('cookie', { 'Set-Cookie': 'a=b' }),
    ]
    for (const r of refused) {
      const served = await cache.serve('/x ', r)
      expect('response' in served).toBe(true)
    }
    await cache.serve('/x ', render('second time'))
    expect(renders()).toBe(5)
  })

  it('renders a page once for every visitor asking at the same moment', async () => {
    const { cache, render, renders } = setup()
    const all = await Promise.all(Array.from({ length: 20 }, () => cache.serve('/a ', render())))
    expect(renders()).toBe(1)
    expect(all.every((s) => bodyOf(s) === 'page')).toBe(true)
  })

  it('lets the waiting visitors render for themselves when the page may not be shared', async () => {
    const { cache, render, renders } = setup()
    const all = await Promise.all(
      Array.from({ length: 3 }, () => cache.serve('/a ', render('x', {}, 404))),
    )
    expect(renders()).toBe(3)
    expect(all.every((s) => 'response' in s)).toBe(true)
  })

  it('drops the oldest pages past its size', async () => {
    let now = 0
    const cache = createPageCache({ seconds: 5, maxBytes: 3_000, now: () => now++ })
    const big = 'x'.repeat(1_000)
    for (const key of ['/1', '/2', '/3']) await cache.serve(key, () => Promise.resolve(page(big)))
    expect(cache.size).toBe(2)
  })
})

describe('a shared page as one client gets it', () => {
  it('carries its ETag, Age and headers; 304 for a client that holds it; gzip if accepted', async () => {
    const { cache, render } = setup()
    const served = await cache.serve('/a ', render('<p>页面</p>', { 'X-Other': 'kept' }))
    if (!('page' in served)) throw new Error('not shared')
    const stored = served.page
    const plain = answerFrom(stored, { method: 'GET' }, stored.storedAt + 3_400, true)
    const header = (name: string) => plain.headers.find(([n]) => n === name)?.[1]
    expect(plain.status).toBe(200)
    expect(plain.body!.toString()).toBe('<p>页面</p>')
    expect(header('Age')).toBe('3')
    expect(header('x-other')).toBe('kept')
    expect(header('cache-control')).toBe(SHARED_PAGE_CACHE_CONTROL)
    expect(header('Vary')).toBe('Cookie, Accept-Encoding')
    expect(header('Content-Length')).toBe(String(Buffer.byteLength('<p>页面</p>')))

    const etag = header('ETag')!
    const revalidated = answerFrom(
      stored,
      { method: 'GET', ifNoneMatch: etag },
      stored.storedAt,
      true,
    )
    expect(revalidated).toMatchObject({ status: 304, body: null })

    const zipped = answerFrom(
      stored,
      { method: 'GET', acceptEncoding: 'gzip, br' },
      stored.storedAt,
      true,
    )
    expect(zipped.headers).toContainEqual(['Content-Encoding', 'gzip'])
    expect(zlib.gunzipSync(zipped.body!).toString()).toBe('<p>页面</p>')

    expect(answerFrom(stored, { method: 'HEAD' }, stored.storedAt, true).body).toBeNull()
  })
})

describe('an answer that may not be shared', () => {
  it('is rendered for each visitor at once afterwards, nobody waiting on another', async () => {
    const { cache, render, renders } = setup()
    await cache.serve('/media/1 ', render('photo', { 'Cache-Control': 'public, max-age=60' }))
    const started: Array<() => void> = []
    const slow = () =>
      new Promise<Response>((resolve) => {
        started.push(() => resolve(page('x', { 'Cache-Control': 'no-store' })))
      })
    const both = Promise.all([cache.serve('/media/1 ', slow), cache.serve('/media/1 ', slow)])
    // Both renders began without waiting for each other.
    expect(started).toHaveLength(2)
    for (const finish of started) finish()
    expect((await both).every((s) => 'response' in s)).toBe(true)
    expect(renders()).toBe(1)
  })
})

describe('a render a write overtook', () => {
  it('is not handed to a visitor who asked after the write', async () => {
    const { cache, render } = setup()
    let finish!: (response: Response) => void
    const before = cache.serve('/a ', () => new Promise<Response>((resolve) => (finish = resolve)))
    cache.forget()
    const after = cache.serve('/a ', render('after the write'))
    finish(page('before the write'))
    expect(bodyOf(await before)).toBe('before the write')
    expect(bodyOf(await after)).toBe('after the write')
  })
})
