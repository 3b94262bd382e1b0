import type { Db } from '../db/client.ts';
import type { CommentStatus } from '../generated/prisma/enums.ts';

type Tx = Pick<Db, 'comment' | 'article'>;

/** Counters count visible comments only; a status change moves them in the same transaction. */
const counts = (s: CommentStatus) => (s === 'visible' ? 1 : 0);

export async function changeCommentStatus(
  tx: Tx,
  comment: { id: number; articleId: number; parentId: number | null; rootId: number | null; status: CommentStatus },
  to: CommentStatus,
  reason: string | null,
  moderated = true,
) {
  await tx.comment.update({
    where: { id: comment.id },
    data: { status: to, statusReason: reason, ...(moderated ? { moderatedAt: new Date() } : {}) },
  });
  const delta = counts(to) - counts(comment.status);
  if (!delta) return;
  await tx.article.update({ where: { id: comment.articleId }, data: { commentCount: { increment: delta } } });
  if (comment.parentId) await tx.comment.update({ where: { id: comment.parentId }, data: { replyCount: { increment: delta } } });
  if (comment.rootId) await tx.comment.update({ where: { id: comment.rootId }, data: { threadReplyCount: { increment: delta } } });
}
