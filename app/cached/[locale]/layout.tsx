// Pages for anonymous readers, rendered once per (page, sort, cursor, language) and served
// from Next's cache until a write expires them (lib/cache/invalidate.ts). Requests reach
// them through the rewrites in next.config.js (lib/cache/public-pages.js), never by their
// own address. Nothing here may read the request: no cookies, headers or member.
import { notFound } from 'next/navigation';
import { setRequestLocale } from 'next-intl/server';
import { SignedOutLinks, SiteFrame, siteMetadata } from '@/components/site-frame.tsx';
import { isLocale, locales } from '@/i18n/locales.ts';

export function generateStaticParams() {
  return locales.map((locale) => ({ locale }));
}

export const generateMetadata = async ({ params }: LayoutProps<'/cached/[locale]'>) => siteMetadata((await params).locale);

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
