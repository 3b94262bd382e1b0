import { CachedThreadPage, cachedThreadMetadata } from '@/components/views/thread-page.tsx';

// A thread page as every anonymous reader sees it (see app/cached/[locale]/layout.tsx).
export const revalidate = 60;
export const generateStaticParams = () => [];
export const generateMetadata = cachedThreadMetadata;

export default function Page({ params }: PageProps<'/cached/[locale]/articles/[slug]/[sort]/[cursor]'>) {
  return <CachedThreadPage params={params} />;
}
