import fs from 'node:fs'
import ExcelJS from 'exceljs'
import { expect, test, type Browser } from '@playwright/test'
import { expectAccessible, signIn } from './utils'

/** axe runs scripts: the pages built without JavaScript are checked again in a scripted page. */
async function expectAccessibleWithScripts(browser: Browser, path: string) {
  const context = await browser.newContext({ javaScriptEnabled: true })
  const page = await context.newPage()
  await signIn(page, 'admin@kaimen.local', 'kaimen-admin')
  await page.goto(path)
  await expectAccessible(page)
  await context.close()
}

const stamp = `${Date.now() % 1_000_000}`

test.describe('admin without JavaScript', () => {
  test.use({ javaScriptEnabled: false })
  // Several sign-ins (argon2) and a second browser context for axe: slow on a shared machine.
  test.slow()

  test('the admin creates a category, fixing a duplicate slug beside the field', async ({
    page,
    browser,
  }) => {
    await signIn(page, 'admin@kaimen.local', 'kaimen-admin')
    await page.getByRole('link', { name: '系统管理' }).click()
    await page
      .getByRole('navigation', { name: '系统管理' })
      .getByRole('link', { name: '问题类别' })
      .click()
    await expect(page.getByRole('heading', { level: 1, name: '问题类别' })).toBeVisible()

    const name = `河道漂浮物${stamp}`
    await page.getByLabel('类型').selectOption({ label: '急难愁盼' })
    await page.getByLabel('中文名称').fill(name)
    await page.getByLabel('英文名称').fill('Floating litter')
    await page.getByLabel('网址标识').fill('road-repair-not-unique')
    const existing = await page.locator('table code').first().textContent()
    await page.getByLabel('网址标识').fill(existing!.trim())
    await page.getByLabel('响应时限（工作日）').fill('2')
    await page.getByLabel('办结时限（工作日）').fill('15')
    await page.getByLabel('默认责任单位').selectOption({ label: '\u3000黄埔街道办事处' })
    await page.getByRole('button', { name: '新增' }).click()

    await expect(page.getByText('这个网址标识已被使用，请换一个')).toBeVisible()
    await expect(page.getByLabel('网址标识')).toHaveAttribute('aria-invalid', 'true')
    await expect(page.getByLabel('中文名称')).toHaveValue(name)
    await expect(page.getByLabel('办结时限（工作日）')).toHaveValue('15')

    await page.getByLabel('网址标识').fill(`floating-litter-${stamp}`)
    await page.getByRole('button', { name: '新增' }).click()
    await expect(page.getByRole('status')).toHaveText('已保存。')
    await expect(page.getByRole('cell', { name: new RegExp(`^${name}`) })).toBeVisible()
    await expect(page.getByText('响应 2 / 办结 15 个工作日').first()).toBeVisible()
    await expectAccessibleWithScripts(browser, '/admin/categories')
  })

  test('the admin creates a unit officer whose one-time password signs in', async ({
    page,
    browser,
  }) => {
    await signIn(page, 'admin@kaimen.local', 'kaimen-admin')
    await page.goto('/admin/staff')
    const email = `officer-${stamp}@kaimen.local`
    await page.getByLabel('姓名').fill('钱新官')
    await page.getByLabel('工作邮箱').fill(email)
    await page.getByLabel('角色').selectOption({ label: '责任单位' })
    await page.getByRole('button', { name: '新增' }).click()
    // Unit staff need a unit: the error stands beside the field, the rest is kept.
    await expect(page.getByText('责任单位的工作人员必须选择所在单位')).toBeVisible()
    await expect(page.getByLabel('工作邮箱')).toHaveValue(email)

    await page
      .getByLabel('责任单位', { exact: true })
      .selectOption({ label: '\u3000黄埔街道办事处' })
    await page.getByRole('button', { name: '新增' }).click()
    await expect(page.getByText(`账号 ${email} 已创建。`)).toBeVisible()
    const password = (await page.locator('.one-time-password code').textContent())!.trim()
    expect(password.length).toBeGreaterThanOrEqual(16)
    await expect(page.getByRole('cell', { name: new RegExp(`^钱新官 ${email}`) })).toBeVisible()

    // Reloading does not show the password again.
    await page.goto('/admin/staff')
    await expect(page.getByText(password)).toHaveCount(0)
    await expectAccessibleWithScripts(browser, '/admin/staff')

    await page.context().clearCookies()
    await signIn(page, email, password)
    await expect(page.getByText('所在单位：黄埔街道办事处')).toBeVisible()
  })
})

test('the coordinator downloads the duty list and sees the report of a file with a bad row', async ({
  page,
}) => {
  test.slow()
  await signIn(page, 'coordinator@kaimen.local', 'kaimen-coordinator')
  await page.getByRole('link', { name: '履职清单 Excel 导出与导入' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('履职清单 Excel 导出与导入')
  await expectAccessible(page)

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '下载 Excel' }).click(),
  ])
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/)
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(fs.readFileSync((await download.path())!) as unknown as ArrayBuffer)
  const sheet = workbook.worksheets[0]!
  expect(sheet.getRow(1).values).toEqual([
    undefined,
    '序号',
    '问题描述',
    '整改措施',
    '责任单位',
    '责任领导',
    '完成时限',
    '进展情况',
    '状态',
  ])
  const rows = sheet.rowCount
  expect(rows).toBeGreaterThan(2)
  // 已办结 cannot be imported (the public's verdict closes a duty): written 已整改, as asked.
  sheet.eachRow((row) => {
    if (row.getCell(8).value === '已办结') row.getCell(8).value = '已整改'
  })
  // One bad row at the end: a deadline that is not a date.
  sheet.addRow([rows, '新增事项', '整改措施', '黄埔街道办事处', '张建国', '尽快', '', '已交办'])
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer())

  await page.getByLabel('这些事项的问题类别').selectOption({ index: 1 })
  await page.getByLabel('Excel 文件（.xlsx）').setInputFiles({
    name: '履职清单.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer,
  })
  await page.getByRole('button', { name: '检查并导入' }).click()
  await expect(page.getByRole('alert')).toContainText('文件中有 1 处问题，没有导入任何事项')
  const report = page.getByRole('table', { name: '检查结果' })
  await expect(report.getByRole('rowheader')).toHaveText([`第 ${rows + 1} 行 F 列（完成时限）`])
  await expect(report).toContainText('“尽快”不是日期')
  await expectAccessible(page)
})

test('the coordinator reads every admin page without forms, and each passes axe', async ({
  page,
}) => {
  test.slow()
  await signIn(page, 'coordinator@kaimen.local', 'kaimen-coordinator')
  for (const [path, heading] of [
    ['/admin', '系统管理'],
    ['/admin/units', '责任单位'],
    ['/admin/categories', '问题类别'],
    ['/admin/areas', '区域'],
    ['/admin/routing', '分派规则'],
    ['/admin/staff', '工作人员账号'],
  ] as const) {
    await page.goto(path)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading)
    await expect(page.getByText('您可以查看这些设置；只有系统管理员可以修改。')).toBeVisible()
    await expect(page.getByRole('button', { name: /新增|保存/ })).toHaveCount(0)
    await expectAccessible(page)
  }
})
