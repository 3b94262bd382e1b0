import { CommentPage } from '@/components/views/comment-page.tsx';
import { cachedPageParams, dependsOnArticle } from '@/lib/cache/cached-page.ts';

export const revalidate = 60;
export const generateStaticParams = () => [];

export default async function Page({ params }: PageProps<'/cached/[locale]/articles/[slug]/comments/[id]/[cursor]'>) {
  const p = await params;
  const { cursor } = cachedPageParams(p);
  await dependsOnArticle(p.slug);
  return <CommentPage slug={p.slug} id={p.id} cursor={cursor} member={null} />;
}
