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
