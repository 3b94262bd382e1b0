import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { CommentItem, flattenDeep, threadContext } from '@/components/comment-item.tsx';
import type { Member } from '@/lib/auth/current-member.ts';
import { isStaff } from '@/lib/policy.ts';
import type { MemberParts } from '@/components/member-parts.tsx';
import { viewerLikes } from '@/lib/threads/viewer-likes.ts';
import { editWindowMinutes } from '@/lib/comments/edit-window.ts';
import { db } from '@/lib/db/client.ts';
import { loadOrFirstPage } from '@/lib/threads/cursor.ts';
import { getArticle } from '@/lib/threads/get-article.ts';
import { getCommentThread } from '@/lib/threads/get-comment-thread.ts';

/** A comment's permalink: its whole conversation, replies a page at a time. */
export async function CommentPage({
  slug,
  id,
  cursor,
  member,
  parts = null,
  notice = null,
  openForm = null,
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
}) {
  const commentId = Number(id);
  if (!Number.isSafeInteger(commentId) || commentId <= 0 || commentId > 2 ** 31 - 1) notFound();
  const prisma = db();
  const article = await getArticle(prisma, slug);
  if (!article) notFound();
  const thread = await loadOrFirstPage(cursor, (c) =>
    getCommentThread(prisma, { articleId: article.id, commentId, cursor: c, viewerId: member?.id, staff: isStaff(member) }),
  );
  if (!thread.root) notFound();
  const t = await getTranslations('article');
  const ctx = threadContext(
    member,
    article,
    await viewerLikes(prisma, member?.id ?? null, [thread.root]),
    `/articles/${slug}/comments/${commentId}${cursor ? `?cursor=${cursor}` : ''}`,
    parts,
    member ? await editWindowMinutes(prisma) : 0,
    commentId,
  );
  ctx.openForm = openForm;
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
