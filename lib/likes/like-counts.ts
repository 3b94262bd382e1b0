// Like counts without a hot row. A like inserts its row and a delta (like_deltas); it never
// updates its comment's row, which every liker of a popular comment would otherwise wait on in
// turn (and, like_count being indexed for the "top" sort, rewrite nine index entries each
// time). A quarter of a second after the first like, this process sums the deltas into
// comments.like_count: readers' pages and live streams get exact counts within a second; the
// liker gets theirs at once (the like's answer, and their part of the thread in
// lib/threads/personal.ts, add the deltas not yet folded in), and keeps it while the page they
// reload may still be the one rendered before the fold: their part of the thread carries the
// exact count of every comment whose like they changed in the last few minutes.
import { Prisma } from '../generated/prisma/client.ts';
import type { Db } from '../db/client.ts';
import { likeCountChanged } from '../cache/invalidate.ts';
import { threadChanged } from '../live/thread-events.ts';
import { logger } from '../log.ts';

export const FOLD_AFTER_MS = 250;

/** Folds run one at a time across every process: two would take their comments' rows in different orders. */
const FOLD_LOCK = 0x59494c55; // 'YILU'

/** The likes of comment `id` (an SQL expression) not yet folded into its like_count: the count is exact with them. */
export const pendingLikes = (id: Prisma.Sql) => Prisma.sql`COALESCE((SELECT sum(d.delta) FROM like_deltas d WHERE d.comment_id = ${id} AND NOT d.folded), 0)`;

/** How long a folded delta is kept: it names a comment whose count its member changed (lib/threads/personal.ts). */
export const KEEP_FOLDED = '5 minutes';
/** Folded deltas older than KEEP_FOLDED are deleted at most this often by a process. */
const SWEEP_EVERY_MS = 30_000;
let lastSweep = 0;

/**
 * Sums every pending delta into its comment's count and marks it folded, in one transaction;
 * then the pages and live streams of the articles whose counts changed are told. Returns how
 * many comments changed.
 */
export async function foldLikeCounts(prisma: Db): Promise<number> {
  const sweep = Date.now() - lastSweep > SWEEP_EVERY_MS;
  if (sweep) lastSweep = Date.now();
  const rows = await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${FOLD_LOCK})`;
    if (sweep) await tx.$executeRaw`DELETE FROM like_deltas WHERE folded AND created_at < now() - ${KEEP_FOLDED}::interval`;
    return tx.$queryRaw<{ id: number; article_id: number; like_count: number }[]>`
      WITH d AS (UPDATE like_deltas SET folded = true WHERE NOT folded RETURNING comment_id, delta),
      s AS (SELECT comment_id, sum(delta)::int AS delta FROM d GROUP BY comment_id)
      UPDATE comments c SET like_count = c.like_count + s.delta
      FROM s WHERE c.id = s.comment_id AND s.delta <> 0
      RETURNING c.id, c.article_id, c.like_count`;
  });
  const byArticle = new Map<number, { id: number; like_count: number }[]>();
  for (const r of rows) byArticle.set(r.article_id, [...(byArticle.get(r.article_id) ?? []), r]);
  for (const [articleId, changed] of byArticle) {
    likeCountChanged(articleId);
    threadChanged(prisma, articleId, changed.map((c) => ({ kind: 'likes', commentId: c.id, data: { likeCount: c.like_count } })));
  }
  return rows.length;
}

let scheduled: NodeJS.Timeout | null = null;
let failures = 0;

/** A like was counted as a delta: the deltas are folded in within FOLD_AFTER_MS (one fold for a burst). */
export function likeCounted(prisma: Db): void {
  if (scheduled) return;
  // After failures (the database away), further tries wait longer, up to half a minute.
  scheduled = setTimeout(() => {
    scheduled = null;
    foldLikeCounts(prisma).then(
      () => (failures = 0),
      (err: unknown) => {
        if (failures++ === 0) logger.warn({ err: String(err) }, 'likes: could not fold like counts; trying again');
        likeCounted(prisma);
      },
    );
  }, Math.min(30_000, FOLD_AFTER_MS * 2 ** failures));
  scheduled.unref();
}
