import crypto from 'node:crypto'

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi

/**
 * The sha256 (base64) of every inline script a page runs: what its CSP allows, beside this
 * site's own script files. Data blocks (`type="application/json"`) do not run and need none.
 */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>()
  for (const [, attributes = '', content = ''] of html.matchAll(SCRIPT)) {
    if (!content || /\ssrc=/i.test(attributes) || /type="application\/json"/i.test(attributes))
      continue
    hashes.add(crypto.createHash('sha256').update(content, 'utf8').digest('base64'))
  }
  return [...hashes]
}

/**
 * Headers every page carries. Scripts run only from this site's files and inline where the
 * page's own bytes hash to one listed here: an injected script matches no hash.
 */
export function securityHeaders(
  headers: Headers,
  scriptHashes: string[],
  production: boolean,
): void {
  const csp = [
    `default-src 'self'`,
    ['script-src', "'self'", ...scriptHashes.map((hash) => `'sha256-${hash}'`)].join(' '),
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob:`,
    `font-src 'self'`,
    `connect-src 'self'${production ? '' : ' ws://localhost:* ws://127.0.0.1:*'}`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
    `base-uri 'self'`,
    `object-src 'none'`,
  ].join('; ')
  headers.set('Content-Security-Policy', csp)
  headers.set('X-Content-Type-Options', 'nosniff')
  headers.set('Referrer-Policy', 'strict-origin-when-cross-origin')
  headers.set('X-Frame-Options', 'DENY')
  headers.set('Cross-Origin-Opener-Policy', 'same-origin')
  headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()')
  if (production) headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
}

/**
 * Headers for every answer that is not a page (feeds, exports, Open311, photos, JSON, plain
 * errors): nothing in it may run or be framed, and its declared type is final.
 */
export const machineHeaders: Readonly<Record<string, string>> = {
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'; sandbox",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
}
