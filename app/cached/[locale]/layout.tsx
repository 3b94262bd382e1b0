// Pages for anonymous readers, rendered once per (page, sort, cursor, language) and served
// from Next's cache until a write expires them (lib/cache/invalidate.ts). Requests reach
// them through the rewrites in next.config.js (lib/cache/public-pages.js), never by their
// own address. Nothing here may read the request: no cookies, headers or member.
import { SignedOutLinks, SiteFrame, siteMetadata } from '@/components/site-frame.tsx';
import { localeParams, pathLocale } from '@/lib/cache/cached-page.ts';

export const generateStaticParams = localeParams;

export const generateMetadata = async ({ params }: LayoutProps<'/cached/[locale]'>) => siteMetadata((await params).locale);

export default async function CachedLayout({ children, params }: LayoutProps<'/cached/[locale]'>) {
  const locale = pathLocale((await params).locale);
  return (
    <SiteFrame locale={locale} account={<SignedOutLinks locale={locale} />}>
      {children}
    </SiteFrame>
  );
}
