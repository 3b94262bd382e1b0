import type { Db } from '../db/client.ts';
import { DomainError, notFoundError } from '../errors.ts';
import { assertCan, type Actor } from '../policy.ts';
import { hit } from '../rate-limit.ts';

/**
 * Likes or unlikes a comment; idempotent both ways. The like row and the counter change in
 * one transaction; an insert that hits the primary key changes nothing, so concurrent
 * requests never drift the count (likeCount = imported base + like rows).
 */
export async function setLike(
  prisma: Db,
  actor: Actor | null,
  commentId: number,
  liked: boolean,
): Promise<{ liked: boolean; likeCount: number }> {
  if (!actor) throw new DomainError(401, 'unauthenticated');
  if (!Number.isSafeInteger(commentId) || commentId <= 0 || commentId > 2 ** 31 - 1) throw notFoundError('comment_not_found');
  return prisma.$transaction(async (tx) => {
    const comment = await tx.comment.findUnique({
      where: { id: commentId },
      select: { status: true, article: { select: { locked: true } } },
    });
    if (!comment || comment.status !== 'visible') throw notFoundError('comment_not_found');
    assertCan(actor, 'like:set', { articleLocked: comment.article.locked });
    await hit(tx, 'likes', actor.id);
    const changed = liked
      ? await tx.$executeRaw`INSERT INTO likes (user_id, comment_id) VALUES (${actor.id}, ${commentId}) ON CONFLICT DO NOTHING`
      : await tx.$executeRaw`DELETE FROM likes WHERE user_id = ${actor.id} AND comment_id = ${commentId}`;
    const rows = changed
      ? await tx.$queryRaw<{ like_count: number }[]>`
          UPDATE comments SET like_count = like_count + ${liked ? 1 : -1} WHERE id = ${commentId} RETURNING like_count`
      : await tx.$queryRaw<{ like_count: number }[]>`SELECT like_count FROM comments WHERE id = ${commentId}`;
    return { liked, likeCount: rows[0].like_count };
  });
}
