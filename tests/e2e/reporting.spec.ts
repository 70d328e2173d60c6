import { expect, test, type Page } from '@playwright/test'
import { accessibilityCheck, expectAccessible, openEmail, photo } from './utils'

let a11y: (page: Page) => Promise<void> = expectAccessible
test.beforeEach(({ browser, javaScriptEnabled }) => {
  a11y = accessibilityCheck(browser, javaScriptEnabled)
})

let sequence = 0
/** Contact details nobody else uses, so we can prove where they do and do not appear. */
function contact() {
  sequence += 1
  const stamp = `${Date.now() % 100_000_000}`.padStart(8, '0')
  return {
    name: `测试居民${sequence}`,
    mobile: `13${(sequence % 7) + 3}${stamp}`,
    email: `e2e-${stamp}-${sequence}@example.com`,
  }
}

interface Concern {
  category: string
  street: string
  community: string
  title: string
  body: string
  contact: ReturnType<typeof contact>
}

async function fillConcern(page: Page, c: Concern, options: { javaScript: boolean }) {
  await page.getByLabel('问题类别').selectOption({ label: c.category })
  await expect(page.getByLabel('所在区')).toHaveValue(/\d+/)
  await page.getByLabel('所在街道').selectOption({ label: c.street })
  if (!options.javaScript) {
    // Without JavaScript the page comes back with the street's communities, keeping the rest.
    await page.getByRole('button', { name: '显示该街道的社区' }).click()
    await expect(page.getByLabel('所在街道')).toHaveValue(/\d+/)
  }
  await page.getByLabel('所在社区（选填）').selectOption({ label: c.community })
  await page.getByLabel('标题').fill(c.title)
  await page.getByLabel('详细描述').fill(c.body)
  await page.getByLabel('照片（选填，最多 3 张）').setInputFiles(await photo())
  await page.getByRole('textbox', { name: '姓名' }).fill(c.contact.name)
  await page.getByLabel('手机号', { exact: true }).fill(c.contact.mobile)
  await page.getByLabel('邮箱（选填）').fill(c.contact.email)
  await page.getByLabel(/我已阅读并同意/).check()
}

/** After a submit: the confirmation page, its tracking code and follow link. */
async function receipt(page: Page, title: string) {
  await expect(page.getByRole('heading', { level: 1, name: '提交成功' })).toBeVisible()
  await expect(page.getByText(`我们已收到您反映的问题“${title}”`)).toBeVisible()
  const code = (await page.locator('.tracking-code').textContent())!.trim()
  expect(code).toMatch(/^KM-[0-9A-Z]{4}-[0-9A-Z]{4}$/)
  const followLink = page.getByRole('link', { name: /\/follow\// })
  await expect(followLink).toHaveAttribute('href', /^\/follow\/[A-Za-z0-9_-]{22}$/)
  await a11y(page)
  return { code, followPath: (await followLink.getAttribute('href'))! }
}

async function followByCode(page: Page, code: string, mobile: string, title: string) {
  await page.goto('/track')
  await expect(page.getByRole('heading', { level: 1, name: '查询进度' })).toBeVisible()
  await a11y(page)
  await page.getByLabel('查询码').fill(code.toLowerCase())
  await page.getByLabel('手机号或邮箱').fill(mobile)
  await page.getByRole('button', { name: '查询' }).click()
  await expect(page).toHaveURL(/\/follow\/[A-Za-z0-9_-]{22}$/)
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
}

async function expectFollowPage(page: Page, c: Concern, code: string) {
  await expect(page.getByText(`查询码：${code}`)).toBeVisible()
  await expect(page.getByText('待受理').first()).toBeVisible()
  await expect(page.getByRole('heading', { name: '办理过程' })).toBeVisible()
  await expect(page.getByText('群众提交问题')).toBeVisible()
  // The reporter's own page, and only it, shows their contact details and photo.
  await expect(page.getByText(c.contact.mobile)).toBeVisible()
  await expect(page.getByText(c.contact.email)).toBeVisible()
  const img = page.getByRole('img', { name: '您上传的第 1 张照片' })
  await expect(img).toBeVisible()
  expect(await img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(320)
  await a11y(page)
}

async function expectReceiptEmail(page: Page, email: string, code: string, followPath: string) {
  const { text } = await openEmail(page, {
    to: email,
    subject: `已收到您反映的问题（${code}）`,
    timeout: 15_000,
  })
  expect(text).toContain(followPath)
}

/** The public home page never shows a reporter's contact details. */
async function expectHomeKeepsPrivate(page: Page, c: Concern) {
  await page.goto('/')
  const text = await page.locator('body').innerText()
  for (const value of [c.contact.mobile, c.contact.email, c.contact.name])
    expect(text).not.toContain(value)
  expect(await page.content()).not.toContain(c.contact.email)
}

test('a resident files a concern with a photo on a phone and follows it by code', async ({
  page,
}) => {
  const c: Concern = {
    category: '环境卫生',
    street: '红山街道',
    community: '双沙社区',
    title: '双沙小区垃圾桶满溢无人清理',
    body: '双沙小区东门的垃圾桶每天下午就满了，垃圾散落一地，希望增加清运次数。',
    contact: contact(),
  }
  expect(page.viewportSize()?.width).toBe(360)
  await page.goto('/')
  await page.getByRole('main').getByRole('link', { name: '我要反映' }).click()
  await expect(page.getByRole('heading', { level: 1, name: '我要反映' })).toBeVisible()
  await a11y(page)
  await page.getByRole('link', { name: '反映急难愁盼问题' }).click()
  await expect(page.getByRole('heading', { level: 1, name: '反映急难愁盼问题' })).toBeVisible()
  await a11y(page)
  // With JavaScript the community list follows the street at once; no extra button.
  await expect(page.getByRole('button', { name: '显示该街道的社区' })).toHaveCount(0)

  await fillConcern(page, c, { javaScript: true })
  // Nothing scrolls sideways at 360 px.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
  await a11y(page)
  await page.getByRole('button', { name: '提交', exact: true }).click()

  const { code, followPath } = await receipt(page, c.title)
  await page.getByRole('link', { name: '查看办理进度' }).click()
  await expect(page).toHaveURL(followPath)
  await expectFollowPage(page, c, code)

  await followByCode(page, code, c.contact.mobile, c.title)
  await expect(page).toHaveURL(followPath)
  await expectReceiptEmail(page, c.contact.email, code, followPath)
  await expectHomeKeepsPrivate(page, c)
})

test('a wrong tracking code or contact is refused with a clear message', async ({ page }) => {
  await page.goto('/track')
  await page.getByLabel('查询码').fill('KM-2345-6789')
  await page.getByLabel('手机号或邮箱').fill('13800000000')
  await page.getByRole('button', { name: '查询' }).click()
  await expect(page.getByText('没有找到相符的问题')).toBeVisible()
  await expect(page.getByLabel('查询码')).toHaveValue('KM-2345-6789')
  await a11y(page)
})

test('an enterprise files a demand with a wrong, then a right credit code', async ({ page }) => {
  const who = contact()
  await page.goto('/report')
  await page.getByRole('link', { name: '提交企业困难诉求' }).click()
  await expect(page.getByRole('heading', { level: 1, name: '提交企业困难诉求' })).toBeVisible()
  await page.getByLabel('问题类别').selectOption({ label: '产业扶持' })
  await page.getByLabel('所在街道').selectOption({ label: '萝岗街道' })
  await page.getByLabel('标题').fill('研发补贴申报后迟迟未兑现')
  await page
    .getByLabel('详细描述')
    .fill('我公司去年申报的研发费用补贴已经通过公示，但半年过去了仍未到账，影响研发投入。')
  await page.getByLabel('企业名称', { exact: true }).fill('广州市测试电子有限公司')
  await page.getByLabel('统一社会信用代码').fill('91440101MA5CYT6F2G')
  await page.getByLabel('诉求类型').selectOption({ label: '政策兑现' })
  await page.getByRole('textbox', { name: '姓名' }).fill(who.name)
  await page.getByLabel('手机号', { exact: true }).fill(who.mobile)
  await page.getByLabel(/我已阅读并同意/).check()
  await page.getByRole('button', { name: '提交', exact: true }).click()

  const creditCode = page.getByLabel('统一社会信用代码')
  await expect(page.getByText('统一社会信用代码的校验位不对，请核对是否有字符输错')).toBeVisible()
  await expect(creditCode).toHaveAttribute('aria-invalid', 'true')
  // Everything typed is still there.
  await expect(page.getByLabel('企业名称', { exact: true })).toHaveValue('广州市测试电子有限公司')
  await expect(page.getByLabel('标题')).toHaveValue('研发补贴申报后迟迟未兑现')
  await a11y(page)

  await creditCode.fill('91440101ma5cyt6f2f')
  await page.getByRole('button', { name: '提交', exact: true }).click()
  const { followPath } = await receipt(page, '研发补贴申报后迟迟未兑现')
  await page.goto(followPath)
  await expect(page.getByText('91440101MA5CYT6F2F')).toBeVisible()
  await expect(page.getByText('企业困难诉求')).toBeVisible()
})

test('a file that only pretends to be a photo is refused beside the photo field', async ({
  page,
}) => {
  const c: Concern = {
    category: '噪声扰民',
    street: '黄埔街道',
    community: '下沙社区',
    title: '下沙菜市场凌晨卸货噪音大',
    body: '下沙菜市场每天凌晨四点开始卸货，叫喊声和车辆声吵得附近居民无法入睡。',
    contact: contact(),
  }
  await page.goto('/report/concern')
  await fillConcern(page, c, { javaScript: true })
  await page.getByLabel('照片（选填，最多 3 张）').setInputFiles({
    name: 'fake.jpg',
    mimeType: 'image/jpeg',
    buffer: Buffer.from('<script>alert(1)</script>'),
  })
  await page.getByRole('button', { name: '提交', exact: true }).click()
  await expect(page.getByText('“fake.jpg”不是可以识别的图片')).toBeVisible()
  await expect(page.getByLabel('标题')).toHaveValue(c.title)
  await expect(page.getByRole('textbox', { name: '姓名' })).toHaveValue(c.contact.name)
  await a11y(page)
  await page.getByLabel('照片（选填，最多 3 张）').setInputFiles(await photo())
  await page.getByRole('button', { name: '提交', exact: true }).click()
  await receipt(page, c.title)
})

test('similar open reports are offered while typing, each to follow instead', async ({ page }) => {
  await page.goto('/report/concern')
  await page.getByLabel('问题类别').selectOption({ label: '物业管理' })
  // The seed files “小区消防通道被占用” (pending) in a community of 南岗街道.
  await page.getByLabel('所在街道').selectOption({ label: '南岗街道' })
  await page.getByLabel('标题').fill('我们小区消防通道被车辆占用')
  const panel = page.getByRole('region', { name: '可能是同一个问题' })
  await expect(panel).toBeVisible()
  await expect(panel.getByRole('heading', { name: '小区消防通道被占用' })).toBeVisible()
  await expect(panel.getByRole('link', { name: '关注这一条' }).first()).toHaveAttribute(
    'href',
    /^\/reports\/\d+$/,
  )
  await expect(page.getByRole('button', { name: '这不是同一个问题，仍然提交' })).toBeVisible()
  await a11y(page)
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('a resident files a concern with a photo and follows it by code', async ({ page }) => {
    const c: Concern = {
      category: '养老服务',
      street: '鱼珠街道',
      community: '茅岗社区',
      title: '茅岗社区长者饭堂菜价上涨',
      body: '茅岗社区长者饭堂最近菜价涨了不少，很多独居老人负担不起，希望恢复补贴。',
      contact: contact(),
    }
    await page.goto('/report/concern')
    await a11y(page)
    await fillConcern(page, c, { javaScript: false })
    await page.getByRole('button', { name: '提交', exact: true }).click()
    const { code, followPath } = await receipt(page, c.title)
    await followByCode(page, code, c.contact.email, c.title)
    await expect(page).toHaveURL(followPath)
    await expectFollowPage(page, c, code)
    await expectReceiptEmail(page, c.contact.email, code, followPath)
    await expectHomeKeepsPrivate(page, c)
  })

  test('errors come back beside their fields with everything typed kept', async ({ page }) => {
    const who = contact()
    await page.goto('/report/concern')
    await page.getByLabel('问题类别').selectOption({ label: '噪声扰民' })
    await page.getByLabel('所在街道').selectOption({ label: '大沙街道' })
    await page.getByLabel('标题').fill('工地夜间施工噪音')
    await page.getByLabel('详细描述').fill('大沙东路工地每晚施工到凌晨，严重影响休息。')
    await page.getByRole('textbox', { name: '姓名' }).fill(who.name)
    // Browsers check formats themselves; the server's own check is what is shown here.
    await page.getByLabel('手机号', { exact: true }).evaluate((el) => el.removeAttribute('pattern'))
    await page.getByLabel('手机号', { exact: true }).fill('12345678901')
    await page.getByLabel(/我已阅读并同意/).check()
    await page.getByRole('button', { name: '提交', exact: true }).click()
    await expect(page.getByText('请填写正确的 11 位手机号')).toBeVisible()
    await expect(page.getByLabel('标题')).toHaveValue('工地夜间施工噪音')
    await expect(page.getByLabel('所在街道')).toHaveValue(/\d+/)
    await a11y(page)
  })

  test('similar reports come as a step before filing, then filing anew works', async ({ page }) => {
    const c: Concern = {
      category: '物业管理',
      street: '南岗街道',
      community: '南岗社区',
      title: '小区消防通道被车占用',
      body: '小区消防通道长期被私家车和杂物占用，物业不管，万一着火后果严重。',
      contact: contact(),
    }
    await page.goto('/report/concern')
    await fillConcern(page, c, { javaScript: false })
    await page.getByRole('button', { name: '提交', exact: true }).click()
    const panel = page.getByRole('region', { name: '可能是同一个问题' })
    await expect(panel.getByRole('heading', { name: '小区消防通道被占用' })).toBeVisible()
    await expect(panel.getByRole('link', { name: '关注这一条' }).first()).toHaveAttribute(
      'href',
      /^\/reports\/\d+$/,
    )
    // The photo chosen before is held on the server, not lost.
    await expect(page.getByLabel('保留第 1 张照片')).toBeChecked()
    await expect(page.getByLabel('标题')).toHaveValue(c.title)
    await a11y(page)
    await page.getByRole('button', { name: '这不是同一个问题，仍然提交' }).click()
    const { followPath } = await receipt(page, c.title)
    await page.goto(followPath)
    await expect(page.getByRole('img', { name: '您上传的第 1 张照片' })).toBeVisible()
  })
})
