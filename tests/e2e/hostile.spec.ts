import { expect, test } from '@playwright/test'

/** What a stranger's client sees from the production build (tests/security has the rest). */

test('a chunked 50 MB upload gets the 413 page, not a connection reset', async ({ baseURL }) => {
  const chunk = new Uint8Array(1024 * 1024).fill(97)
  let sent = 0
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent === 50) return controller.close()
      sent += 1
      controller.enqueue(chunk)
    },
  })
  const response = await fetch(`${baseURL}/report/concern`, {
    method: 'POST',
    body,
    duplex: 'half',
    headers: {
      origin: baseURL!,
      'content-type': 'multipart/form-data; boundary=XyZ',
    },
  } as RequestInit)
  expect(response.status).toBe(413)
  expect(await response.text()).toContain('<html')
})

test('long Chinese pages carry no NUL byte', async ({ request }) => {
  for (const path of ['/', '/duties', '/reports', '/units', '/rules', '/topics', '/notices']) {
    const response = await request.get(path)
    expect(response.status(), path).toBe(200)
    const bytes = await response.body()
    expect(bytes.length, path).toBeGreaterThan(4096)
    expect(bytes.includes(0), `${path} has a NUL byte`).toBe(false)
  }
})

test('feeds, exports and Open311 carry CSP and nosniff', async ({ request }) => {
  for (const path of [
    '/feeds/progress.atom',
    '/feeds/progress.xml',
    '/exports/reports.csv',
    '/open311/v2/discovery.json',
    '/open311/v2/services.xml',
    '/healthz',
  ]) {
    const response = await request.get(path)
    expect(response.status(), path).toBe(200)
    expect(response.headers()['x-content-type-options'], path).toBe('nosniff')
    expect(response.headers()['content-security-policy'], path).toContain("default-src 'none'")
  }
})

test('a post from another site gets the plain 403 page from the server, never a 500', async ({
  baseURL,
}) => {
  // Remix's own Host/Origin check would answer 500; server/index.ts refuses first.
  for (const headers of [
    { origin: 'https://evil.example' },
    { referer: 'https://evil.example/page' },
    {},
  ] as Array<Record<string, string>>) {
    for (const path of ['/lang', '/report/concern', '/sign-in']) {
      const response = await fetch(`${baseURL}${path}`, {
        method: 'POST',
        body: new URLSearchParams({ lang: 'en' }),
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
        redirect: 'manual',
      })
      expect(response.status, `${path} ${JSON.stringify(headers)}`).toBe(403)
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    }
  }
})
