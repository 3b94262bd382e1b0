import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ThreadPage, threadMetadata } from '@/components/views/thread-page.tsx';
import { memberParts } from '@/components/member-parts.tsx';
import { cachedPageParams, dependsOnArticle } from '@/lib/cache/cached-page.ts';
import { SORTS, type Sort } from '@/lib/threads/list-comments.ts';

export const revalidate = 60;
export const generateStaticParams = () => [];

type Props = PageProps<'/shell/[locale]/articles/[slug]/[sort]/[cursor]'>;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return threadMetadata((await params).slug);
}

/** A thread page as every member who has taken no part in it sees it (see the layout). */
export default async function Page({ params }: Props) {
  const p = await params;
  const { cursor } = cachedPageParams(p);
  if (!(SORTS as readonly string[]).includes(p.sort)) notFound();
  await dependsOnArticle(p.slug);
  return <ThreadPage slug={p.slug} sort={p.sort as Sort} cursor={cursor} member={null} parts={memberParts} shell />;
}
