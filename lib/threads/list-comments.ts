import 'server-only';
import { z } from 'zod';
import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import { decodeCursor, encodeCursor, zCount, zId, zInstant } from './cursor.ts';
import { COLUMNS, readableBy, toView, type CommentView, type Row } from './comment-rows.ts';

export type { CommentView };

export const SORTS = ['top', 'hot', 'new', 'old'] as const;
export type Sort = (typeof SORTS)[number];
export const COMMENTS_PAGE_SIZE = 50;
export const MAX_COMMENTS_PAGE_SIZE = 100;
/** Replies shown under a top-level comment on a thread page; the rest are "N more replies". */
export const REPLY_CAP = 5;

// Not imported: after every imported comment among equal likes (see sourcePosition).
const NOT_IMPORTED = 2 ** 31 - 1;
/** Hot sort's gravity (Hacker News): points / (age in hours + 2) ^ 1.8. docs/decisions/005-hot-sort.md */
export const HOT_GRAVITY = 1.8;

// A cursor with d: 'b' leads to the page before it (newer threads first for `new`, and so on).
const BACK = z.literal('b').optional();

const cursorSchemas = {
  top: z.object({ s: z.literal('top'), l: zCount, p: z.number().int().min(0).max(NOT_IMPORTED).optional(), t: zInstant, i: zId, d: BACK }).strict(),
  // r: the instant the ranking was computed for (the first page's), so that every page of one
  // reading ranks alike; h: the last comment's score at r.
  hot: z.object({ s: z.literal('hot'), r: zInstant, h: z.number().finite().min(0), i: zId, d: BACK }).strict(),
  new: z.object({ s: z.literal('new'), t: zInstant, i: zId, d: BACK }).strict(),
  old: z.object({ s: z.literal('old'), t: zInstant, i: zId, d: BACK }).strict(),
};

/** Whether a cursor leads back (to the page before it) rather than on. */
function isBack(sort: Sort, cursor: string | null | undefined): boolean {
  return !!cursor && decodeCursor(cursor, cursorSchemas[sort] as z.ZodType<{ d?: 'b' }>).d === 'b';
}

/** A top-level comment's hot score at instant `at`: its likes and replies, decayed by its age. */
export const hotScore = (at: Date) =>
  Prisma.sql`((c.like_count + c.thread_reply_count)::float8 / power(greatest(extract(epoch FROM (${at}::timestamptz - c.created_at))::float8 / 3600, 0) + 2, ${HOT_GRAVITY}::float8))`;

/** The rows after the cursor in the sort's order, or (going back) before it. */
function keyset(sort: Sort, cursor: string | null | undefined, at: Date) {
  if (!cursor) return Prisma.empty;
  if (sort === 'top') {
    const k = decodeCursor(cursor, cursorSchemas.top);
    const rest = Prisma.sql`(c.source_position, c.created_at, c.id)`;
    const key = Prisma.sql`(${k.p ?? NOT_IMPORTED}, ${k.t}, ${k.i})`;
    return k.d === 'b'
      ? Prisma.sql`AND c.like_count >= ${k.l} AND (c.like_count > ${k.l} OR ${rest} < ${key})`
      : Prisma.sql`AND c.like_count <= ${k.l} AND (c.like_count < ${k.l} OR ${rest} > ${key})`;
  }
  if (sort === 'hot') {
    const k = decodeCursor(cursor, cursorSchemas.hot);
    return k.d === 'b' ? Prisma.sql`AND (${hotScore(at)}, c.id) > (${k.h}::float8, ${k.i})` : Prisma.sql`AND (${hotScore(at)}, c.id) < (${k.h}::float8, ${k.i})`;
  }
  const k = sort === 'new' ? decodeCursor(cursor, cursorSchemas.new) : decodeCursor(cursor, cursorSchemas.old);
  const before = (sort === 'new') !== (k.d === 'b');
  return before ? Prisma.sql`AND (c.created_at, c.id) < (${k.t}, ${k.i})` : Prisma.sql`AND (c.created_at, c.id) > (${k.t}, ${k.i})`;
}

/** The sort's order, or (going back) its reverse: the page is then read backwards and turned round. */
const order = (sort: Sort, at: Date, back = false): Prisma.Sql => {
  const [a, d] = back ? ['DESC', 'ASC'] : ['ASC', 'DESC'];
  const A = Prisma.raw(a);
  const D = Prisma.raw(d);
  return {
    // Equal likes: the source page's order for imported comments, then older first.
    top: Prisma.sql`c.like_count ${D}, c.source_position ${A}, c.created_at ${A}, c.id ${A}`,
    new: Prisma.sql`c.created_at ${D}, c.id ${D}`,
    old: Prisma.sql`c.created_at ${A}, c.id ${A}`,
    hot: Prisma.sql`${hotScore(at)} ${D}, c.id ${D}`,
  }[sort];
};

function cursorFor(sort: Sort, c: CommentView & { hot?: number; sourcePosition?: number }, at: Date, back = false): string {
  const t = c.createdAt.toISOString();
  const d = back ? { d: 'b' } : {};
  if (sort === 'top') return encodeCursor({ s: sort, l: c.likeCount, ...(c.sourcePosition !== undefined && c.sourcePosition !== NOT_IMPORTED ? { p: c.sourcePosition } : {}), t, i: c.id, ...d });
  if (sort === 'hot') return encodeCursor({ s: sort, r: at.toISOString(), h: c.hot ?? 0, i: c.id, ...d });
  return encodeCursor({ s: sort, t, i: c.id, ...d });
}

/** The instant a hot ranking is computed for: the cursor's, or now (to the minute, so that renders agree). */
function rankedAt(sort: Sort, cursor: string | null | undefined): Date {
  if (sort === 'hot' && cursor) return new Date(decodeCursor(cursor, cursorSchemas.hot).r);
  return new Date(Math.floor(Date.now() / 60_000) * 60_000);
}

/**
 * One page of a thread: top-level comments by keyset cursor, then the first replies of
 * each (oldest first, up to replyCap) in one more query. Two queries, whatever the size.
 */
export async function listComments(
  prisma: PrismaClient,
  opts: {
    articleId: number; sort?: Sort; cursor?: string | null; limit?: number; replyCap?: number; viewerId?: number | null;
    /**
     * Read-your-writes: the viewer's own comments and replies since this time are shown on
     * the first page whatever the sort — their new comments at the top, their replies under
     * their parents even past the reply cap.
     */
    ownSince?: Date | null;
  },
): Promise<{ comments: CommentView[]; nextCursor: string | null; prevCursor: string | null }> {
  const sort = opts.sort ?? 'top';
  const limit = opts.limit ?? COMMENTS_PAGE_SIZE;
  const replyCap = opts.replyCap ?? REPLY_CAP;
  const readable = readableBy(opts.viewerId);
  const at = rankedAt(sort, opts.cursor);
  const back = isBack(sort, opts.cursor);
  const rows = await prisma.$queryRaw<(Row & { source_position: number; hot: number | null })[]>`
    SELECT ${COLUMNS}, c.source_position, ${sort === 'hot' ? hotScore(at) : Prisma.sql`NULL::float8`} AS hot
    FROM comments c JOIN users u ON u.id = c.author_id
    WHERE c.article_id = ${opts.articleId} AND c.depth = 0 AND ${readable} ${keyset(sort, opts.cursor, at)}
    ORDER BY ${order(sort, at, back)}
    LIMIT ${limit + 1}`;
  const more = rows.length > limit;
  const shownRows = back ? rows.slice(0, limit).reverse() : rows.slice(0, limit);
  let top = shownRows.map(toView);
  const keyOf = (i: number) => ({ ...top[i], hot: shownRows[i].hot ?? 0, sourcePosition: shownRows[i].source_position });
  // Going back, there are later comments after this page; going on, earlier ones before it.
  const nextCursor = top.length && (back || more) ? cursorFor(sort, keyOf(top.length - 1), at) : null;
  const prevCursor = top.length && opts.cursor && (!back || more) ? cursorFor(sort, keyOf(0), at, true) : null;
  const own = opts.viewerId && opts.ownSince ? { id: opts.viewerId, since: opts.ownSince } : null;
  // The viewer's own recent comments in this thread (one query; none on later pages).
  const mine = own && !opts.cursor
    ? (
        await prisma.$queryRaw<Row[]>`
          SELECT ${COLUMNS}
          FROM comments c JOIN users u ON u.id = c.author_id
          WHERE c.author_id = ${own.id} AND c.created_at > ${own.since} AND c.article_id = ${opts.articleId} AND c.status IN ('visible', 'held')
          ORDER BY c.created_at DESC, c.id DESC
          LIMIT 70`
      ).map(toView)
    : [];
  if (mine.length) {
    // First, right under the form, in any order of the thread: where the member just wrote
    // them, not screens away in the order of likes.
    const recent = mine.filter((c) => c.depth === 0).slice(0, 20);
    const first = new Set(recent.map((c) => c.id));
    top = [...recent, ...top.filter((c) => !first.has(c.id))];
  }
  const withReplies = top.filter((c) => c.threadReplyCount > 0 || c.replyCount > 0);
  let replies: CommentView[] = [];
  if (withReplies.length && replyCap > 0) {
    const replyRows = await prisma.$queryRaw<Row[]>`
      SELECT ${COLUMNS}
      FROM unnest(${withReplies.map((c) => c.id)}::int[]) AS root(id)
      CROSS JOIN LATERAL (
        SELECT * FROM comments c
        WHERE c.root_id = root.id AND ${readable}
        ORDER BY c.created_at ASC, c.id ASC
        LIMIT ${replyCap}
      ) c
      JOIN users u ON u.id = c.author_id
      ORDER BY c.root_id, c.created_at ASC, c.id ASC`;
    replies = replyRows.map(toView);
  }
  if (mine.length) {
    // The viewer's own recent replies (held ones too) under any comment of the page, past the cap.
    const seen = new Set(replies.map((r) => r.id));
    const roots = new Set(top.map((c) => c.id));
    const extra = mine.filter((r) => r.depth > 0 && roots.has(r.rootId!) && !seen.has(r.id));
    if (extra.length)
      replies = [...replies, ...extra].sort((a, b) => a.rootId! - b.rootId! || a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id);
  }
  if (replies.length) attachReplies(top, replies);
  return { comments: top, nextCursor, prevCursor };
}

/** Hangs replies under their parents; replies come oldest first, so parents come first. */
export function attachReplies(roots: CommentView[], replies: CommentView[]) {
  const byId = new Map<number, CommentView>(roots.map((c) => [c.id, c]));
  const shown = new Map<number, number>();
  for (const r of replies) {
    const parent = byId.get(r.parentId!) ?? byId.get(r.rootId!);
    if (!parent) continue;
    // A removed or deleted parent is a tombstone: its author is not named under it either.
    r.replyTo = parent.status === 'visible' ? { username: parent.author.username, displayName: parent.author.displayName } : null;
    parent.replies.push(r);
    byId.set(r.id, r);
    shown.set(r.rootId!, (shown.get(r.rootId!) ?? 0) + 1);
  }
  for (const root of roots) root.moreReplies = Math.max(0, root.threadReplyCount - (shown.get(root.id) ?? 0));
}
