import type { Metadata } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getTranslations } from 'next-intl/server';
import { LanguageSwitch } from '@/components/language-switch.tsx';
import { UserMenu } from '@/components/user-menu.tsx';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('site');
  return { title: { default: t('name'), template: `%s · ${t('name')}` }, description: t('tagline') };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  const t = await getTranslations('site');
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
            <UserMenu />
            <nav aria-label={t('language')}>
              <LanguageSwitch />
            </nav>
          </div>
        </header>
        <main id="main">
          <NextIntlClientProvider>{children}</NextIntlClientProvider>
        </main>
      </body>
    </html>
  );
}
