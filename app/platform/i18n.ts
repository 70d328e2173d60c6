import { catalogs as serverCatalogs, catalogVersion } from '../locales/catalogs.server'
import type { MessageKey, Messages } from '../locales/types'

export const locales = ['zh-CN', 'en'] as const
export type Locale = (typeof locales)[number]
export const defaultLocale: Locale = 'zh-CN'
export type Namespace = keyof Messages

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value)
}

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string

/**
 * The server holds every catalog. In the browser build a `.server` module is empty, so there
 * `serverCatalogs` is undefined and the strings are the namespaces the page carried
 * (`PageMessages`) plus those fetched from /messages when a later render needs more.
 */
const onServer = serverCatalogs !== undefined
const browserCatalogs: Record<Locale, Partial<Messages>> = { 'zh-CN': {}, en: {} }
let browserVersion = ''
const loading = new Map<string, Promise<void>>()

/** What a page carries for the browser: its language's strings, by namespace. */
export interface PageMessages {
  locale: Locale
  version: string
  messages: Partial<Messages>
}

/** The namespaces a page used, in its language, for `PageMessages` (server only). */
export function pageMessages(locale: Locale, namespaces: Iterable<string>): PageMessages {
  const messages: Record<string, unknown> = {}
  for (const ns of namespaces)
    if (Object.hasOwn(serverCatalogs[locale], ns)) messages[ns] = serverCatalogs[locale][ns as Namespace]
  return { locale, version: catalogVersion, messages: messages as Partial<Messages> }
}

/** In the browser, before hydration: the strings the server rendered the page with. */
export function addPageMessages(page: PageMessages) {
  browserVersion = page.version
  if (isLocale(page.locale)) Object.assign(browserCatalogs[page.locale], page.messages)
}

/**
 * A namespace the browser does not hold yet: React waits for it (the thrown promise) and
 * renders again. Switching language fetches every namespace held in the other one at once.
 */
function loadNamespace(locale: Locale, ns: string): Promise<void> {
  const held = browserCatalogs[locale]
  const wanted = new Set([ns])
  for (const other of locales)
    for (const name of Object.keys(browserCatalogs[other])) if (!(name in held)) wanted.add(name)
  const query = [...wanted].sort().join(',')
  const cacheKey = `${locale}:${query}`
  let promise = loading.get(cacheKey)
  if (!promise) {
    const url = `/messages/${locale}?ns=${encodeURIComponent(query)}&v=${browserVersion}`
    promise = fetch(url)
      .then((response) => {
        if (!response.ok) throw new Error(`${url}: ${response.status}`)
        return response.json() as Promise<Partial<Messages>>
      })
      .then((messages) => {
        Object.assign(held, messages)
        if (!(ns in held)) Object.assign(held, { [ns]: {} })
      })
      .catch(() => {
        // Offline or a new release: the server renders the page with every string it needs.
        window.location.reload()
      })
    loading.set(cacheKey, promise)
  }
  return promise
}

export function translator(locale: Locale): Translate {
  const catalog: Partial<Messages> = onServer ? serverCatalogs[locale] : browserCatalogs[locale]
  return (key, values) => {
    const dot = key.indexOf('.')
    const ns = key.slice(0, dot) as Namespace
    let node: unknown = catalog[ns]
    if (node === undefined && !onServer) throw loadNamespace(locale, ns)
    for (const part of key.slice(dot + 1).split('.'))
      node = (node as Record<string, unknown> | undefined)?.[part]
    const text = typeof node === 'string' ? node : key
    return values
      ? text.replace(/\{(\w+)\}/g, (m, name: string) => String(values[name] ?? m))
      : text
  }
}

/** The locale of a request: the `lang` cookie, else Chinese. */
export function localeFromRequest(request: Request): Locale {
  const cookie = request.headers.get('cookie') ?? ''
  const match = /(?:^|;\s*)lang=([^;]+)/.exec(cookie)
  const value = match?.[1]
  return isLocale(value) ? value : defaultLocale
}

// Built once per locale: a DateTimeFormat costs 0.1 ms and native memory to make.
const dateFormats: Record<Locale, Intl.DateTimeFormat> = {
  'zh-CN': dateFormat('zh-CN'),
  en: dateFormat('en'),
}
const dateTimeFormats: Record<Locale, Intl.DateTimeFormat> = {
  'zh-CN': dateTimeFormat('zh-CN'),
  en: dateTimeFormat('en'),
}

function dateFormat(locale: Locale) {
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'Asia/Shanghai',
  })
}

function dateTimeFormat(locale: Locale) {
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Asia/Shanghai',
  })
}

export function formatDate(value: Date | string, locale: Locale): string {
  const date = typeof value === 'string' ? new Date(`${value}T00:00:00+08:00`) : value
  return dateFormats[locale].format(date)
}

export function formatDateTime(value: Date, locale: Locale): string {
  return dateTimeFormats[locale].format(value)
}
