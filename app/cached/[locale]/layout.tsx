// Pages for anonymous readers, rendered once per (page, sort, cursor, language) and served
// from Next's cache until a write expires them (lib/cache/invalidate.ts). Requests reach
// them through the rewrites in next.config.js (lib/cache/public-pages.js), never by their
// own address. Nothing here may read the request: no cookies, headers or member.
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { SignedOutLinks, SiteFrame } from '@/components/site-frame.tsx';
import { isLocale, locales } from '@/i18n/locales.ts';

export function generateStaticParams() {
  return locales.map((locale) => ({ locale }));
}

export async function generateMetadata({ params }: LayoutProps<'/cached/[locale]'>): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const t = await getTranslations({ locale, namespace: 'site' });
  return { title: { default: t('name'), template: `%s · ${t('name')}` }, description: t('tagline') };
}

export default async function CachedLayout({ children, params }: LayoutProps<'/cached/[locale]'>) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  setRequestLocale(locale);
  return (
    <SiteFrame locale={locale} account={<SignedOutLinks locale={locale} />}>
      {children}
    </SiteFrame>
  );
}
