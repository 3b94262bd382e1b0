import { NextIntlClientProvider } from 'next-intl';
import { getMessages, getTranslations } from 'next-intl/server';
import { LanguageSwitch } from './language-switch.tsx';
import type { Locale } from '@/i18n/locales.ts';
import '@/app/globals.css';

/** The message namespaces that client components use (the rest stay on the server). */
const CLIENT_NAMESPACES = ['compose', 'auth', 'report', 'errors'] as const;

/**
 * The document every page shares: header, language switch, main. `account` is the
 * reader's corner of the header (sign-in links, or the member's menu); client components
 * below get only the messages they use.
 */
export async function SiteFrame({ locale, account, children }: { locale: Locale; account: React.ReactNode; children: React.ReactNode }) {
  const t = await getTranslations({ locale, namespace: 'site' });
  const messages = await getMessages({ locale });
  const clientMessages = Object.fromEntries(CLIENT_NAMESPACES.map((n) => [n, messages[n]]));
  return (
    <html lang={locale}>
      <body>
        <a className="skip-link" href="#main">{t('skip')}</a>
        <header className="site-header">
          <a className="brand" href="/">
            <span className="brand-name">{t('name')}</span>
            <span className="brand-tagline">{t('tagline')}</span>
          </a>
          <div className="header-tools">
            {account}
            <nav aria-label={t('language')}>
              <LanguageSwitch locale={locale} />
            </nav>
          </div>
        </header>
        <main id="main">
          <NextIntlClientProvider locale={locale} messages={clientMessages}>{children}</NextIntlClientProvider>
        </main>
      </body>
    </html>
  );
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
