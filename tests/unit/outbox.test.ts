import { describe, expect, it } from 'vitest'
import { renderEmail } from '../../app/platform/messages/email.server'
import { retryDelaySeconds } from '../../app/platform/outbox.server'

describe('outbox', () => {
  it('backs off exponentially up to an hour', () => {
    expect([1, 2, 3, 4].map(retryDelaySeconds)).toEqual([30, 60, 120, 240])
    expect(retryDelaySeconds(20)).toBe(3600)
  })

  it('renders the receipt in Chinese with the code and the follow link', async () => {
    const email = await renderEmail(
      'report-received',
      { name: '张先生', title: '电梯故障', code: 'KM-ABCD-EFGH', followUrl: 'http://x/follow/t' },
      'zh-CN',
    )
    expect(email.subject).toBe('已收到您反映的问题（KM-ABCD-EFGH）')
    expect(email.html).toContain('lang="zh-CN"')
    expect(email.text).toContain('查询码：KM-ABCD-EFGH')
    expect(email.text).toContain('http://x/follow/t')
  })

  it('refuses an unknown template', async () => {
    await expect(renderEmail('nope', {}, 'zh-CN')).rejects.toThrow(/Unknown email template/)
  })
})
