import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { SiteFrame } from '@/components/site-frame.tsx';
import { UserMenu } from '@/components/user-menu.tsx';
import type { Locale } from '@/i18n/locales.ts';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('site');
  return { title: { default: t('name'), template: `%s · ${t('name')}` }, description: t('tagline') };
}

/** Pages rendered for each request: members, forms, staff (anonymous reading is in app/cached). */
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = (await getLocale()) as Locale;
  return (
    <SiteFrame locale={locale} account={<UserMenu locale={locale} />}>
      {children}
    </SiteFrame>
  );
}
