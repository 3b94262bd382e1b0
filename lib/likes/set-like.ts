import 'server-only';
import { Prisma } from '../generated/prisma/client.ts';
import type { Db } from '../db/client.ts';
import { visibleArticleSql } from '../articles/visibility.ts';
import { assertCommentId, DomainError, notFoundError } from '../errors.ts';
import { assertCan, isStaff, type Actor } from '../policy.ts';
import { hit } from '../rate-limit.ts';
import { likeCounted, pendingLikes } from './like-counts.ts';

/**
 * Likes or unlikes a comment; idempotent both ways. One statement: the like row and a delta of
 * its comment's count (folded into the count within a second: lib/likes/like-counts.ts, so
 * that likers of one comment never wait on its row). An insert that hits the primary key
 * changes nothing, so concurrent requests never drift the count (likeCount = imported base +
 * like rows, once folded). The answer's count is exact at once as of the moment its statement
 * began: the comment's count plus the deltas not yet folded in, this one's included (likes that
 * commit while it runs are in the next answer, and in the live stream within a second).
 *
 * The like commits without waiting for its WAL to reach the disk (synchronous_commit off for
 * this statement alone): a crash may lose the last fraction of a second of likes, each with
 * its delta, never a count's exactness. Comments, edits and moderation stay durable.
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
  const delta = liked ? 1 : -1;
  const change = liked
    ? Prisma.sql`INSERT INTO likes (user_id, comment_id) SELECT ${actor.id}, id FROM allowed ON CONFLICT DO NOTHING RETURNING comment_id`
    : Prisma.sql`DELETE FROM likes WHERE user_id = ${actor.id} AND comment_id IN (SELECT id FROM allowed) RETURNING comment_id`;
  const rows = await prisma.$queryRaw<{ status: string; locked: boolean; like_count: number; changed: boolean }[]>`
    WITH target AS (
      SELECT c.id, c.status::text AS status, c.like_count, a.locked
      FROM comments c JOIN articles a ON a.id = c.article_id WHERE c.id = ${commentId} AND ${visibleArticleSql()}
    ),
    allowed AS (SELECT id FROM target WHERE status = 'visible' AND (NOT locked OR ${staff})),
    changed AS (${change}),
    counted AS (
      INSERT INTO like_deltas (comment_id, user_id, delta) SELECT comment_id, ${actor.id}, ${delta}::smallint FROM changed RETURNING comment_id
    )
    SELECT set_config('synchronous_commit', 'off', true) AS relaxed, t.status, t.locked,
           (t.like_count + ${pendingLikes(Prisma.raw('t.id'))}
             + CASE WHEN EXISTS (SELECT 1 FROM counted) THEN ${delta} ELSE 0 END)::int AS like_count,
           EXISTS (SELECT 1 FROM counted) AS changed
    FROM target t`;
  const row = rows[0];
  if (!row || row.status !== 'visible') throw notFoundError('comment_not_found');
  // Refused by the lock in the statement: say so the way the policy does.
  assertCan(actor, 'like:set', { articleLocked: row.locked });
  if (row.changed) likeCounted(prisma);
  return { liked, likeCount: row.like_count };
}
