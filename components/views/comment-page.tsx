import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { CommentItem, flattenDeep, peopleOf, threadContext } from '@/components/comment-item.tsx';
import type { Member } from '@/lib/auth/current-member.ts';
import { isStaff } from '@/lib/policy.ts';
import type { MemberParts } from '@/components/member-parts.tsx';
import { personalThread } from '@/lib/threads/personal.ts';
import { db } from '@/lib/db/client.ts';
import { readDb } from '@/lib/db/replica.ts';
import { loadOrFirstPage } from '@/lib/threads/cursor.ts';
import { getArticle } from '@/lib/threads/get-article.ts';
import { getCommentThread } from '@/lib/threads/get-comment-thread.ts';
import { configuredOrigin } from '@/lib/feeds/site-url.ts';
import type { Metadata } from 'next';

/** At most this many characters of a comment in a shared link's preview. */
const EXCERPT = 120;

/**
 * A permalink's title and preview (Open Graph, Twitter): who wrote it, what it says, under
 * which article — so that a shared comment previews as itself in WeChat, Weibo or X. Only a
 * comment every reader may see lends its words; any other gets the article's.
 */
export async function commentMetadata(slug: string, id: string): Promise<Metadata> {
  const commentId = Number(id);
  const prisma = await readDb();
  const article = await getArticle(prisma, slug);
  if (!article) return {};
  const comment =
    Number.isSafeInteger(commentId) && commentId > 0 && commentId <= 2 ** 31 - 1
      ? await prisma.comment.findFirst({ where: { id: commentId, articleId: article.id, status: 'visible', body: { not: '' } }, select: { body: true, author: { select: { displayName: true } } } })
      : null;
  const origin = configuredOrigin();
  const url = origin ? `${origin}/articles/${encodeURIComponent(slug)}/comments/${commentId}` : undefined;
  if (!comment) return { title: article.title, robots: { index: false } };
  const t = await getTranslations('article');
  const flat = comment.body.replace(/\s+/g, ' ').trim();
  const excerpt = flat.length > EXCERPT ? `${flat.slice(0, EXCERPT - 1)}…` : flat;
  const title = t('permalinkTitle', { name: comment.author.displayName, title: article.title });
  return {
    title,
    description: excerpt,
    openGraph: { type: 'article', title, description: excerpt, siteName: article.sourceSite, ...(url ? { url } : {}) },
    twitter: { card: 'summary', title, description: excerpt },
  };
}

/** A comment's permalink: its whole conversation, replies a page at a time. */
export async function CommentPage({
  slug,
  id,
  cursor,
  member,
  parts = null,
  notice = null,
  openForm = null,
  replyReturnTo = null,
}: {
  slug: string;
  id: string;
  cursor: string | null;
  member: Member | null;
  parts?: MemberParts | null;
  /** What became of a staff decision made here, when it was refused. */
  notice?: string | null;
  /** The comment's form the address asks to open: the way to reply or report without JavaScript. */
  openForm?: 'reply' | 'report' | null;
  /** Where the reply form returns (the thread it was opened from, without JavaScript). */
  replyReturnTo?: string | null;
}) {
  const commentId = Number(id);
  if (!Number.isSafeInteger(commentId) || commentId <= 0 || commentId > 2 ** 31 - 1) notFound();
  const prisma = member ? db() : await readDb();
  const article = await getArticle(prisma, slug);
  if (!article) notFound();
  const thread = await loadOrFirstPage(cursor, (c) =>
    getCommentThread(prisma, { articleId: article.id, commentId, cursor: c, viewerId: member?.id, staff: isStaff(member) }),
  );
  if (!thread.root) notFound();
  const t = await getTranslations('article');
  const ctx = threadContext({
    member,
    article,
    personal: member ? await personalThread(prisma, member, slug) : null,
    returnTo: `/articles/${slug}/comments/${commentId}${cursor ? `?cursor=${cursor}` : ''}`,
    parts,
    targetId: commentId,
  });
  ctx.openForm = openForm;
  ctx.replyReturnTo = replyReturnTo;
  ctx.people = parts ? peopleOf([thread.root], member?.id ?? null) : [];
  return (
    <>
      <p className="breadcrumb">
        <a href={`/articles/${slug}`}>← {t('backToArticle')}</a>
      </p>
      <h1 className="small-title">{article.title}</h1>
      {notice ? (
        <p className="notice" role="alert">
          {notice}
        </p>
      ) : null}
      <section aria-label={t('conversation')}>
        {thread.prevCursor ? (
          <nav className="pager around">
            <a href={`/articles/${slug}/comments/${commentId}?cursor=${thread.prevCursor}`} rel="prev">
              {t('earlierInConversation')}
            </a>
          </nav>
        ) : null}
        <ol className="comment-list">
          <CommentItem comment={flattenDeep(thread.root)} ctx={ctx} />
        </ol>
        {thread.nextCursor ? (
          <nav className="pager">
            <a href={`/articles/${slug}/comments/${commentId}?cursor=${thread.nextCursor}`} rel="next">
              {t('moreInConversation')}
            </a>
          </nav>
        ) : null}
      </section>
    </>
  );
}
