import 'server-only';
import { likesChanged } from '../live/thread-events.ts';
import { Prisma } from '../generated/prisma/client.ts';
import type { Db } from '../db/client.ts';
import { visibleArticleSql } from '../articles/visibility.ts';
import { assertCommentId, DomainError, notFoundError } from '../errors.ts';
import { assertCan, isStaff, type Actor } from '../policy.ts';
import { hit } from '../rate-limit.ts';
import { likeCountChanged } from '../cache/invalidate.ts';

/**
 * Likes or unlikes a comment; idempotent both ways. The like row and the counter change in
 * one statement (no transaction held open across round trips); an insert that hits the
 * primary key changes nothing, so concurrent requests never drift the count
 * (likeCount = imported base + like rows).
 */
export async function setLike(
  prisma: Db,
  actor: Actor | null,
  commentId: number,
  liked: boolean,
): Promise<{ liked: boolean; likeCount: number }> {
  if (!actor) throw new DomainError(401, 'unauthenticated');
  assertCommentId(commentId);
  // What the member may do anywhere; the thread's lock is judged in the statement, below.
  assertCan(actor, 'like:set');
  await hit(prisma, 'likes', actor.id);
  const staff = isStaff(actor);
  const change = liked
    ? Prisma.sql`INSERT INTO likes (user_id, comment_id) SELECT ${actor.id}, id FROM allowed ON CONFLICT DO NOTHING RETURNING comment_id`
    : Prisma.sql`DELETE FROM likes WHERE user_id = ${actor.id} AND comment_id IN (SELECT id FROM allowed) RETURNING comment_id`;
  const rows = await prisma.$queryRaw<{ status: string; locked: boolean; article_id: number; like_count: number; changed: boolean }[]>`
    WITH target AS (
      SELECT c.id, c.status::text AS status, c.article_id, c.like_count, a.locked
      FROM comments c JOIN articles a ON a.id = c.article_id WHERE c.id = ${commentId} AND ${visibleArticleSql()}
    ),
    allowed AS (SELECT id FROM target WHERE status = 'visible' AND (NOT locked OR ${staff})),
    changed AS (${change}),
    counted AS (
      UPDATE comments SET like_count = like_count + ${liked ? 1 : -1} WHERE id IN (SELECT comment_id FROM changed) RETURNING like_count
    )
    SELECT t.status, t.locked, t.article_id,
           COALESCE((SELECT like_count FROM counted), t.like_count) AS like_count,
           EXISTS (SELECT 1 FROM counted) AS changed
    FROM target t`;
  const row = rows[0];
  if (!row || row.status !== 'visible') throw notFoundError('comment_not_found');
  // Refused by the lock in the statement: say so the way the policy does.
  assertCan(actor, 'like:set', { articleLocked: row.locked });
  if (row.changed) {
    likeCountChanged(row.article_id);
    likesChanged(prisma, row.article_id, commentId);
  }
  return { liked, likeCount: row.like_count };
}
