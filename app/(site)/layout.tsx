import type { Metadata } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getMessages, getTranslations } from 'next-intl/server';
import { SiteFrame } from '@/components/site-frame.tsx';
import { MemberAlerts, UserMenu } from '@/components/user-menu.tsx';
import { StandingBanner } from '@/components/standing-banner.tsx';
import type { Locale } from '@/i18n/locales.ts';
import { CLIENT_NAMESPACES, pickMessages } from '@/i18n/client-messages.ts';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('site');
  return { title: { default: t('name'), template: `%s · ${t('name')}` }, description: t('tagline') };
}


/** Pages rendered for each request: members, forms, staff (anonymous reading is in app/cached). */
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = (await getLocale()) as Locale;
  const messages = await getMessages({ locale });
  return (
    <SiteFrame locale={locale} account={<UserMenu locale={locale} />} alerts={<MemberAlerts locale={locale} />}>
      <NextIntlClientProvider locale={locale} messages={pickMessages(messages, CLIENT_NAMESPACES)}>
        <StandingBanner locale={locale} />
        {children}
      </NextIntlClientProvider>
    </SiteFrame>
  );
}
