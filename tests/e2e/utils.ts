import AxeBuilder from '@axe-core/playwright'
import { expect, type Browser, type Page } from '@playwright/test'
import sharp from 'sharp'

/** No serious or critical accessibility violation on the page as it is now. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze()
  const serious = results.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  )
  expect(
    serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([])
}

/**
 * axe needs scripts, so a page rendered without JavaScript is checked as a copy: its HTML,
 * scripts removed, served at the same origin (so its styles load) to a page that runs axe.
 */
export async function expectAccessibleWithoutScripts(page: Page, browser: Browser) {
  const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, '')
  const context = await browser.newContext({
    baseURL: new URL(page.url()).origin,
    javaScriptEnabled: true,
  })
  const checker = await context.newPage()
  await checker.route('**/__no-js-snapshot', (route) =>
    route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }),
  )
  await checker.goto('/__no-js-snapshot')
  await expectAccessible(checker)
  await context.close()
}

/**
 * The axe check that fits the test's browser: the live page when scripts run, else the page as
 * the server rendered it. Set it per test: `a11y = accessibilityCheck(browser, javaScriptEnabled)`.
 */
export function accessibilityCheck(browser: Browser, javaScriptEnabled: boolean) {
  return javaScriptEnabled
    ? expectAccessible
    : (page: Page) => expectAccessibleWithoutScripts(page, browser)
}

/** The page has loaded its scripts and nothing is in flight: forms are enhanced by now. */
export async function settled(page: Page) {
  await page.waitForLoadState('networkidle')
}

/** Signs a demo staff member in through the form; they land on their work area. */
export async function signIn(page: Page, email: string, password: string) {
  await page.goto('/sign-in')
  await page.getByLabel('工作邮箱').fill(email)
  await page.getByLabel('密码').fill(password)
  await page.getByRole('button', { name: '登录' }).click()
  await expect(page).toHaveURL(/\/staff$/)
}

/** A staff member signed in in a browser context of their own, beside the test's visitor. */
export async function signInAs(browser: Browser, email: string, password: string) {
  const context = await browser.newContext({ javaScriptEnabled: false })
  const page = await context.newPage()
  await signIn(page, email, password)
  return { page, close: () => context.close() }
}

/**
 * The newest email whose subject matches (or, with `nth`, the one that many places older), to
 * one address or to anyone, as the local mailbox shows it once the outbox job has sent it;
 * opened by its address (the mailbox's table is wider than a phone).
 */
export async function openEmail(
  from: Page,
  {
    to,
    subject,
    nth = 0,
    timeout = 60_000,
  }: { to?: string; subject: string | RegExp; nth?: number; timeout?: number },
) {
  // The mailbox is a 404 in production except to a signed-in admin: read it in an admin's own browser.
  const admin = await signInAs(from.context().browser()!, 'admin@kaimen.local', 'kaimen-admin')
  try {
    return await readEmail(admin.page, { to, subject, nth, timeout })
  } finally {
    await admin.close()
  }
}

async function readEmail(
  page: Page,
  {
    to,
    subject,
    nth,
    timeout,
  }: { to?: string; subject: string | RegExp; nth: number; timeout: number },
) {
  const link = page.getByRole('link', { name: subject }).nth(nth)
  await expect(async () => {
    await page.goto(to ? `/dev/mailbox?to=${encodeURIComponent(to)}` : '/dev/mailbox')
    await expect(link).toBeVisible({ timeout: 3000 })
  }).toPass({ timeout })
  const name = (await link.textContent())!.trim()
  await page.goto((await link.getAttribute('href'))!)
  await expect(page.locator('.email-text')).toBeVisible()
  return { subject: name, text: (await page.locator('.email-text').textContent()) ?? '' }
}

/** A small real photo, made here so the tests carry no binary fixture. */
export async function photo(name = '现场照片.jpg', background = '#3a7') {
  const buffer = await sharp({ create: { width: 320, height: 240, channels: 3, background } })
    .jpeg()
    .toBuffer()
  return { name, mimeType: 'image/jpeg', buffer }
}
