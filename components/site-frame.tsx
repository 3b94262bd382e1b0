import { getTranslations } from 'next-intl/server';
import { LanguageSwitch } from './language-switch.tsx';
import { isLocale, type Locale } from '@/i18n/locales.ts';
import type { Metadata } from 'next';
import '@/app/globals.css';
import Link from 'next/link';

/**
 * The document every page shares: header, language switch, main. `account` is the
 * reader's corner of the header (sign-in links, or the member's menu). It loads no client
 * code: the pages every reader shares need none beyond React's and Next's own.
 */
export async function SiteFrame({ locale, account, alerts = null, children }: { locale: Locale; account: React.ReactNode; alerts?: React.ReactNode; children: React.ReactNode }) {
  const t = await getTranslations({ locale, namespace: 'site' });
  return (
    <html lang={locale}>
      <body>
        <a className="skip-link" href="#main">{t('skip')}</a>
        <header className="site-header">
          <Link className="brand" href="/">
            <span className="brand-name">{t('name')}</span>
            <span className="brand-tagline">{t('tagline')}</span>
          </Link>
          {alerts}
          {/* On a phone the tools fold into one menu, so that the header keeps to one line in
              both languages; on a wider screen the menu is always open and its button hidden. */}
          <details className="header-menu">
            <summary>
              <span aria-hidden="true" className="menu-icon">☰</span> {t('menu')}
            </summary>
            <div className="header-tools">
              <form method="get" action="/search" role="search" className="site-search">
                <label htmlFor="site-search-q" className="visually-hidden">
                  {t('search')}
                </label>
                <input id="site-search-q" name="q" type="search" placeholder={t('search')} maxLength={100} />
              </form>
              {account}
              <nav aria-label={t('language')}>
                <LanguageSwitch locale={locale} />
              </nav>
            </div>
          </details>
        </header>
        <main id="main">
          {children}
        </main>
        <footer className="site-footer">
          <a href="/feed.xml" type="application/atom+xml">
            {t('feed')}
          </a>
        </footer>
      </body>
    </html>
  );
}

/** The site's name and tagline for a page's metadata, in this language. */
export async function siteMetadata(locale: string): Promise<Metadata> {
  if (!isLocale(locale)) return {};
  const t = await getTranslations({ locale, namespace: 'site' });
  return { title: { default: t('name'), template: `%s · ${t('name')}` }, description: t('tagline') };
}

/** The header's links for a reader who is not signed in. */
export async function SignedOutLinks({ locale }: { locale: Locale }) {
  const t = await getTranslations({ locale, namespace: 'auth' });
  return (
    <div className="user-menu">
      <a href="/signin">{t('signIn')}</a>
      <a href="/signup">{t('signUp')}</a>
    </div>
  );
}
