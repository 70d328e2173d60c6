import fs from 'node:fs'
import ExcelJS from 'exceljs'
import { expect, test } from '@playwright/test'
import { expectAccessible, expectAccessibleWithoutScripts, signIn } from './utils'

/** The demo seed's private details (see privacy.spec.ts): none may leave in an export. */
const privateValues: RegExp[] = [
  /1380013\d{4}/,
  /13900139000/,
  /reporter\d+@example\.com/,
  /黄埔东路268号3栋|下沙菜市场后门|开创大道工地/,
  /91440\d{3}MA[0-9A-Z]{8}/,
]

test.describe('scoreboard without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('shows the rates, the ranking and three charts drawn on the server, with their tables', async ({
    page,
    browser,
  }) => {
    test.slow()
    await page.goto('/scoreboard')
    await expect(page.getByRole('heading', { level: 1, name: '三率排行' })).toBeVisible()
    for (const name of ['响应率', '按期办结率', '群众满意率'])
      await expect(page.getByRole('term').filter({ hasText: name }).first()).toBeVisible()
    // The scoreboard's own charts (the area map beside them has its table outside the figure).
    const charts = page.locator('figure.chart').filter({ hasText: '查看数据表' })
    await expect(charts).toHaveCount(3)
    for (const caption of ['每周收到与办结', '事项状态构成', '评价分布']) {
      const chart = charts.filter({ hasText: caption })
      await expect(chart.getByRole('img', { name: new RegExp(caption) })).toBeVisible()
      await chart.getByText('查看数据表').click()
      await expect(chart.getByRole('table')).toBeVisible()
    }
    // The ranking lists units with their rates and links to their pages.
    const ranking = page.getByRole('table', { name: '单位排名' })
    await expect(ranking.getByRole('row')).not.toHaveCount(1)
    await expect(ranking.getByRole('link').first()).toHaveAttribute('href', /^\/units\//)
    // The formulas are on the page.
    await page.getByText('计算方法').click()
    await expect(page.getByText(/非常满意.*满意.*基本满意/).first()).toBeVisible()
    await expectAccessibleWithoutScripts(page, browser)

    // Choosing a period is a plain form.
    const options = await page.getByLabel('统计期间').locator('option').allTextContents()
    const quarter = options.find((o) => o.includes('季度'))!
    await page.getByLabel('统计期间').selectOption({ label: quarter })
    await page.getByRole('button', { name: '查看' }).click()
    await expect(page).toHaveURL(/period=\d{4}-Q[1-4]/)
    await expect(page.getByRole('heading', { level: 2, name: new RegExp(quarter) })).toBeVisible()
    // Each chart is an image of its own (issue 16).
    await expect(charts.locator('img')).toHaveCount(3)
  })

  test('refuses a period that does not exist', async ({ request }) => {
    expect((await request.get('/scoreboard?period=2026-13')).status()).toBe(400)
  })
})

for (const path of ['/scoreboard', '/exports', '/topics', '/rules', '/notices']) {
  test(`${path} passes axe`, async ({ page }) => {
    test.slow()
    await page.goto(path)
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
    await expectAccessible(page)
  })
}

test('a focus topic shows its combined progress and passes axe', async ({ page }) => {
  test.slow()
  await page.goto('/topics')
  await page.getByRole('link', { name: '城中村垃圾清运集中整治' }).click()
  await expect(page.getByRole('heading', { level: 2, name: '整体进展' })).toBeVisible()
  await expectAccessible(page)
})

test.describe('exports', () => {
  test.use({ acceptDownloads: true })

  test('download as CSV and Excel, and hold no private field', async ({ page }) => {
    await page.goto('/exports')
    for (const [label, check] of [
      ['下载问题清单（CSV）', 'csv'],
      ['下载履职清单（CSV）', 'csv'],
      ['下载问题清单（Excel）', 'xlsx'],
      ['下载履职清单（Excel）', 'xlsx'],
    ] as const) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: label }).click(),
      ])
      expect(download.suggestedFilename()).toMatch(
        new RegExp(`^kaimen-(reports|duties)-.*\\.${check}$`),
      )
      const file = await download.path()
      let text: string
      if (check === 'csv') {
        text = fs.readFileSync(file, 'utf8')
      } else {
        const workbook = new ExcelJS.Workbook()
        await workbook.xlsx.readFile(file)
        const cells: string[] = []
        workbook.worksheets[0]!.eachRow((row) => {
          for (const v of (row.values as unknown[]).slice(1)) cells.push(String(v ?? ''))
        })
        text = cells.join('\n')
      }
      expect(text.split('\n').length, label).toBeGreaterThan(10)
      for (const pattern of privateValues) expect(pattern.exec(text)?.[0], label).toBeUndefined()
    }
  })
})

test('Open311 answers a third-party client, in JSON and XML', async ({ request }) => {
  const services = await (await request.get('/open311/v2/services.json')).json()
  expect(services[0]).toHaveProperty('service_code')
  const requests = await request.get('/open311/v2/requests.xml?status=open')
  expect(requests.headers()['content-type']).toContain('text/xml')
  expect(await requests.text()).toContain('<status>open</status>')
  const bad = await request.get('/open311/v2/requests.json?status=nope')
  expect(bad.status()).toBe(400)
  const filed = await request.post('/open311/v2/requests.json', {
    form: { api_key: 'k311_not-a-key', service_code: 'sanitation' },
  })
  expect(filed.status()).toBe(403)
})

test('the coordinator supervises overdue duties by unit', async ({ page }) => {
  test.slow()
  await signIn(page, 'coordinator@kaimen.local', 'kaimen-coordinator')
  await page.getByRole('link', { name: '督办' }).click()
  await expect(page.getByRole('heading', { level: 1, name: '督办' })).toBeVisible()
  await expect(page.getByText('已超期').first()).toBeVisible()
  await expectAccessible(page)
})
