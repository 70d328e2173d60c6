/** Headers every response carries; the CSP allows only scripts that bear this request's nonce. */
export function securityHeaders(headers: Headers, nonce: string, production: boolean): void {
  const csp = [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
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
