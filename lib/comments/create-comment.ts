import 'server-only';
import { queueChanged, threadChanged } from '../live/thread-events.ts';
import { premodActive } from '../moderation/premod.ts';
import { Prisma } from '../generated/prisma/client.ts';
import type { Db } from '../db/client.ts';
import { DomainError, invalid, notFoundError } from '../errors.ts';
import { assertCan, isStaff, type Actor } from '../policy.ts';
import { addressRequired, lacksRequiredAddress } from '../users/address-policy.ts';
import { limitCount, rateLimitsOn, sweepExpiredBuckets } from '../rate-limit.ts';
import { fieldCodes } from '../zod-fields.ts';
import { idempotencyKeySchema, newCommentSchema } from './schemas.ts';
import { checkSurge } from '../moderation/auto-premod.ts';
import { bannedAsWritten, findWord, loadWordLists } from '../moderation/words.ts';
import { articleChanged } from '../cache/invalidate.ts';
import { visibleArticle } from '../articles/visibility.ts';
import { resolveMentions, type Mentioned } from './mentions.ts';

export interface CreatedComment {
  id: number;
  articleId: number;
  parentId: number | null;
  rootId: number | null;
  status: string;
  /** False when an idempotency key matched an earlier comment. */
  created: boolean;
}

type Inserted = Omit<CreatedComment, 'created'>;

/**
 * Posts a comment or a reply: validates, checks the policy, the word lists and the limits,
 * then writes the comment, its counters and the reply notification in one statement, so
 * that no lock is held across round trips and posts to one thread do not queue. With an
 * idempotency key, a repeat returns the first comment and creates nothing.
 */
export async function createComment(
  prisma: Db,
  actor: Actor | null,
  input: { slug: string; body: unknown; parentId?: unknown; idempotencyKey?: string | null },
): Promise<CreatedComment> {
  if (!actor) throw new DomainError(401, 'unauthenticated');
  const parsed = newCommentSchema.safeParse({ body: input.body, parentId: input.parentId });
  if (!parsed.success) throw invalid(fieldCodes(parsed.error));
  let key: string | null = null;
  if (input.idempotencyKey != null) {
    const k = idempotencyKeySchema.safeParse(input.idempotencyKey);
    if (!k.success) throw new DomainError(400, 'bad_idempotency_key');
    key = k.data;
  }
  const { body, parentId } = parsed.data;

  const existing = async () =>
    key
      ? prisma.comment.findUnique({
          where: { authorId_idempotencyKey: { authorId: actor.id, idempotencyKey: key } },
          select: { id: true, articleId: true, parentId: true, rootId: true, status: true },
        })
      : null;

  // Everything the decision needs, read at once. Word lists are read on every post, so an
  // admin's change applies at once on every instance.
  const [earlier, article, parent, words, lacksAddress] = await Promise.all([
    existing(),
    prisma.article.findUnique({ where: { slug: input.slug, ...visibleArticle() }, select: { id: true, locked: true, premod: true, premodUntil: true } }),
    parentId === undefined
      ? null
      : prisma.comment.findUnique({ where: { id: parentId }, select: { id: true, articleId: true, rootId: true, depth: true, authorId: true, status: true } }),
    loadWordLists(prisma),
    // A community that asks for a verified address before anyone posts (lib/users/address-policy.ts).
    lacksRequiredAddress(prisma, actor),
  ]);
  // A repeat is answered only after the same checks as a first post (the thread still
  // visible, the member still allowed), and only for the same thread.
  if (!article) throw notFoundError('article_not_found');
  assertCan(actor, 'comment:create', { articleLocked: article.locked });
  if (earlier) return repeat(earlier, article.id);
  if (lacksAddress) throw addressRequired();
  // A parent from another article, or one readers cannot see, is not found here.
  if (parentId !== undefined && (!parent || parent.articleId !== article.id || parent.status !== 'visible')) throw notFoundError('parent_not_found');
  const banned = bannedAsWritten(body, words.banned);
  if (banned) throw new DomainError(422, 'invalid', { body: 'body_banned_word' }, { word: banned });
  const mentions = await resolveMentions(prisma, body);

  const now = new Date();
  // Staff comments are never held; everyone else's are when the thread or a word says so.
  // Why it is held, for the moderators' queue: the thread's pre-moderation, or the word.
  const premodNow = premodActive(article, now);
  const suspect = findWord(body, words.suspect);
  const heldFor = isStaff(actor) ? null : premodNow ? 'premod' : suspect !== null ? `word:${suspect}` : null;
  const held = heldFor !== null;
  const limits = rateLimitsOn() ? [limitCount('commentBurst', actor.id), limitCount('commentHourly', actor.id)] : [];
  const row = await insertComment(prisma, {
    articleId: article.id,
    authorId: actor.id,
    parent: parent ? { id: parent.id, rootId: parent.rootId ?? parent.id, depth: parent.depth, authorId: parent.authorId } : null,
    body,
    mentions,
    status: held ? 'held' : 'visible',
    heldFor,
    key,
    now,
    limits,
  });
  if (limits.length) await sweepExpiredBuckets(prisma);

  if (!row.comment) {
    // Nothing was written: a limit was full, the same key won a race, or the parent went.
    const over = limits.find((l, i) => row.counts[i] > l.limit);
    const winner = key ? await existing() : null;
    if (winner) return repeat(winner, article.id);
    if (over) throw over.refusal();
    throw notFoundError('parent_not_found');
  }
  const surged = await checkSurge(prisma, article.id, 'posts', actor.id);
  if (!held || surged) articleChanged(article.id);
  // Live readers of the thread hear of a visible comment (never of a held one).
  if (held) queueChanged();
  // The author's username lets their own page leave it out of the news (components/live-thread.tsx).
  const author = 'username' in actor && typeof actor.username === 'string' ? actor.username : undefined;
  if (!held) threadChanged(prisma, article.id, [{ kind: 'comment', commentId: row.comment.id, data: { parentId: row.comment.parentId, author } }]);
  return { ...row.comment, created: true };
}

/** The comment an idempotency key was first used for: the same thread's, or a conflict. */
function repeat(earlier: Inserted, articleId: number): CreatedComment {
  if (earlier.articleId !== articleId) throw new DomainError(409, 'idempotency_key_reused');
  return { ...earlier, created: false };
}

/**
 * One statement: the rate-limit windows are counted, and only when every count is within its
 * limit (and the parent is still visible) is the comment inserted, with the article's count,
 * the parent's and root's reply counts and the parent's author's notification. Counters
 * count visible comments only, so a held comment moves none of them.
 */
async function insertComment(
  prisma: Db,
  c: {
    articleId: number;
    authorId: number;
    parent: { id: number; rootId: number; depth: number; authorId: number } | null;
    body: string;
    mentions: Mentioned[];
    status: 'visible' | 'held';
    heldFor: string | null;
    key: string | null;
    now: Date;
    limits: ReturnType<typeof limitCount>[];
  },
): Promise<{ comment: Inserted | null; counts: number[] }> {
  const p = c.parent;
  const visible = c.status === 'visible';
  const buckets = c.limits.map((l, i) => Prisma.sql`${Prisma.raw(`limit_${i}`)} AS (${l.upsert}),`);
  const withinLimits = c.limits.length
    ? Prisma.join(c.limits.map((l, i) => Prisma.sql`(SELECT count FROM ${Prisma.raw(`limit_${i}`)}) <= ${l.limit}`), ' AND ')
    : Prisma.sql`TRUE`;
  const counts = c.limits.length
    ? Prisma.join(c.limits.map((_, i) => Prisma.sql`(SELECT count FROM ${Prisma.raw(`limit_${i}`)})`), ', ')
    : Prisma.sql`NULL`;
  const rows = await prisma.$queryRaw<{ id: number | null; article_id: number; parent_id: number | null; root_id: number | null; status: string; counts: number[] | null }[]>`
    WITH ${buckets.length ? Prisma.join(buckets, ' ') : Prisma.empty}
    new_comment AS (
      INSERT INTO comments (article_id, author_id, parent_id, root_id, depth, body, mentions, status, status_reason, idempotency_key, created_at)
      SELECT ${c.articleId}, ${c.authorId}, ${p?.id ?? null}::int, ${p?.rootId ?? null}::int, ${p ? p.depth + 1 : 0},
             ${c.body}, ${c.mentions.map((m) => m.username)}::text[], ${c.status}::"CommentStatus", ${c.heldFor}, ${c.key}, ${c.now}
      WHERE ${withinLimits}
        -- The parent is share-locked: a decision or an edit on it waits for this reply (and sees
        -- it), and a reply that waited for one sees the parent as it was left.
        ${p ? Prisma.sql`AND EXISTS (SELECT 1 FROM comments WHERE id = ${p.id} AND status = 'visible' FOR SHARE)` : Prisma.empty}
      ON CONFLICT (author_id, idempotency_key) DO NOTHING
      RETURNING id, article_id, parent_id, root_id, status::text
    ),
    article_counts AS (
      UPDATE articles SET comment_count = comment_count + 1, last_activity_at = ${c.now}
      WHERE id = ${c.articleId} AND ${visible} AND EXISTS (SELECT 1 FROM new_comment)
    ),
    reply_counts AS (
      UPDATE comments
      SET reply_count = reply_count + (CASE WHEN id = ${p?.id ?? null}::int THEN 1 ELSE 0 END),
          thread_reply_count = thread_reply_count + (CASE WHEN id = ${p?.rootId ?? null}::int THEN 1 ELSE 0 END)
      WHERE id IN (${p?.id ?? null}::int, ${p?.rootId ?? null}::int) AND ${visible} AND EXISTS (SELECT 1 FROM new_comment)
    ),
    notified AS (
      INSERT INTO notifications (user_id, type, comment_id, actor_id)
      SELECT ${p?.authorId ?? null}::int, 'reply', id, ${c.authorId} FROM new_comment
      WHERE ${visible && p !== null && p.authorId !== c.authorId}
    ),
    mentioned AS (
      -- The members it names, but not its author, nor the parent's author (told of the reply).
      INSERT INTO notifications (user_id, type, comment_id, actor_id)
      SELECT m, 'mention', nc.id, ${c.authorId} FROM new_comment nc, unnest(${c.mentions.map((m) => m.id)}::int[]) m
      WHERE ${visible} AND m <> ${c.authorId} AND m IS DISTINCT FROM ${p?.authorId ?? null}::int
    )
    SELECT nc.id, nc.article_id, nc.parent_id, nc.root_id, nc.status, ARRAY[${counts}]::int[] AS counts
    FROM (SELECT 1) one LEFT JOIN new_comment nc ON TRUE`;
  const r = rows[0];
  return {
    comment: r.id === null ? null : { id: r.id, articleId: r.article_id, parentId: r.parent_id, rootId: r.root_id, status: r.status },
    counts: r.counts?.filter((n) => n !== null) ?? [],
  };
}
