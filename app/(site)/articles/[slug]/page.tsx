import type { Metadata } from 'next';
import { connection } from 'next/server';
import { cookies } from 'next/headers';
import { ThreadPage, threadMetadata } from '@/components/views/thread-page.tsx';
import { currentMember } from '@/lib/auth/current-member.ts';
import { memberParts } from '@/components/member-parts.tsx';
import { refusalNotice } from '@/lib/moderation/refusal-notice.ts';
import { POSTED_COOKIE } from '@/lib/posted-cookie.ts';
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
  // The comment its author just posted (lib/posted-cookie.ts): rendered marked.
  const posted = Number((await cookies()).get(POSTED_COOKIE)?.value) || null;
  // Asked for without JavaScript from the members' shared page: its forms come back here.
  const own = sp.own !== undefined;
  return <ThreadPage slug={slug} sort={sort} cursor={cursor} member={await currentMember()} parts={memberParts} notice={await refusalNotice(sp)} postedId={posted} own={own} />;
}
