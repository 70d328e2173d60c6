import { expect, test } from '@playwright/test'
import { accessibilityCheck } from './utils'

// Where problems are (issue 17): the street map and its table on a 360 px phone.
for (const javaScriptEnabled of [false, true]) {
  test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled, viewport: { width: 360, height: 740 } })

    test('the area map and its table show on /reports and /scoreboard', async ({
      page,
      browser,
    }) => {
      const a11y = accessibilityCheck(browser, javaScriptEnabled)
      for (const path of ['/reports', '/scoreboard']) {
        await page.goto(path)
        const section = page.getByRole('region', { name: '问题分布' })
        const map = section.getByRole('img', { name: /各街道未办结的问题/ })
        await map.scrollIntoViewIfNeeded()
        await expect(map).toBeVisible()
        // The image loaded (a valid SVG document) and fits the screen.
        expect(await map.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0)
        expect((await map.boundingBox())!.width).toBeLessThanOrEqual(344)
        const table = section.getByRole('table')
        await expect(table.getByRole('link', { name: '黄埔街道' })).toBeVisible()
        const width = await page.evaluate(() => document.documentElement.scrollWidth)
        expect(width, `${path} is ${width}px wide`).toBeLessThanOrEqual(360)
        await a11y(page)
      }
      // A street in the table opens the problem list filtered to it.
      await page
        .getByRole('region', { name: '问题分布' })
        .getByRole('link', { name: '黄埔街道' })
        .click()
      await expect(page).toHaveURL(/\/reports\?area=\d+$/)
      // 黄埔街道 and its communities (the seed's), and nothing else.
      const items = page.locator('.browse-list li')
      await expect(items.first()).toBeVisible()
      for (const text of await items.allInnerTexts())
        expect(text).toMatch(/ · (黄埔街道|黄埔东社区|下沙社区|横沙社区) · /)
    })
  })
}
