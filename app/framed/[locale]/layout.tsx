// Embedded threads as every anonymous reader sees them under a publisher's page (issue 22):
// rendered once per (language, site, article, sort, cursor) and served from the page cache like
// app/cached, which they share (tags, invalidation, the handler that strips Next's scripts and
// adds /live.js and /embed-frame.js). Requests reach them through the front door
// (lib/cache/public-pages.js, EMBED_THREAD_PATH), never by their own address.
import { EmbedFrame, embedMetadata } from '@/components/embed-frame.tsx';
import { localeParams, pathLocale } from '@/lib/cache/cached-page.ts';

export const generateStaticParams = localeParams;
export const generateMetadata = async ({ params }: LayoutProps<'/framed/[locale]'>) => embedMetadata((await params).locale);

export default async function FramedLayout({ children, params }: LayoutProps<'/framed/[locale]'>) {
  const locale = pathLocale((await params).locale);
  return <EmbedFrame locale={locale}>{children}</EmbedFrame>;
}
