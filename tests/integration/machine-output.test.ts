import type { LoaderFunctionArgs } from '@remix-run/node'
import { beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../db/seed'
import { appendEvent } from '../../app/platform/event.server'
import { setupTestDatabase } from '../support/database'
import { getRequest, settle } from '../support/requests'

const database = setupTestDatabase()
const hostile = '<img src=x onerror=alert(document.cookie)><script>alert(1)</script>'

type Loader = (args: LoaderFunctionArgs) => Promise<unknown>
async function get(loader: Loader, path: string, params: Record<string, string>) {
  const response = await settle(() => loader({ request: getRequest(path), params, context: {} }))
  expect(response, path).toBeInstanceOf(Response)
  return response as Response
}

beforeAll(async () => {
  const db = database.current.db
  await seed(db, { demo: true })
  const duty = await db.selectFrom('duties').select('id').orderBy('id').executeTakeFirstOrThrow()
  await db.transaction().execute((trx) =>
    appendEvent(trx, {
      type: 'duty.reopened',
      dutyId: duty.id,
      actor: 'public',
      public: true,
      data: { reason: hostile },
    }),
  )
})

describe('feeds carry plain text only', () => {
  it('Atom marks every text type="text", with the rater’s words as text', async () => {
    const { loader } = await import('../../app/routes/feeds.$file')
    const atom = await (await get(loader, '/feeds/progress.atom', { file: 'progress.atom' })).text()
    expect(atom).toContain('onerror')
    expect(atom).not.toContain('type="html"')
    expect(atom).toMatch(/<summary type="text">/)
  })

  it('RSS escapes markup, so a reader shows it instead of running it', async () => {
    const { loader } = await import('../../app/routes/feeds.$file')
    const rss = await (await get(loader, '/feeds/progress.xml', { file: 'progress.xml' })).text()
    expect(rss).toContain('onerror')
    expect(rss).not.toMatch(/<img|<script/i)
  })
})

describe('machine outputs carry security headers', () => {
  it('feeds, exports, Open311, health and plain errors: CSP and nosniff', async () => {
    const feeds = (await import('../../app/routes/feeds.$file')).loader
    const exportsFile = (await import('../../app/routes/exports.$file')).loader
    const open311 = (await import('../../app/routes/open311.v2.$resource')).loader
    const service = (await import('../../app/routes/open311.v2.services.$code')).loader
    const health = (await import('../../app/routes/healthz')).loader as Loader
    const answers: Array<[string, Response]> = [
      ['atom', await get(feeds, '/feeds/progress.atom', { file: 'progress.atom' })],
      ['rss', await get(feeds, '/feeds/progress.xml', { file: 'progress.xml' })],
      ['feed 404', await get(feeds, '/feeds/nothing.txt', { file: 'nothing.txt' })],
      ['csv', await get(exportsFile, '/exports/reports.csv', { file: 'reports.csv' })],
      ['xlsx', await get(exportsFile, '/exports/duties.xlsx', { file: 'duties.xlsx' })],
      ['open311', await get(open311, '/open311/v2/discovery.json', { resource: 'discovery.json' })],
      ['open311 xml', await get(open311, '/open311/v2/services.xml', { resource: 'services.xml' })],
      [
        'open311 error',
        await get(service, '/open311/v2/services/none.json', { code: 'none.json' }),
      ],
      ['health', await get(health, '/healthz', {})],
    ]
    for (const [name, response] of answers) {
      expect(response.headers.get('x-content-type-options'), name).toBe('nosniff')
      expect(response.headers.get('content-security-policy'), name).toContain("default-src 'none'")
    }
  })
})
