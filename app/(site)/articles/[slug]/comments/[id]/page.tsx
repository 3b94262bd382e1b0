import { connection } from 'next/server';
import type { Metadata } from 'next';
import { CommentPage, commentMetadata } from '@/components/views/comment-page.tsx';
import { currentMember } from '@/lib/auth/current-member.ts';
import { refusalNotice } from '@/lib/moderation/refusal-notice.ts';
import { memberParts } from '@/components/member-parts.tsx';
import { safeReturnPath } from '@/lib/safe-return.ts';

// A comment's permalink for a member, rendered per request (anonymous readers get app/cached/…).
export async function generateMetadata({ params }: PageProps<'/articles/[slug]/comments/[id]'>): Promise<Metadata> {
  await connection();
  const { slug, id } = await params;
  return commentMetadata(slug, id);
}

export default async function Page({ params, searchParams }: PageProps<'/articles/[slug]/comments/[id]'>) {
  await connection();
  const { slug, id } = await params;
  const sp = await searchParams;
  const cursor = typeof sp.cursor === 'string' && sp.cursor ? sp.cursor : null;
  const openForm = sp.reply === '1' ? 'reply' : sp.report === '1' ? 'report' : null;
  // A reply opened from the thread without JavaScript goes back to the thread (only to it).
  const back = safeReturnPath(sp.back, '');
  const replyReturnTo = openForm === 'reply' && (back === `/articles/${slug}` || back.startsWith(`/articles/${slug}?`)) ? back : null;
  return <CommentPage slug={slug} id={id} cursor={cursor} member={await currentMember()} parts={memberParts} notice={await refusalNotice(sp)} openForm={openForm} replyReturnTo={replyReturnTo} />;
}
