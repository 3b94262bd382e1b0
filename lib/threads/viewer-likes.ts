import type { PrismaClient } from '../generated/prisma/client.ts';
import type { CommentView } from './comment-rows.ts';

/** Which of the shown comments (replies included) this member likes: one query. */
export async function viewerLikes(prisma: PrismaClient, userId: number | null, comments: CommentView[]): Promise<Set<number>> {
  if (!userId) return new Set();
  const ids: number[] = [];
  const walk = (cs: CommentView[]) => cs.forEach((c) => (ids.push(c.id), walk(c.replies)));
  walk(comments);
  if (!ids.length) return new Set();
  const rows = await prisma.like.findMany({ where: { userId, commentId: { in: ids } }, select: { commentId: true } });
  return new Set(rows.map((r) => r.commentId));
}
