import { useRouteLoaderData, type MetaArgs } from '@remix-run/react'
import { defaultLocale, isLocale, translator, type Locale, type Translate } from '../platform/i18n'
import type { loader as rootLoader } from '../root'

export function useLocale(): Locale {
  return useRouteLoaderData<typeof rootLoader>('root')?.locale ?? defaultLocale
}

export function useT(): Translate {
  return translator(useLocale())
}

/** The translator inside a route's `meta`, from the root loader's locale. */
export function metaT(matches: MetaArgs['matches']): Translate {
  const root: unknown = matches.find((m) => m.id === 'root')?.data
  const locale = root && typeof root === 'object' && 'locale' in root ? root.locale : undefined
  return translator(isLocale(locale) ? locale : defaultLocale)
}

/** `<title>` and description in one place, so every page gets both. */
export function pageMeta(matches: MetaArgs['matches'], title: string, description?: string) {
  const t = metaT(matches)
  const full = title.startsWith(t('common.siteName')) ? title : `${title} · ${t('common.siteName')}`
  return [
    { title: full },
    { name: 'description', content: description ?? t('home.description') },
    { property: 'og:title', content: full },
  ]
}
