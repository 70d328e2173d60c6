import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import {
  Form,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteLoaderData,
} from '@remix-run/react'
import type { ReactNode } from 'react'
import { GeneralErrorBoundary } from './ui/error-boundary'
import { localeFromRequest } from './platform/i18n'
import { getStaff } from './staff/auth.server'
import type { MessageKey } from './locales/types'
import styles from './styles/app.css'
import { PageMessagesScript, useLocale, useT } from './ui/i18n'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: styles },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await getStaff(request)
  return {
    locale: localeFromRequest(request),
    // 大字版: the `text=large` cookie set by /text-size.
    largeText: /(?:^|;\s*)text=large(?:;|$)/.test(request.headers.get('cookie') ?? ''),
    staff: staff ? { name: staff.name, role: staff.role } : null,
  }
}

export function Layout({ children }: { children: ReactNode }) {
  const locale = useLocale()
  const largeText = useRouteLoaderData<typeof loader>('root')?.largeText ?? false
  return (
    <html lang={locale} className={largeText ? 'large-text' : undefined}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="format-detection" content="telephone=no" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <PageMessagesScript />
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  )
}

/** The public sections, in the order a resident needs them. */
const navItems: Array<{ to: string; label: MessageKey }> = [
  { to: '/', label: 'common.nav.home' },
  { to: '/report', label: 'common.nav.report' },
  { to: '/track', label: 'common.nav.track' },
  { to: '/reports', label: 'common.nav.reports' },
  { to: '/duties', label: 'common.nav.duties' },
  { to: '/units', label: 'common.nav.units' },
  { to: '/scoreboard', label: 'common.nav.scoreboard' },
  { to: '/topics', label: 'common.nav.topics' },
  { to: '/notices', label: 'common.nav.notices' },
]

function SiteHeader() {
  const t = useT()
  const root = useRouteLoaderData<typeof loader>('root')
  const staff = root?.staff
  const location = useLocation()
  const here = location.pathname + location.search
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t('common.skipToContent')}
      </a>
      <div className="site-header__bar">
        <a className="brand" href="/">
          <span className="brand__name">{t('common.siteName')}</span>
          <span className="brand__tagline">{t('common.siteTagline')}</span>
        </a>
        <div className="site-header__tools">
          <Form method="post" action="/text-size" className="lang-switch">
            <input type="hidden" name="redirectTo" value={here} />
            <button type="submit" name="size" value={root?.largeText ? 'standard' : 'large'}>
              {t(root?.largeText ? 'common.textSize.standard' : 'common.textSize.large')}
            </button>
          </Form>
          <Form method="post" action="/lang" className="lang-switch">
            <input type="hidden" name="redirectTo" value={here} />
            <button type="submit" name="lang" value={t('common.language.switchToLang')}>
              {t('common.language.switchTo')}
            </button>
          </Form>
        </div>
      </div>
      <nav aria-label={t('common.nav.label')} className="site-nav">
        {navItems.map((item) => (
          <NavLink key={item.to} to={item.to} end={item.to === '/'}>
            {t(item.label)}
          </NavLink>
        ))}
        <NavLink to={staff ? '/staff' : '/sign-in'} className="site-nav__staff">
          {staff ? t('auth.staffArea') : t('common.nav.staff')}
        </NavLink>
      </nav>
    </header>
  )
}

function SiteFooter() {
  const t = useT()
  return (
    <footer className="site-footer">
      <p>{t('common.footer.about')}</p>
      <p>{t('common.footer.privacy')}</p>
      <p>
        <Link to="/transparency">{t('transparency.footer')}</Link>
      </p>
    </footer>
  )
}

export default function App() {
  return (
    <>
      <SiteHeader />
      <main id="main" className="site-main">
        <Outlet />
      </main>
      <SiteFooter />
    </>
  )
}

export function ErrorBoundary() {
  return (
    <>
      <SiteHeader />
      <main id="main" className="site-main">
        <GeneralErrorBoundary />
      </main>
    </>
  )
}
