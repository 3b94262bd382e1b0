import { HomePage } from '@/components/views/home-page.tsx';
import { cachedPageParams } from '@/lib/cache/cached-page.ts';
import { dependsOn, THREAD_LIST_TAG } from '@/lib/cache/invalidate.ts';

export const revalidate = 60;
export const generateStaticParams = () => [];

export default async function Page({ params }: PageProps<'/cached/[locale]/home/[cursor]'>) {
  const { cursor } = cachedPageParams(await params);
  await dependsOn(THREAD_LIST_TAG);
  return <HomePage cursor={cursor} />;
}
