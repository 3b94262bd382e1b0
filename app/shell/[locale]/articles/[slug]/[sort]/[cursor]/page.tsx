import { CachedThreadPage, cachedThreadMetadata } from '@/components/views/thread-page.tsx';
import { memberParts } from '@/components/member-parts.tsx';

// A thread page as every member who has taken no part in it sees it (see the layout).
export const revalidate = 60;
export const generateStaticParams = () => [];
export const generateMetadata = cachedThreadMetadata;

export default function Page({ params }: PageProps<'/shell/[locale]/articles/[slug]/[sort]/[cursor]'>) {
  return <CachedThreadPage params={params} parts={memberParts} />;
}
