import { z } from 'zod'

/**
 * Text only, as PostgreSQL can store it: control, NUL and direction-override characters out,
 * lone surrogates replaced, line breaks kept (at most one blank line); markup is shown as
 * typed, never run.
 */
export function cleanText(text: string): string {
  return (
    text
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
      .replace(/\r\n?/g, '\n')
      // eslint-disable-next-line no-control-regex -- control characters are what is removed
      .replace(/[\u0000-\u0009\u000B-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g, '')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  )
}

/** A required text field, cleaned before it is measured. */
export function plainText(min: number, max: number) {
  return z.preprocess(
    (v) => (typeof v === 'string' ? cleanText(v) || undefined : v),
    z.string().min(min).max(max),
  )
}

export function optionalPlainText(max: number) {
  return z.preprocess(
    (v) => (typeof v === 'string' ? cleanText(v) || undefined : v),
    z.string().max(max).optional(),
  )
}
