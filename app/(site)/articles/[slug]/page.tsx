import type { Metadata } from 'next';
import { connection } from 'next/server';
import { headers } from 'next/headers';
import { ThreadPage, threadMetadata } from '@/components/views/thread-page.tsx';
import { currentMember } from '@/lib/auth/current-member.ts';
import { memberParts } from '@/components/member-parts.tsx';
import { refusalNotice } from '@/lib/moderation/refusal-notice.ts';
import { parseThreadQuery } from '@/lib/threads/fetch-thread-page.ts';

// A member's thread page, rendered per request (anonymous readers get app/cached/…).
export async function generateMetadata({ params }: PageProps<'/articles/[slug]'>): Promise<Metadata> {
  await connection();
  return threadMetadata((await params).slug);
}

export default async function ArticlePage({ params, searchParams }: PageProps<'/articles/[slug]'>) {
  await connection();
  const { slug } = await params;
  const sp = await searchParams;
  const { sort, cursor } = parseThreadQuery(sp);
  const liveNonce = (await headers()).get('x-nonce');
  return <ThreadPage slug={slug} sort={sort} cursor={cursor} member={await currentMember()} parts={memberParts} notice={await refusalNotice(sp)} liveNonce={liveNonce} />;
}
