import crypto from 'node:crypto'
import { expect, test } from '@playwright/test'
import { expectAccessible } from './utils'

test('the home page shows the seeded numbers in Chinese and passes axe', async ({ page }) => {
  await page.goto('/')
  await expect(page).toHaveTitle(/开门/)
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('有问题，就说出来')
  const reports = page.locator('.stat--reports dd')
  await expect(reports).toHaveText(/^\d+$/)
  expect(Number(await reports.textContent())).toBeGreaterThanOrEqual(30)
  await expect(page.getByRole('heading', { name: '最新进展' })).toBeVisible()
  await expectAccessible(page)
})

test('switching to English and back works', async ({ page }) => {
  await page.goto('/')
  await page.getByRole('button', { name: 'English' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Have a problem? Say it.')
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await page.getByRole('button', { name: '中文' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('有问题，就说出来')
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('the home page is complete and the language switch still works', async ({ page }) => {
    await page.goto('/')
    await expect(page.locator('.stat--open dd')).toHaveText(/^\d+$/)
    await page.getByRole('button', { name: 'English' }).click()
    await expect(page.getByRole('heading', { name: 'Latest progress' })).toBeVisible()
  })
})

test('the CSP lets a page run its own inline scripts by hash, and nothing else', async ({
  request,
}) => {
  const response = await request.get('/')
  const csp = response.headers()['content-security-policy']!
  const scriptSrc = /script-src ([^;]+)/.exec(csp)![1]!.split(' ')
  expect(scriptSrc[0]).toBe("'self'")
  expect(scriptSrc).not.toContain("'unsafe-inline'")
  expect(csp).toContain("frame-ancestors 'none'")
  // Exactly the page's own executable inline scripts are listed, and there are some.
  const html = await response.text()
  const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)]
    .filter(([, attributes, content]) => content && !/src=|application\/json/.test(attributes!))
    .map(
      ([, , content]) =>
        `'sha256-${crypto.createHash('sha256').update(content!).digest('base64')}'`,
    )
  expect(inline.length).toBeGreaterThan(1)
  expect(new Set(scriptSrc.slice(1))).toEqual(new Set(inline))
  expect(response.headers()['x-content-type-options']).toBe('nosniff')
  expect(response.headers()['referrer-policy']).toBe('strict-origin-when-cross-origin')
  // The end-to-end server runs the production build, which always asks for HTTPS.
  expect(response.headers()['strict-transport-security']).toMatch(/max-age=\d{8}/)
})

test('in the browser the page hydrates with no CSP violation; an injected script is refused', async ({
  page,
}) => {
  await page.addInitScript(() => {
    const seen: string[] = []
    Object.assign(window, { cspViolations: seen })
    document.addEventListener('securitypolicyviolation', (event) => seen.push(event.blockedURI))
  })
  await page.goto('/reports')
  await page.getByRole('button', { name: 'English' }).click()
  // The language switch ran in the browser (hydrated): no reload lost the violations list.
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  expect(
    await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations),
  ).toEqual([])

  // The same page and headers, with a script an attacker slipped into the markup.
  await page.route('**/reports', async (route) => {
    const original = await route.fetch()
    const body = (await original.text()).replace(
      '</body>',
      '<script>window.injected = 1</script></body>',
    )
    await route.fulfill({ response: original, body })
  })
  await page.goto('/reports')
  expect(await page.evaluate(() => 'injected' in window)).toBe(false)
  expect(
    await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations),
  ).toContain('inline')
})

test('health reports the database', async ({ request }) => {
  const response = await request.get('/healthz')
  expect(response.status()).toBe(200)
  expect(await response.json()).toMatchObject({ status: 'ok', database: { status: 'ok' } })
})
