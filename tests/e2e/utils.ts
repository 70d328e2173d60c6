import AxeBuilder from '@axe-core/playwright'
import { expect, type Browser, type Page } from '@playwright/test'

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
