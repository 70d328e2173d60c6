import { expect, test } from '@playwright/test'
import { openEmail } from './utils'

/**
 * Each form's error path with JavaScript on as well as off: after a failed submit the error is
 * shown beside the field, and the corrected input is accepted.
 */
for (const javaScriptEnabled of [true, false]) {
  test.describe(`with JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled })

    test('the one-time code form shows a wrong code and accepts the right one', async ({
      page,
    }) => {
      const email = `forms-${javaScriptEnabled ? 'js' : 'nojs'}-${Date.now()}@example.com`
      await page.goto('/verify?redirectTo=/duties')
      await page.waitForLoadState('networkidle')
      await page.getByLabel('邮箱', { exact: true }).fill(email)
      await page.getByRole('button', { name: '发送验证码' }).click()
      await expect(page.getByText(`验证码已发送到 ${email}`)).toBeVisible()
      const mailbox = await page.context().newPage()
      const { subject } = await openEmail(mailbox, { to: email, subject: /开门平台验证码/ })
      const code = /(\d{6})/.exec(subject)![1]!
      await mailbox.close()
      await page.waitForLoadState('networkidle')
      await page.getByLabel('验证码').fill(code === '000000' ? '111111' : '000000')
      await page.getByRole('button', { name: '验证', exact: true }).click()
      await expect(page.getByText('验证码不对，请核对后再试')).toBeVisible()
      await page.waitForLoadState('networkidle')
      // Full-width digits from a Chinese input method are the same code.
      const fullWidth = code.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))
      await page.getByLabel('验证码').fill(fullWidth)
      await page.getByRole('button', { name: '验证', exact: true }).click()
      await expect(page).toHaveURL(/\/duties$/)
    })
  })
}
