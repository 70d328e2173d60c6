import { useRouteLoaderData, type MetaArgs } from '@remix-run/react'
import { createContext, createElement, useContext } from 'react'
import {
  defaultLocale,
  isLocale,
  pageMessages,
  translator,
  type Locale,
  type PageMessages,
  type Translate,
} from '../platform/i18n'
import type { loader as rootLoader } from '../root'

/**
 * While the server renders a page, the namespaces its components translate from; the page
 * then carries just those, in its language (`PageMessagesScript`). Null in the browser.
 */
const UsedNamespaces = createContext<Set<string> | null>(null)
export const UsedNamespacesProvider = UsedNamespaces.Provider

// Always carried: the header and footer, every page's <title> and description (metaT), and the
// validation messages a form shows once it is checked in the browser.
const ALWAYS = ['common', 'home', 'validation']

export function useLocale(): Locale {
  return useRouteLoaderData<typeof rootLoader>('root')?.locale ?? defaultLocale
}

export function useT(): Translate {
  const t = translator(useLocale())
  const used = useContext(UsedNamespaces)
  if (!used) return t
  return (key, values) => {
    used.add(key.slice(0, key.indexOf('.')))
    return t(key, values)
  }
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

const SCRIPT_ID = 'page-messages'
let browserScript = ''

/** In the browser, before hydration: reads the strings the page carried. */
export function readPageMessages(): PageMessages | null {
  browserScript = document.getElementById(SCRIPT_ID)?.textContent ?? ''
  return browserScript ? (JSON.parse(browserScript) as PageMessages) : null
}

/**
 * The page's strings as JSON data (not a script that runs, so no CSP nonce or hash): rendered
 * after the page's content, when every namespace it used is known. The browser keeps the text
 * it hydrated with.
 */
export function PageMessagesScript() {
  const locale = useLocale()
  const used = useContext(UsedNamespaces)
  const json = used
    ? JSON.stringify(pageMessages(locale, new Set([...ALWAYS, ...used]))).replace(/</g, '\\u003c')
    : browserScript
  return createElement('script', {
    id: SCRIPT_ID,
    type: 'application/json',
    suppressHydrationWarning: true,
    dangerouslySetInnerHTML: { __html: json },
  })
}
