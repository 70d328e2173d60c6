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

test('security headers carry a per-request CSP nonce', async ({ request }) => {
  const first = await request.get('/')
  const second = await request.get('/')
  const csp = first.headers()['content-security-policy']!
  expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'/)
  expect(csp).toContain("frame-ancestors 'none'")
  expect(csp).not.toEqual(second.headers()['content-security-policy'])
  expect(first.headers()['x-content-type-options']).toBe('nosniff')
  expect(first.headers()['referrer-policy']).toBe('strict-origin-when-cross-origin')
  // The end-to-end server runs the production build, which always asks for HTTPS.
  expect(first.headers()['strict-transport-security']).toMatch(/max-age=\d{8}/)
})

test('health reports the database', async ({ request }) => {
  const response = await request.get('/healthz')
  expect(response.status()).toBe(200)
  expect(await response.json()).toMatchObject({ status: 'ok', database: { status: 'ok' } })
})
