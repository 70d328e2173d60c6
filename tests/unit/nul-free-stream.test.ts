import { PassThrough, type Writable } from 'node:stream'
import { createElement } from 'react'
import { renderToPipeableStream, renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { nulFreeBody } from '../../app/platform/response/nul-free-stream.server'
import { renderEmail } from '../../app/platform/messages/email.server'

/**
 * A long Chinese page: paragraphs of 3-byte characters with ASCII markup between them, so the
 * 2 KB chunks of React's stream end in the middle of a character again and again.
 */
function longChinesePage() {
  const paragraphs = Array.from({ length: 120 }, (_, i) =>
    createElement(
      'p',
      { key: i },
      `第${i}条：区学习教育办公室已超过办理期限，责任单位整改中。`.repeat(3 + (i % 4)),
    ),
  )
  return createElement('main', null, createElement('h1', null, '履职清单'), ...paragraphs)
}

async function streamed(into: () => Writable & NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const body = into()
    const chunks: Buffer[] = []
    body.on('data', (chunk: Buffer) => chunks.push(chunk))
    body.on('end', () => resolve(Buffer.concat(chunks)))
    body.on('error', reject)
    const { pipe } = renderToPipeableStream(longChinesePage(), {
      onAllReady: () => pipe(body),
      onError: reject,
    })
  })
}

describe('pages and emails carry no NUL byte', () => {
  it('the page is long enough to cross many 2 KB chunk boundaries', () => {
    expect(Buffer.byteLength(renderToString(longChinesePage()))).toBeGreaterThan(20 * 2048)
  })

  it('React 18.3 alone pads chunks with NUL bytes (facebook/react#26228)', async () => {
    // When React is upgraded past the bug this fails: remove nulFreeBody and this test then.
    const raw = await streamed(() => new PassThrough())
    expect(raw.includes(0)).toBe(true)
  })

  it('the response body that entry.server pipes React into has none, and loses nothing', async () => {
    const body = await streamed(nulFreeBody)
    expect(body.includes(0)).toBe(false)
    expect(body.toString('utf8')).toBe(renderToString(longChinesePage()))
  })

  it('a long Chinese email has no NUL character in its HTML or text', async () => {
    const detail = '区学习教育办公室已超过办理期限，责任单位正在整改，请耐心等待回复。'.repeat(120)
    const email = await renderEmail(
      'report-update',
      {
        step: 'progress',
        name: '李华',
        title: '楼道灯不亮',
        code: 'ABCD-1234',
        followUrl: 'https://kaimen.example/follow/x',
        detail,
      },
      'zh-CN',
    )
    expect(email.html.includes('\0')).toBe(false)
    expect(email.text.includes('\0')).toBe(false)
    expect(email.text).toContain(detail)
  })
})
