import { describe, expect, it } from 'vitest'
import { crossSiteRefusal, idParam, safeRedirectPath } from '../../app/platform/http.server'

const SITE = 'https://kaimen.example'

describe('safeRedirectPath: only a path on this site, as a browser would read it', () => {
  it.each([
    '//evil.example',
    '/\\evil.example',
    '/\t/evil.example/phish',
    '/%09/evil.example', // decoded once by the form: the tab case above
    '/\n/evil.example',
    '/\r\n/evil.example',
    '\t//evil.example',
    ' //evil.example',
    '/\\/evil.example',
    'https://evil.example',
    'javascript:alert(1)',
    'evil.example',
    '',
  ])('refuses %j', (value) => {
    const decoded = value.includes('%09') ? decodeURIComponent(value) : value
    expect(safeRedirectPath(decoded, '/fallback')).toBe('/fallback')
  })

  it('refuses the redirect found by the outside test', () => {
    const redirectTo = new URL(
      'https://kaimen.example/sign-in?redirectTo=%2F%09%2Fevil.example%2Fphish',
    ).searchParams.get('redirectTo')
    expect(safeRedirectPath(redirectTo, '/staff')).toBe('/staff')
  })

  it('keeps our own paths, with query and fragment, and never lets CR/LF into a header', () => {
    expect(safeRedirectPath('/duties?status=open#list')).toBe('/duties?status=open#list')
    expect(safeRedirectPath('/reports/12')).toBe('/reports/12')
    const crlf = safeRedirectPath('/track\r\nSet-Cookie: x=1')
    expect(crlf).not.toMatch(/[\r\n]/)
    expect(() => new Headers({ Location: crlf })).not.toThrow()
  })
})

function post(headers: Record<string, string>): Request {
  return new Request(`${SITE}/report/concern`, { method: 'POST', headers })
}

describe('crossSiteRefusal: Origin, else Referer, else refuse', () => {
  it('lets our own pages post', () => {
    expect(crossSiteRefusal(post({ origin: SITE }), SITE)).toBeNull()
    expect(crossSiteRefusal(post({ referer: `${SITE}/report/concern` }), SITE)).toBeNull()
  })

  it('refuses another site by Origin or by Referer with a plain 403 page', async () => {
    const senders: Array<Record<string, string>> = [
      { origin: 'https://evil.example' },
      { origin: 'https://evil.example', referer: `${SITE}/` },
      { referer: 'https://evil.example/page' },
      { origin: 'null', referer: 'https://evil.example/' },
      { referer: 'not a url' },
    ]
    for (const headers of senders) {
      const refusal = crossSiteRefusal(post(headers), SITE)
      expect(refusal?.status, JSON.stringify(headers)).toBe(403)
      expect(refusal?.headers.get('content-type')).toContain('text/html')
      expect(await refusal?.text()).toContain('Request refused')
    }
  })

  it('refuses a post that names neither, except for the API-key machine endpoint', () => {
    expect(crossSiteRefusal(post({}), SITE)?.status).toBe(403)
    expect(crossSiteRefusal(post({ origin: 'null' }), SITE)?.status).toBe(403)
    expect(crossSiteRefusal(post({}), SITE, { machine: true })).toBeNull()
    expect(
      crossSiteRefusal(post({ origin: 'https://evil.example' }), SITE, { machine: true })?.status,
    ).toBe(403)
  })

  it('does not check reads', () => {
    expect(
      crossSiteRefusal(
        new Request(`${SITE}/`, { headers: { origin: 'https://evil.example' } }),
        SITE,
      ),
    ).toBeNull()
  })
})

describe('idParam', () => {
  it('accepts 1 … 2147483647 and answers 404 for anything else', () => {
    expect(idParam('2147483647')).toBe(2147483647)
    for (const value of [
      '0',
      '2147483648',
      '9007199254740991',
      '-1',
      '1.0',
      '1e3',
      '',
      undefined,
      '١',
    ])
      expect(() => idParam(value)).toThrow(Response)
  })
})
