import type { MessageKey } from '../locales/types'

// Text helpers without zod: a public page's JavaScript uses them and must not carry zod
// (docs/PERFORMANCE.md). The schemas built on them are in ./validation.

/**
 * Validation messages travel as message keys with their values ("validation.tooLong|{"max":80}")
 * so the same schema gives Chinese or English errors beside each field.
 */
export function message(key: MessageKey, values?: Record<string, string | number>): string {
  return values ? `${key}|${JSON.stringify(values)}` : key
}

/**
 * A value that is itself a message (a status, an action), written `t:some.key`: it is translated
 * when the message is shown, so the code that refuses something need not know the reader's language.
 */
export function translated(key: MessageKey): string {
  return `t:${key}`
}

export function parseMessage(text: string): {
  key: MessageKey
  values?: Record<string, string | number>
} {
  const bar = text.indexOf('|')
  if (bar < 0) return { key: text as MessageKey }
  try {
    return { key: text.slice(0, bar) as MessageKey, values: JSON.parse(text.slice(bar + 1)) }
  } catch {
    return { key: text as MessageKey }
  }
}

/** An encoded message in the reader's language, `t:` values translated too. */
export function showMessage(
  text: string,
  t: (key: MessageKey, values?: Record<string, string | number>) => string,
): string {
  const { key, values } = parseMessage(text)
  if (!values) return t(key)
  const shown: Record<string, string | number> = {}
  for (const [name, value] of Object.entries(values))
    shown[name] =
      typeof value === 'string' && value.startsWith('t:') ? t(value.slice(2) as MessageKey) : value
  return t(key, shown)
}

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

/**
 * A number or code as people type it on a phone: full-width digits and letters
 * (１３８…, ＫＭ), ideographic spaces, any kind of dash. NFKC folds the full-width forms to
 * ASCII; spaces and dashes carry nothing in a mobile, credit code, tracking code or one-time code.
 */
export function compactTyped(input: string): string {
  return input.normalize('NFKC').replace(/[\s\-\u2010-\u2015\u2212\u30FC]/g, '')
}

/**
 * A day typed as YYYY-MM-DD that exists. JavaScript rolls 2026-02-30 over to 3月2日 where
 * PostgreSQL refuses it with an error, so every typed day is checked by this one test.
 */
export function isRealDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const time = Date.parse(`${value}T00:00:00Z`)
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value
}
