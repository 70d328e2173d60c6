import { expect, test, type Page } from '@playwright/test'
import { openEmail, settled } from './utils'

/**
 * Each public form's error path with JavaScript on as well as off: after a failed submit the
 * error is shown beside the field, and the corrected input is accepted. (The report form's are
 * in reporting.spec.ts, the staff forms' in duties.spec.ts and admin.spec.ts, both ways.)
 */

/** Asks for a code on /verify (already open) and returns it, read from the local mailbox. */
async function requestCode(page: Page, email: string) {
  await settled(page)
  await page.getByLabel('邮箱', { exact: true }).fill(email)
  await page.getByRole('button', { name: '发送验证码' }).click()
  await expect(page.getByText(`验证码已发送到 ${email}`)).toBeVisible()
  const mailbox = await page.context().newPage()
  const { subject } = await openEmail(mailbox, { to: email, subject: /开门平台验证码/ })
  await mailbox.close()
  await settled(page)
  return /(\d{6})/.exec(subject)![1]!
}

for (const javaScriptEnabled of [true, false]) {
  const mode = javaScriptEnabled ? 'js' : 'nojs'
  test.describe(`with JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled })

    test('the one-time code form shows a wrong code and accepts the right one', async ({
      page,
    }) => {
      const email = `forms-${mode}-${Date.now()}@example.com`
      await page.goto('/verify?redirectTo=/duties')
      const code = await requestCode(page, email)
      await page.getByLabel('验证码').fill(code === '000000' ? '111111' : '000000')
      await page.getByRole('button', { name: '验证', exact: true }).click()
      await expect(page.getByText('验证码不对，请核对后再试')).toBeVisible()
      await settled(page)
      // Full-width digits from a Chinese input method are the same code.
      const fullWidth = code.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))
      await page.getByLabel('验证码').fill(fullWidth)
      await page.getByRole('button', { name: '验证', exact: true }).click()
      await expect(page).toHaveURL(/\/duties$/)
    })

    test('the comment form shows a blank comment’s error and takes the written one', async ({
      page,
    }) => {
      await page.goto('/duties?status=resolved')
      await page.locator('.browse-list a').first().click()
      await expect(page).toHaveURL(/\/duties\/\d+$/)
      const dutyUrl = page.url()
      await page.locator('#comments').getByRole('link', { name: '验证邮箱' }).click()
      const code = await requestCode(page, `comment-${mode}-${Date.now()}@example.com`)
      await page.getByLabel('验证码').fill(code)
      await page.getByRole('button', { name: '验证', exact: true }).click()
      await expect(page).toHaveURL(dutyUrl)

      // Only spaces: the browser lets it through, the server (or the page) says what is wrong.
      await settled(page)
      const comment = page.getByLabel('发表评论')
      await comment.fill('   ')
      await page.getByRole('button', { name: '发表评论' }).click()
      await expect(page.locator('#comments').getByText('请填写此项')).toBeVisible()
      await settled(page)
      const words = `表格式的进度公开很清楚 ${mode} ${Date.now() % 10000}`
      await comment.fill(words)
      await page.getByRole('button', { name: '发表评论' }).click()
      await expect(page.getByText('评论已提交，审核通过后公开。')).toBeVisible()
      await expect(page.getByText(words)).toBeVisible()
      await expect(page.locator('#comments').getByText('请填写此项')).toHaveCount(0)
    })

    test('the reporter’s rating form asks for the reason of 不满意, then takes the rating', async ({
      page,
    }) => {
      // One invitation each way, older than the newest (which public.spec.ts reopens).
      const { text } = await openEmail(page, {
        subject: /^请评价：/,
        nth: javaScriptEnabled ? 1 : 2,
      })
      const ratePath = /\/rate\/[A-Za-z0-9_-]{22}/.exec(text)![0]
      await page.goto(ratePath)
      await expect(page.getByRole('heading', { level: 1, name: '评价办理结果' })).toBeVisible()
      await settled(page)
      await page.getByRole('radio', { name: '不满意', exact: true }).check()
      await page.getByRole('button', { name: /提交评价|修改评价/ }).click()
      await expect(page.getByText('选择“不满意”或“非常不满意”时请说明理由')).toBeVisible()
      await settled(page)
      // The choice survived the failed submit.
      await expect(page.getByRole('radio', { name: '不满意', exact: true })).toBeChecked()
      await page.getByLabel('评价说明').fill(`回访时说明了原因，仍未解决 ${mode}`)
      await page.getByRole('button', { name: /提交评价|修改评价/ }).click()
      await expect(page.getByText('您的意见已提交复核')).toBeVisible()
      await expect(page.getByText('选择“不满意”或“非常不满意”时请说明理由')).toHaveCount(0)
    })
  })
}
