import { useRouteLoaderData, type MetaArgs } from '@remix-run/react'
import { defaultLocale, isLocale, translator, type Locale, type Translate } from '../platform/i18n'

interface RootData {
  locale: Locale
}

export function useLocale(): Locale {
  const data = useRouteLoaderData('root') as RootData | undefined
  return data && isLocale(data.locale) ? data.locale : defaultLocale
}

export function useT(): Translate {
  return translator(useLocale())
}

/** The translator inside a route's `meta`, from the root loader's locale. */
export function metaT(matches: MetaArgs['matches']): Translate {
  const root = matches.find((m) => m.id === 'root')?.data as RootData | undefined
  return translator(root && isLocale(root.locale) ? root.locale : defaultLocale)
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
