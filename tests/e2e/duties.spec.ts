import { expect, test, type Page } from '@playwright/test'
import { accessibilityCheck, expectAccessible, openEmail, photo, signIn } from './utils'

/**
 * The whole path from the problem list to the duty list: the coordinator accepts a seeded
 * report into a duty, the unit's officer breaks it into steps, posts progress and resolves
 * it, and the reporter's follow page shows each step.
 */

let a11y: (page: Page) => Promise<void> = expectAccessible
test.beforeEach(({ browser, javaScriptEnabled }) => {
  a11y = accessibilityCheck(browser, javaScriptEnabled)
})

async function signOut(page: Page) {
  await page.goto('/staff')
  await page.getByRole('button', { name: '退出登录', exact: true }).click()
  await expect(page).not.toHaveURL(/\/staff/)
}

/** The coordinator accepts the oldest pending report into a new duty for 黄埔街道. */
async function acceptOldestReport(page: Page, dutyTitle: string) {
  await signIn(page, 'coordinator@kaimen.local', 'kaimen-coordinator')
  await page.getByRole('link', { name: '待受理问题' }).click()
  await expect(page.getByRole('heading', { level: 1, name: '待受理问题' })).toBeVisible()
  await a11y(page)
  // Filters live in the address, so a filtered queue can be bookmarked.
  await page.getByLabel('类型').selectOption({ label: '急难愁盼' })
  await page.getByRole('button', { name: '筛选', exact: true }).click()
  await expect(page).toHaveURL(/kind=concern/)
  await page.getByRole('main').getByRole('listitem').getByRole('link').first().click()
  await expect(page.getByRole('heading', { level: 2, name: '相近的问题' })).toBeVisible()
  const reportTitle = (await page.getByRole('heading', { level: 1 }).textContent())!.trim()
  // Staff see the public number; the secret tracking code is the reporter's alone (issue 13).
  await expect(page.getByText(/KM-[0-9A-Z]{4}-[0-9A-Z]{4}/)).toHaveCount(0)
  await a11y(page)

  const accept = page.getByRole('region', { name: '受理并新建履职事项' })
  await accept.getByLabel('责任单位').selectOption({ label: '黄埔街道办事处' })
  await accept.getByLabel('事项名称').fill(dutyTitle)
  // A missing field is refused beside it, and everything typed is kept.
  await accept.getByLabel('责任领导姓名').fill('李明')
  await accept.getByRole('button', { name: '受理并交办' }).click()
  await expect(accept.getByText('请填写此项').first()).toBeVisible()
  await expect(accept.getByLabel('责任领导姓名')).toHaveValue('李明')
  await accept.getByLabel('整改措施').fill('两周内完成现场整改，并回访反映人。')
  await accept.getByLabel('责任领导职务').fill('街道办事处副主任')
  await expect(accept.getByLabel('完成时限')).toHaveValue(/^\d{4}-\d{2}-\d{2}$/)
  await accept.getByRole('button', { name: '受理并交办' }).click()
  await expect(page).toHaveURL(/\/staff\/triage\?done=accepted$/)
  await expect(page.getByRole('status').first()).toContainText('已受理')
  await signOut(page)
  return { reportTitle }
}

/** The reporter's follow link, from the newest acceptance email in the local mailbox. */
async function followLinkFromEmail(page: Page): Promise<string> {
  const { text } = await openEmail(page, {
    subject: /您反映的问题已受理（KM-[0-9A-Z]{4}-[0-9A-Z]{4}）/,
    timeout: 20_000,
  })
  const path = /\/follow\/[A-Za-z0-9_-]{16,64}/.exec(text)?.[0]
  expect(path).toBeTruthy()
  return path!
}

async function workOnDuty(page: Page, dutyTitle: string) {
  await signIn(page, 'huangpu@kaimen.local', 'kaimen-huangpu')
  await page.getByRole('link', { name: '履职清单（工作台）' }).click()
  await page.getByRole('link', { name: dutyTitle }).click()
  await expect(page.getByRole('heading', { level: 1, name: dutyTitle })).toBeVisible()
  await expect(page.getByText('已交办').first()).toBeVisible()
  await a11y(page)

  for (const step of ['现场核查', '组织整改']) {
    await page.getByLabel('步骤名称').fill(step)
    await page.getByRole('button', { name: '添加步骤' }).click()
    await expect(page.getByText('已添加整改步骤。')).toBeVisible()
    // The notice reads the same for both steps: wait for this step itself.
    await expect(page.getByRole('button', { name: `完成：${step}` })).toBeVisible()
  }
  await page.getByRole('button', { name: '完成：现场核查' }).click()
  await expect(page.getByText('已更新整改步骤，进度已重新计算。')).toBeVisible()
  await expect(page.getByRole('progressbar', { name: '整改进度' })).toHaveAttribute(
    'aria-valuenow',
    '50',
  )

  const progress = page.getByRole('region', { name: '发布整改进展' })
  await progress.getByLabel('进展情况').fill('已完成现场核查，施工队伍已进场。')
  await progress.getByLabel('整改前照片（选填）').setInputFiles(await photo('before.jpg', '#a63'))
  await progress.getByRole('button', { name: '发布进展' }).click()
  await expect(page.getByText('已公开整改进展，并通知了反映人。')).toBeVisible()
  await expect(page.getByText('整改中').first()).toBeVisible()
  await a11y(page)

  const resolve = page.getByRole('region', { name: '标记已整改' })
  await resolve.getByLabel('整改情况').fill('问题已整改到位，经现场验收合格。')
  await resolve.getByLabel('整改后照片（选填）').setInputFiles(await photo('after.jpg', '#3a7'))
  await resolve.getByRole('button', { name: '标记已整改' }).click()
  await expect(page.getByText('已标记为已整改，反映人将收到评价邀请。')).toBeVisible()
  await expect(page.getByText('已整改，待评价').first()).toBeVisible()
  await expect(page.getByRole('progressbar', { name: '整改进度' })).toHaveAttribute(
    'aria-valuenow',
    '100',
  )
  await signOut(page)
}

async function expectFollowPageShowsEverything(page: Page, followPath: string) {
  await page.goto(followPath)
  const timeline = page.getByRole('region', { name: '办理过程' })
  for (const step of [
    '群众提交问题',
    '问题已受理，纳入履职清单',
    '交办责任单位',
    '完成整改步骤',
    '开始整改',
    '公开整改进展',
    '已整改，等待群众评价',
  ]) {
    await expect(timeline.getByText(step, { exact: true }).first()).toBeVisible()
  }
  await expect(timeline.getByText('步骤：现场核查')).toBeVisible()
  await expect(timeline.getByText('已完成现场核查，施工队伍已进场。')).toBeVisible()
  await expect(timeline.getByText('整改情况：问题已整改到位，经现场验收合格。')).toBeVisible()
  await expect(timeline.getByRole('img', { name: '佐证照片: 整改前' })).toBeVisible()
  await expect(timeline.getByRole('img', { name: '佐证照片: 整改后' })).toBeVisible()
  await a11y(page)
}

async function expectPublicDutyList(page: Page, dutyTitle: string) {
  await page.goto('/units')
  await page.getByRole('link', { name: '黄埔街道办事处' }).click()
  await expect(
    page.getByRole('heading', { level: 1, name: '黄埔街道办事处履职清单' }),
  ).toBeVisible()
  const item = page
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: dutyTitle }) })
  await expect(item.getByText('两周内完成现场整改，并回访反映人。')).toBeVisible()
  await expect(item.getByText('李明（街道办事处副主任）')).toBeVisible()
  await expect(item.getByText('已整改，待评价')).toBeVisible()
  await a11y(page)
}

async function wholePath(page: Page, label: string) {
  const dutyTitle = `整改事项${label}${Date.now() % 100_000}`
  await acceptOldestReport(page, dutyTitle)
  const followPath = await followLinkFromEmail(page)
  await workOnDuty(page, dutyTitle)
  await expectFollowPageShowsEverything(page, followPath)
  await expectPublicDutyList(page, dutyTitle)
}

test('report → triage → duty → progress → resolved, shown on the follow page', async ({ page }) => {
  test.setTimeout(240_000)
  await wholePath(page, 'A')
})

test('a unit’s officer cannot open another unit’s duty, nor the triage queue', async ({ page }) => {
  await page.goto('/units/huangpu-street')
  const anchor = await page.locator('li[id^="duty-"]').first().getAttribute('id')
  const dutyId = anchor!.replace('duty-', '')
  await signIn(page, 'housing@kaimen.local', 'kaimen-housing')
  await page.goto('/staff/duties')
  await expect(page.getByRole('heading', { level: 1, name: '履职清单（工作台）' })).toBeVisible()
  await expect(page.getByRole('link', { name: '黄埔街道' })).toHaveCount(0)
  expect((await page.goto(`/staff/duties/${dutyId}`))?.status()).toBe(404)
  expect((await page.goto('/staff/triage'))?.status()).toBe(403)
  await signOut(page)
  // Anonymous visitors are sent to sign in.
  await page.goto(`/staff/duties/${dutyId}`)
  await expect(page).toHaveURL(/\/sign-in\?redirectTo=/)
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('the whole path works with plain forms', async ({ page }) => {
    test.setTimeout(240_000)
    await wholePath(page, 'B')
  })
})
