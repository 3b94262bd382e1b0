import 'server-only';
import { z } from 'zod';
import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import { decodeCursor, encodeCursor, zId, zInstant } from './cursor.ts';
import { COLUMNS, readableBy, toView, type CommentView, type Row } from './comment-rows.ts';
import { attachReplies } from './list-comments.ts';

export const THREAD_REPLIES_PAGE_SIZE = 100;
/** Replies before a linked reply shown with it (the rest are "show earlier replies"). */
const CONTEXT_BEFORE = 20;
// A page of replies after (t, i), or (d: 'b') before it.
const replyCursor = z.object({ t: zInstant, i: zId, d: z.literal('b').optional() }).strict();

const key = (c: { createdAt: Date; id: number }) => ({ t: c.createdAt.toISOString(), i: c.id });
const byTime = (a: CommentView, b: CommentView) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id;

/**
 * A comment's conversation for its permalink, found wherever the comment sits: the top-level
 * comment it belongs to, the linked comment's ancestors, and a page of the conversation's
 * replies (oldest first) around it — a few before, the rest after — with cursors for the
 * earlier (prevCursor) and later (nextCursor) replies.
 */
export async function getCommentThread(
  prisma: PrismaClient,
  opts: { articleId: number; commentId: number; cursor?: string | null; limit?: number; viewerId?: number | null; staff?: boolean },
): Promise<{ root: CommentView; nextCursor: string | null; prevCursor: string | null } | null> {
  const limit = opts.limit ?? THREAD_REPLIES_PAGE_SIZE;
  // A comment this reader may not see (held, hidden, removed without replies) is as unknown
  // as one that never existed. Staff see every comment in its place, whatever its state.
  const readable = opts.staff ? Prisma.sql`TRUE` : readableBy(opts.viewerId);
  const [target] = await prisma.$queryRaw<{ id: number; root_id: number | null; created_at: Date; depth: number }[]>`
    SELECT c.id, c.root_id, c.created_at, c.depth FROM comments c
    WHERE c.id = ${opts.commentId} AND c.article_id = ${opts.articleId} AND ${readable}`;
  if (!target) return null;
  const rootId = target.root_id ?? target.id;
  const at = opts.cursor ? decodeCursor(opts.cursor, replyCursor) : null;
  const select = (where: Prisma.Sql, order: 'ASC' | 'DESC', n: number) => prisma.$queryRaw<Row[]>`
    SELECT ${COLUMNS} FROM comments c JOIN users u ON u.id = c.author_id
    WHERE c.root_id = ${rootId} AND ${readable} AND ${where}
    ORDER BY c.created_at ${Prisma.raw(order)}, c.id ${Prisma.raw(order)}
    LIMIT ${n}`;
  const rootRows = await prisma.$queryRaw<Row[]>`
    SELECT ${COLUMNS} FROM comments c JOIN users u ON u.id = c.author_id WHERE c.id = ${rootId} AND ${readable}`;
  if (!rootRows[0]) return null;
  const root = toView(rootRows[0]);

  let before: CommentView[] = [];
  let after: CommentView[] = [];
  let moreBefore = false;
  let moreAfter = false;
  if (at?.d === 'b') {
    // Earlier replies, before (t, i): the newest `limit` of them, shown oldest first.
    const rows = (await select(Prisma.sql`(c.created_at, c.id) < (${at.t}, ${at.i})`, 'DESC', limit + 1)).map(toView);
    moreBefore = rows.length > limit;
    before = rows.slice(0, limit).reverse();
    moreAfter = true;
  } else if (at) {
    const rows = (await select(Prisma.sql`(c.created_at, c.id) > (${at.t}, ${at.i})`, 'ASC', limit + 1)).map(toView);
    moreAfter = rows.length > limit;
    after = rows.slice(0, limit);
    moreBefore = true;
  } else if (target.depth > 0) {
    // Linked to a reply: the page is built around it, wherever it sits in the conversation.
    const ctx = Math.min(CONTEXT_BEFORE, Math.max(0, limit - 1));
    const [earlier, later] = await Promise.all([
      select(Prisma.sql`(c.created_at, c.id) < (${target.created_at}, ${target.id})`, 'DESC', ctx + 1),
      select(Prisma.sql`(c.created_at, c.id) >= (${target.created_at}, ${target.id})`, 'ASC', limit - ctx + 1),
    ]);
    moreBefore = earlier.length > ctx;
    before = earlier.slice(0, ctx).map(toView).reverse();
    moreAfter = later.length > limit - ctx;
    after = later.slice(0, limit - ctx).map(toView);
  } else {
    const rows = (await select(Prisma.sql`TRUE`, 'ASC', limit + 1)).map(toView);
    moreAfter = rows.length > limit;
    after = rows.slice(0, limit);
  }
  const page = [...before, ...after];
  // The linked reply's ancestors, so that it is read in its conversation even when they sit
  // outside this page.
  if (target.depth > 1 && !at) {
    const shown = new Set(page.map((r) => r.id));
    const ancestors = await prisma.$queryRaw<Row[]>`
      WITH RECURSIVE up AS (
        SELECT parent_id AS id FROM comments WHERE id = ${target.id}
        UNION ALL
        SELECT c.parent_id FROM comments c JOIN up ON c.id = up.id WHERE c.parent_id IS NOT NULL
      )
      SELECT ${COLUMNS} FROM comments c JOIN users u ON u.id = c.author_id
      WHERE c.id IN (SELECT id FROM up) AND c.id <> ${rootId} AND ${readable}`;
    page.push(...ancestors.map(toView).filter((a) => !shown.has(a.id)));
  }
  page.sort(byTime);
  attachReplies([root], page);
  // The page's own links lead to the rest of the conversation.
  root.moreReplies = 0;
  // On later pages a reply's parent may be on an earlier page: it is shown under the root.
  const first = before[0] ?? after[0];
  const last = after.at(-1) ?? before.at(-1);
  return {
    root,
    prevCursor: moreBefore && first ? encodeCursor({ ...key(first), d: 'b' }) : null,
    nextCursor: moreAfter && last ? encodeCursor(key(last)) : null,
  };
}
