import en from '../locales/en/index'
import type { MessageKey, Messages } from '../locales/types'
import zhCN from '../locales/zh-CN/index'

export const locales = ['zh-CN', 'en'] as const
export type Locale = (typeof locales)[number]
export const defaultLocale: Locale = 'zh-CN'

const catalogs: Record<Locale, Messages> = { 'zh-CN': zhCN, en }

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value)
}

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string

export function translator(locale: Locale): Translate {
  const catalog = catalogs[locale]
  return (key, values) => {
    let node: unknown = catalog
    for (const part of key.split('.')) node = (node as Record<string, unknown>)[part]
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
