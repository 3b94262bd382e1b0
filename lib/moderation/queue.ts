import 'server-only';
import { z } from 'zod';
import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import { assertCan, type Actor } from '../policy.ts';
import { COLUMNS, toView, type CommentView, type Row } from '../threads/comment-rows.ts';
import { decodeCursor, encodeCursor, zCount, zId, zInstant } from '../threads/cursor.ts';
import { toApiReason } from './report-reasons.ts';
import { matchWord } from './words.ts';
import { usernameKey } from '../users/username.ts';

export const QUEUE_TABS = ['reported', 'held', 'hidden', 'removed', 'member'] as const;
export type QueueTab = (typeof QUEUE_TABS)[number];
const PAGE = 25;

export interface QueueItem {
  comment: CommentView;
  article: { slug: string; title: string };
  parent: { id: number; displayName: string; body: string } | null;
  author: {
    username: string;
    displayName: string;
    joinedAt: Date;
    removedCount: number;
    /** An imported commenter (its join date is the import's, not the member's). */
    imported: boolean;
    status: 'active' | 'suspended' | 'banned';
    suspendedUntil: Date | null;
  };
  /** Each report with its reporter and the reporter's record: reports upheld and dismissed. */
  reports: { reason: string; note: string | null; createdAt: Date; reporter: { username: string; displayName: string; upheld: number; dismissed: number } }[];
  openReports: number;
  /** A comment held for a suspect word: the word's place in the text, as written ("狗 屁"). */
  heldMatch: string | null;
  /** The last decision that changed its status (hidden and removed tabs): who, what, why, when. */
  decision: { moderator: string; action: string; reason: string | null; at: Date } | null;
  /** The text before each of its author's edits, oldest first. */
  earlierVersions: { body: string; at: Date }[];
}

const reportedCursor = z.object({ n: zCount, i: zId }).strict();
const timeCursor = z.object({ t: zInstant, i: zId }).strict();

/**
 * A page of the queue. reported: most open reports first; held: oldest first (the longest
 * waiting); removed: most recently removed first. A fixed number of queries a page.
 */
export async function listQueue(prisma: PrismaClient, actor: Actor | null, tab: QueueTab, cursor?: string | null, opts: { username?: string; article?: string } = {}) {
  assertCan(actor, 'mod:queue');
  // One thread's queue (`?article=SLUG`, linked from /mod/threads).
  const inThread = await threadFilter(prisma, opts.article);
  if (inThread === null) return { items: [] as QueueItem[], nextCursor: null, memberFound: true };
  let ids: { id: number; key: string }[];
  if (tab === 'member') {
    // Everything one member wrote, in any state, newest first.
    const after = cursor ? decodeCursor(cursor, timeCursor) : null;
    const user = opts.username ? await prisma.user.findUnique({ where: { usernameKey: usernameKey(opts.username.trim().replace(/^@/, '')) }, select: { id: true } }) : null;
    if (!user) return { items: [] as QueueItem[], nextCursor: null, memberFound: false };
    const rows = await prisma.$queryRaw<{ id: number; t: Date }[]>`
      SELECT id, created_at AS t FROM comments WHERE author_id = ${user.id} AND status <> 'deleted'
      ${after ? Prisma.sql`AND (created_at, id) < (${after.t}, ${after.i})` : Prisma.empty}
      ORDER BY created_at DESC, id DESC LIMIT ${PAGE + 1}`;
    ids = rows.map((r) => ({ id: r.id, key: encodeCursor({ t: r.t.toISOString(), i: r.id }) }));
  } else if (tab === 'reported') {
    const after = cursor ? decodeCursor(cursor, reportedCursor) : null;
    const rows = await prisma.$queryRaw<{ comment_id: number; n: number }[]>`
      SELECT r.comment_id, count(*)::int AS n FROM reports r JOIN comments c ON c.id = r.comment_id
      -- A removed or hidden comment has been decided on: it leaves this tab.
      WHERE r.resolved_at IS NULL AND c.status IN ('visible', 'held') AND ${inThread('c')}
      GROUP BY r.comment_id
      HAVING ${after ? Prisma.sql`(count(*) < ${after.n} OR (count(*) = ${after.n} AND r.comment_id > ${after.i}))` : Prisma.sql`true`}
      ORDER BY n DESC, r.comment_id ASC LIMIT ${PAGE + 1}`;
    ids = rows.map((r) => ({ id: r.comment_id, key: encodeCursor({ n: r.n, i: r.comment_id }) }));
  } else {
    const after = cursor ? decodeCursor(cursor, timeCursor) : null;
    const rows =
      tab === 'held'
        ? await prisma.$queryRaw<{ id: number; t: Date }[]>`
            SELECT id, created_at AS t FROM comments c WHERE status = 'held' AND ${inThread('c')}
            ${after ? Prisma.sql`AND (created_at, id) > (${after.t}, ${after.i})` : Prisma.empty}
            ORDER BY created_at, id LIMIT ${PAGE + 1}`
        : await prisma.$queryRaw<{ id: number; t: Date }[]>`
            SELECT id, moderated_at AS t FROM comments c WHERE status = ${tab}::"CommentStatus" AND moderated_at IS NOT NULL AND ${inThread('c')}
            ${after ? Prisma.sql`AND (moderated_at, id) < (${after.t}, ${after.i})` : Prisma.empty}
            ORDER BY moderated_at DESC, id DESC LIMIT ${PAGE + 1}`;
    ids = rows.map((r) => ({ id: r.id, key: encodeCursor({ t: r.t.toISOString(), i: r.id }) }));
  }
  const page = ids.slice(0, PAGE);
  const nextCursor = ids.length > PAGE ? page[page.length - 1].key : null;
  if (!page.length) return { items: [] as QueueItem[], nextCursor, memberFound: true };

  const commentIds = page.map((p) => p.id);
  const [comments, details, reports] = await Promise.all([
    prisma.$queryRaw<Row[]>`SELECT ${COLUMNS} FROM comments c JOIN users u ON u.id = c.author_id WHERE c.id = ANY(${commentIds}::int[])`,
    prisma.comment.findMany({
      where: { id: { in: commentIds } },
      select: {
        id: true,
        article: { select: { slug: true, title: true } },
        parent: { select: { id: true, body: true, author: { select: { displayName: true } } } },
        author: { select: { username: true, displayName: true, createdAt: true, id: true, importedFrom: true, status: true, suspendedUntil: true } },
      },
    }),
    prisma.report.findMany({
      where: { commentId: { in: commentIds } },
      select: { commentId: true, reason: true, note: true, createdAt: true, resolvedAt: true, reporter: { select: { id: true, username: true, displayName: true } } },
      orderBy: { createdAt: 'desc' },
    }),
  ]);
  // Reporters' records, so that staff can tell good faith from bad.
  const reporterIds = [...new Set(reports.map((r) => r.reporter.id))];
  const records = reporterIds.length
    ? await prisma.$queryRaw<{ reporter_id: number; upheld: number; dismissed: number }[]>`
        SELECT reporter_id,
               count(*) FILTER (WHERE resolution IN ('remove', 'hide'))::int AS upheld,
               count(*) FILTER (WHERE resolution IN ('approve', 'dismiss'))::int AS dismissed
        FROM reports WHERE reporter_id = ANY(${reporterIds}::int[]) GROUP BY reporter_id`
    : [];
  const recordOf = new Map(records.map((r) => [r.reporter_id, r]));
  const decisions = await prisma.$queryRaw<{ comment_id: number; username: string; action: string; reason: string | null; created_at: Date }[]>`
    SELECT DISTINCT ON (a.comment_id) a.comment_id, u.username, a.action, a.reason, a.created_at
    FROM moderation_actions a JOIN users u ON u.id = a.moderator_id
    WHERE a.comment_id = ANY(${commentIds}::int[]) AND a.action IN ('comment:hide', 'comment:remove', 'member:ban')
    ORDER BY a.comment_id, a.created_at DESC`;
  const decisionOf = new Map(decisions.map((d) => [d.comment_id, d]));
  const edits = await prisma.$queryRaw<{ comment_id: number; before: string; created_at: Date }[]>`
    SELECT comment_id, details->>'before' AS before, created_at FROM moderation_actions
    WHERE comment_id = ANY(${commentIds}::int[]) AND action = 'comment:edit' ORDER BY id`;
  const authorIds = [...new Set(details.map((d) => d.author.id))];
  const removedCounts = await prisma.comment.groupBy({
    by: ['authorId'],
    where: { authorId: { in: authorIds }, status: 'removed' },
    _count: { _all: true },
  });
  const byId = new Map(comments.map((r) => [r.id, toView(r)]));
  const detailById = new Map(details.map((d) => [d.id, d]));
  const removedBy = new Map(removedCounts.map((r) => [r.authorId, r._count._all]));
  const items: QueueItem[] = page.map(({ id }) => {
    const d = detailById.get(id)!;
    const rs = reports.filter((r) => r.commentId === id);
    return {
      comment: byId.get(id)!,
      article: d.article,
      parent: d.parent ? { id: d.parent.id, displayName: d.parent.author.displayName, body: d.parent.body } : null,
      author: {
        username: d.author.username,
        displayName: d.author.displayName,
        joinedAt: d.author.createdAt,
        removedCount: removedBy.get(d.author.id) ?? 0,
        imported: d.author.importedFrom !== null,
        status: d.author.status,
        suspendedUntil: d.author.suspendedUntil,
      },
      reports: rs.map((r) => ({
        reason: toApiReason(r.reason),
        note: r.note,
        createdAt: r.createdAt,
        reporter: {
          username: r.reporter.username,
          displayName: r.reporter.displayName,
          upheld: recordOf.get(r.reporter.id)?.upheld ?? 0,
          dismissed: recordOf.get(r.reporter.id)?.dismissed ?? 0,
        },
      })),
      openReports: rs.filter((r) => !r.resolvedAt).length,
      heldMatch: heldMatch(byId.get(id)!),
      decision: decisionOf.has(id)
        ? { moderator: decisionOf.get(id)!.username, action: decisionOf.get(id)!.action, reason: decisionOf.get(id)!.reason, at: decisionOf.get(id)!.created_at }
        : null,
      earlierVersions: edits.filter((e) => e.comment_id === id).map((e) => ({ body: e.before, at: e.created_at })),
    };
  });
  return { items, nextCursor, memberFound: true };
}

function heldMatch(c: CommentView): string | null {
  if (c.status !== 'held' || !c.statusReason?.startsWith('word:')) return null;
  const m = matchWord(c.body, [c.statusReason.slice('word:'.length)]);
  return m ? c.body.slice(m.start, m.end) : null;
}

/** How many items each tab holds, for the tabs' labels. */
export async function queueCounts(prisma: PrismaClient, article?: string): Promise<Record<Exclude<QueueTab, 'member'>, number>> {
  const inThread = await threadFilter(prisma, article);
  if (inThread === null) return { reported: 0, held: 0, hidden: 0, removed: 0 };
  const [row] = await prisma.$queryRaw<{ reported: number; held: number; hidden: number; removed: number }[]>`
    SELECT
      (SELECT count(DISTINCT r.comment_id) FROM reports r JOIN comments c ON c.id = r.comment_id
        WHERE r.resolved_at IS NULL AND c.status IN ('visible', 'held') AND ${inThread('c')})::int AS reported,
      (SELECT count(*) FROM comments c WHERE status = 'held' AND ${inThread('c')})::int AS held,
      (SELECT count(*) FROM comments c WHERE status = 'hidden' AND moderated_at IS NOT NULL AND ${inThread('c')})::int AS hidden,
      (SELECT count(*) FROM comments c WHERE status = 'removed' AND moderated_at IS NOT NULL AND ${inThread('c')})::int AS removed`;
  return row;
}

/** A condition on comments (by alias) for one thread's queue; null when there is no such thread. */
async function threadFilter(prisma: PrismaClient, slug: string | undefined): Promise<((alias: string) => Prisma.Sql) | null> {
  if (!slug) return () => Prisma.sql`true`;
  const article = await prisma.article.findUnique({ where: { slug }, select: { id: true } });
  if (!article) return null;
  return (alias) => Prisma.sql`${Prisma.raw(alias)}.article_id = ${article.id}`;
}

/** Threads whose automatic pre-moderation is running now. */
export async function surgingThreads(prisma: PrismaClient) {
  return prisma.article.findMany({
    where: { premodUntil: { gt: new Date() } },
    select: { slug: true, title: true, premodUntil: true },
    orderBy: { premodUntil: 'desc' },
    take: 20,
  });
}
