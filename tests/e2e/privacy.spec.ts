import { expect, test, type APIRequestContext } from '@playwright/test'
import { signInAs } from './utils'

/**
 * PIPL minimisation: the demo seed gives every report distinctive contact details (mobiles
 * 1380013xxxx, emails reporterN@example.com, exact addresses the reporters kept private and
 * enterprises' credit codes). A crawl of every public page, feed, export and API answer, from
 * the home page along every link, must never show one of them.
 */
const privateValues: Array<[string, RegExp]> = [
  ['seeded mobile', /1380013\d{4}/],
  ['merged report mobile', /13900139000/],
  ['seeded email', /reporter\d+@example\.com/],
  ['private address', /黄埔东路268号3栋|下沙菜市场后门|开创大道工地/],
  ['credit code', /91440\d{3}MA[0-9A-Z]{8}/],
]

/** Known entry points that a link may not lead to: feeds, exports and the open-data API. */
const entryPoints = [
  '/',
  // Open data (accountability): exports and the Open311 API, which pages link to only partly.
  '/exports',
  '/exports/reports.csv',
  '/exports/duties.csv',
  '/open311/v2/requests.json',
  '/open311/v2/requests.xml',
  '/open311/v2/requests.json?status=closed',
  '/open311/v2/services.xml',
  '/rules',
  '/topics',
  '/notices',
  // public verdict: lists and feeds (the unit feed of a unit with demo duties)
  '/reports',
  '/duties',
  '/feeds/progress.xml',
  '/feeds/progress.atom',
  '/feeds/units/huangpu-street.xml',
  '/feeds/units/huangpu-street.atom',
  '/feeds/duties/1.xml',
  '/feeds/duties/1.atom',
]

/** Pages that are not public: the reporter's own follow page, staff pages, local tools. */
const notPublic = /^\/(follow|staff|admin|sign-in|sign-out|dev|lang|report\/received)(\/|$|\?)/

function linksIn(body: string, contentType: string): string[] {
  const found: string[] = []
  if (contentType.includes('html')) {
    for (const m of body.matchAll(/\b(?:href|src)="([^"#]+)/g)) found.push(m[1]!)
  } else if (/xml|json/.test(contentType)) {
    for (const m of body.matchAll(/https?:\/\/localhost:\d+(\/[^"<\s]*)/g)) found.push(m[1]!)
  }
  return found
    .map((href) => href.replaceAll('&amp;', '&'))
    .filter((href) => href.startsWith('/') && !href.startsWith('//'))
}

async function crawl(request: APIRequestContext, limit = 600) {
  const seen = new Set<string>()
  const queue = [...entryPoints]
  const visited: Array<{ path: string; status: number; type: string }> = []
  while (queue.length && visited.length < limit) {
    const path = queue.shift()!
    if (seen.has(path) || notPublic.test(path) || path.startsWith('/build/')) continue
    seen.add(path)
    const response = await request.get(path, { maxRedirects: 0 })
    const type = response.headers()['content-type'] ?? ''
    visited.push({ path, status: response.status(), type })
    if (!/text|json|xml|csv/.test(type) && !type.includes('spreadsheet')) continue
    const body = type.includes('spreadsheet')
      ? (await response.body()).toString('latin1')
      : await response.text()
    for (const [what, pattern] of privateValues)
      expect(pattern.exec(body)?.[0], `${what} on ${path}`).toBeUndefined()
    for (const link of linksIn(body, type)) {
      // Stay on one page of each list sorted otherwise, so the crawl covers kinds of pages.
      if (!seen.has(link)) queue.push(link)
    }
  }
  return visited
}

test('no public page, feed, export or API answer shows a reporter’s private details', async ({
  request,
}) => {
  const visited = await crawl(request)
  expect(visited.filter((v) => v.status >= 500)).toEqual([])
  // The crawl really went places: the home page and what it links to.
  expect(visited.length).toBeGreaterThan(5)
  expect(visited.map((v) => v.path)).toContain('/report/concern')
})

test('a newly filed report’s details stay on the reporter’s own page only', async ({
  page,
  request,
}) => {
  // Filed like any resident would, with details that match the patterns above.
  await page.goto('/report/concern')
  await page.getByLabel('问题类别').selectOption({ index: 1 })
  await page.getByLabel('所在街道').selectOption({ index: 1 })
  await page.getByLabel('标题').fill('隐私检查：楼道灯不亮')
  await page.getByLabel('详细描述').fill('楼道灯坏了一个多星期，晚上上下楼很不方便，请尽快维修。')
  await page.getByLabel('详细地址（选填）').fill('开创大道工地')
  await page.getByRole('textbox', { name: '姓名' }).fill('隐私测试')
  await page.getByLabel('手机号', { exact: true }).fill('13800139999')
  await page.getByLabel('邮箱（选填）').fill('reporter999@example.com')
  await page.getByLabel(/我已阅读并同意/).check()
  await page.getByRole('button', { name: /提交/ }).click()
  const confirm = page.getByRole('button', { name: /仍然提交|继续提交/ })
  if (await confirm.isVisible().catch(() => false)) await confirm.click()
  await expect(page.getByRole('heading', { level: 1, name: '提交成功' })).toBeVisible()
  await page.getByRole('link', { name: /\/follow\// }).click()

  // The reporter's own page shows them, so the patterns do catch real pages...
  const own = await page.content()
  for (const [what, pattern] of privateValues.slice(0, 3))
    if (what !== 'merged report mobile') expect(pattern.test(own), what).toBe(true)
  // ...and no public page does.
  await crawl(request)
})

test('a unit’s officer opens the reporter’s contact details without JavaScript; the reporter sees it', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000)
  const title = `电梯停运回访检查${Date.now() % 100_000}`
  await page.goto('/report/concern')
  await page.getByLabel('问题类别').selectOption({ index: 1 })
  await page.getByLabel('所在街道').selectOption({ index: 1 })
  await page.getByLabel('标题').fill(title)
  await page.getByLabel('详细描述').fill('小区电梯停运两个月，物业一直不修，老人上下楼很困难。')
  await page.getByRole('textbox', { name: '姓名' }).fill('回访测试')
  await page.getByLabel('手机号', { exact: true }).fill('13800135555')
  await page.getByLabel(/我已阅读并同意/).check()
  await page.getByRole('button', { name: /提交/ }).click()
  const confirm = page.getByRole('button', { name: /仍然提交|继续提交/ })
  if (await confirm.isVisible().catch(() => false)) await confirm.click()
  await expect(page.getByRole('heading', { level: 1, name: '提交成功' })).toBeVisible()
  const followPath = new URL(
    (await page.getByRole('link', { name: /\/follow\// }).getAttribute('href'))!,
    page.url(),
  ).pathname

  // The coordinator accepts it into a duty of 区住房和城乡建设局 (plain forms, no script).
  const coordinator = await signInAs(browser, 'coordinator@kaimen.local', 'kaimen-coordinator')
  await coordinator.page.goto('/staff/triage')
  await coordinator.page.getByRole('link', { name: title }).click()
  const accept = coordinator.page.getByRole('region', { name: '受理并新建履职事项' })
  await accept.getByLabel('责任单位').selectOption({ label: '区住房和城乡建设局' })
  await accept.getByLabel('事项名称').fill(title)
  await accept.getByLabel('整改措施').fill('督促物业两周内修复电梯，并回访反映人。')
  await accept.getByLabel('责任领导姓名').fill('李明')
  await accept.getByLabel('责任领导职务').fill('副局长')
  await accept.getByRole('button', { name: '受理并交办' }).click()
  await expect(coordinator.page).toHaveURL(/\/staff\/triage\?done=accepted$/)
  await coordinator.close()

  const officer = await signInAs(browser, 'housing@kaimen.local', 'kaimen-housing')
  await officer.page.goto('/staff/duties')
  await officer.page.getByRole('link', { name: title }).click()
  const step = officer.page.getByRole('region', { name: '查看联系方式' })
  await expect(step.getByText('13800135555')).toHaveCount(0)
  // A reason is required: the error stands beside the field.
  await step.getByRole('button', { name: '查看联系方式' }).click()
  await expect(step.getByText('请填写此项')).toBeVisible()
  await expect(step.getByText('13800135555')).toHaveCount(0)
  await step.getByLabel('查看原因').fill('电话回访')
  await step.getByRole('button', { name: '查看联系方式' }).click()
  await expect(step.getByText('13800135555')).toBeVisible()
  await expect(step.getByText('回访测试')).toBeVisible()
  // The details are for that answer only: the page read again shows the form alone.
  await officer.page.goto(officer.page.url())
  await expect(officer.page.getByText('13800135555')).toHaveCount(0)
  await officer.close()

  await page.goto(followPath)
  await expect(page.getByText(/区住房和城乡建设局 于 .+ 查看了您的联系方式/)).toBeVisible()
  await expect(page.getByText('电话回访')).toHaveCount(0)
})
