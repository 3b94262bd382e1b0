import { CommentPage, commentMetadata } from '@/components/views/comment-page.tsx';
import { cachedPageParams, dependsOnArticle } from '@/lib/cache/cached-page.ts';

export const revalidate = 60;
export const generateStaticParams = () => [];
export const generateMetadata = async ({ params }: PageProps<'/cached/[locale]/articles/[slug]/comments/[id]/[cursor]'>) => {
  const p = await params;
  return commentMetadata(p.slug, p.id);
};

export default async function Page({ params }: PageProps<'/cached/[locale]/articles/[slug]/comments/[id]/[cursor]'>) {
  const p = await params;
  const { cursor } = cachedPageParams(p);
  await dependsOnArticle(p.slug);
  return <CommentPage slug={p.slug} id={p.id} cursor={cursor} member={null} />;
}
