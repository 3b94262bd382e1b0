import { CachedThreadPage, cachedThreadMetadata } from '@/components/views/thread-page.tsx';

// An embedded thread as every anonymous reader sees it (see app/framed/[locale]/layout.tsx).
export const revalidate = 60;
export const generateStaticParams = () => [];
export const generateMetadata = cachedThreadMetadata;

export default function Page({ params }: PageProps<'/framed/[locale]/[site]/[slug]/[sort]/[cursor]'>) {
  return <CachedThreadPage params={params} />;
}
