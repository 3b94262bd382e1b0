import { CommentPage } from '@/components/views/comment-page.tsx';
import { cachedPageParams } from '@/lib/cache/cached-page.ts';
import { articleTag, dependsOn, THREAD_LIST_TAG } from '@/lib/cache/invalidate.ts';
import { db } from '@/lib/db/client.ts';
import { getArticle } from '@/lib/threads/get-article.ts';

export const revalidate = 60;
export const generateStaticParams = () => [];

export default async function Page({ params }: PageProps<'/cached/[locale]/articles/[slug]/comments/[id]/[cursor]'>) {
  const p = await params;
  const { cursor } = cachedPageParams(p);
  const article = await getArticle(db(), p.slug);
  await dependsOn(article ? articleTag(article.id) : THREAD_LIST_TAG);
  return <CommentPage slug={p.slug} id={p.id} cursor={cursor} member={null} />;
}
