import { Prisma } from '../generated/prisma/client.ts';
import type { Db } from '../db/client.ts';
import { autoPremodSettings } from './settings.ts';
import { logAction } from './log.ts';

type Tx = Pick<Db, 'setting' | 'comment' | 'report' | 'article' | 'moderationAction' | '$queryRaw'>;

/**
 * The breaker: after a post or a report, a thread under a real surge holds every new comment
 * for a while by itself. It tells a surge from a lively thread, and one angry member from
 * many, with these numbers:
 *
 * - Posts: only posts from new accounts count (younger than NEW_ACCOUNT_HOURS, or with fewer
 *   than ESTABLISHED_COMMENTS visible comments before this minute), and only when at least
 *   SURGE_MIN_AUTHORS distinct new accounts posted in the last minute: a lively thread of
 *   regulars, or a few accounts posting within their own limits, never trips it.
 * - Reports: distinct reporters in the last minute, each weighed by standing: nothing for an
 *   account younger than NEW_ACCOUNT_HOURS, otherwise 1, plus half for each earlier report
 *   that moderators upheld, minus one for each they dismissed (between 0 and 3). One member
 *   reporting many comments is one reporter.
 * - A moderator's decision on the thread (pre-moderation on or off) stands for the breaker's
 *   own duration: the breaker does not overrule it.
 */
export const NEW_ACCOUNT_HOURS = 24;
export const ESTABLISHED_COMMENTS = 3;
export const SURGE_MIN_AUTHORS = 10;

export async function checkSurge(tx: Tx, articleId: number, kind: 'posts' | 'reports', authorId?: number): Promise<boolean> {
  // Only a new account's post adds to the posts' weight; after anyone else's it is what it was
  // after the post before (or less, the minute having moved on): nothing to count. A lively
  // thread of regulars costs one indexed look at its author per post.
  if (kind === 'posts' && authorId !== undefined && !(await isNewAccount(tx, authorId))) return false;
  // Already switched on by an earlier post of this surge: it runs its course, once logged (and
  // nothing need be counted while it does).
  const current = await tx.article.findUnique({ where: { id: articleId }, select: { premodUntil: true } });
  if (current?.premodUntil && current.premodUntil > new Date()) return false;
  const s = await autoPremodSettings(tx);
  const weight = kind === 'posts' ? await newAuthorsPosts(tx, articleId) : await reporterWeight(tx, articleId);
  const limit = kind === 'posts' ? s.postsPerMinute : s.reportsPerMinute;
  if (weight < limit) return false;
  // Only a surge asks whether a moderator decided on the thread lately (a post need not).
  const [{ decided }] = await tx.$queryRaw<{ decided: boolean }[]>`
    SELECT EXISTS (
      SELECT 1 FROM moderation_actions
      WHERE article_id = ${articleId} AND action IN ('article:premod-on', 'article:premod-off')
        AND created_at > now() - make_interval(mins => ${s.minutes})
    ) AS decided`;
  if (decided) return false;
  const until = new Date(Date.now() + s.minutes * 60_000);
  await tx.article.update({ where: { id: articleId }, data: { premodUntil: until } });
  // Logged like any moderation action, with no moderator: the forum did it by itself.
  await logAction(tx, { moderatorId: null, action: 'article:auto-premod', articleId, details: { kind, weight, limit, until: until.toISOString() } });
  return true;
}

// The earlier comments are counted only up to ESTABLISHED_COMMENTS: a regular's thousands are
// not read for each of their posts.
const NEW_ACCOUNT = Prisma.sql`(u.created_at > now() - make_interval(hours => ${NEW_ACCOUNT_HOURS})
  OR (SELECT count(*) FROM (SELECT 1 FROM comments e WHERE e.author_id = u.id AND e.status = 'visible' AND e.created_at < now() - interval '1 minute' LIMIT ${ESTABLISHED_COMMENTS}) e) < ${ESTABLISHED_COMMENTS})`;

/** A new account, as the breaker counts them (NEW_ACCOUNT). */
async function isNewAccount(tx: Tx, userId: number): Promise<boolean> {
  const [row] = await tx.$queryRaw<{ new: boolean }[]>`SELECT ${NEW_ACCOUNT} AS new FROM users u WHERE u.id = ${userId}`;
  return row?.new ?? false;
}

/** Posts of the last minute by new accounts, or 0 while too few new accounts take part. */
async function newAuthorsPosts(tx: Tx, articleId: number): Promise<number> {
  const [row] = await tx.$queryRaw<{ posts: number; authors: number }[]>`
    SELECT count(*)::int AS posts, count(DISTINCT c.author_id)::int AS authors
    FROM comments c JOIN users u ON u.id = c.author_id
    WHERE c.article_id = ${articleId} AND c.created_at > now() - interval '1 minute' AND ${NEW_ACCOUNT}`;
  return row.authors >= SURGE_MIN_AUTHORS ? row.posts : 0;
}

/** The weight of the distinct members who reported in this thread in the last minute. */
async function reporterWeight(tx: Tx, articleId: number): Promise<number> {
  const [row] = await tx.$queryRaw<{ weight: number }[]>`
    SELECT COALESCE(sum(w), 0)::float AS weight FROM (
      SELECT CASE WHEN u.created_at > now() - make_interval(hours => ${NEW_ACCOUNT_HOURS}) THEN 0
             ELSE LEAST(3, GREATEST(0, 1
               + 0.5 * (SELECT count(*) FROM reports p WHERE p.reporter_id = u.id AND p.resolution IN ('remove', 'hide'))
               - 1.0 * (SELECT count(*) FROM reports p WHERE p.reporter_id = u.id AND p.resolution IN ('approve', 'dismiss'))))
             END AS w
      FROM users u
      WHERE u.id IN (
        SELECT r.reporter_id FROM reports r JOIN comments c ON c.id = r.comment_id
        WHERE c.article_id = ${articleId} AND r.created_at > now() - interval '1 minute'
      )
    ) reporters`;
  return row.weight;
}
