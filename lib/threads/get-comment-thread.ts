import 'server-only';
import { z } from 'zod';
import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import { decodeCursor, encodeCursor, zId, zInstant } from './cursor.ts';
import { COLUMNS, readableBy, toView, type CommentView, type Row } from './comment-rows.ts';
import { attachReplies } from './list-comments.ts';

export const THREAD_REPLIES_PAGE_SIZE = 100;
const replyCursor = z.object({ t: zInstant, i: zId }).strict();

/**
 * A comment's whole conversation for its permalink: the top-level comment it belongs to,
 * then that thread's replies oldest first, a page at a time.
 */
export async function getCommentThread(
  prisma: PrismaClient,
  opts: { articleId: number; commentId: number; cursor?: string | null; limit?: number; viewerId?: number | null; staff?: boolean },
): Promise<{ root: CommentView; nextCursor: string | null } | null> {
  const limit = opts.limit ?? THREAD_REPLIES_PAGE_SIZE;
  // A comment this reader may not see (held, hidden, removed without replies) is as unknown
  // as one that never existed.
  // Staff see every comment in its place, whatever its state (the page marks it).
  const readable = opts.staff ? Prisma.sql`TRUE` : readableBy(opts.viewerId);
  const [target] = await prisma.$queryRaw<{ id: number; root_id: number | null }[]>`
    SELECT c.id, c.root_id FROM comments c
    WHERE c.id = ${opts.commentId} AND c.article_id = ${opts.articleId} AND ${readable}`;
  if (!target) return null;
  const rootId = target.root_id ?? target.id;
  const after = opts.cursor ? decodeCursor(opts.cursor, replyCursor) : null;
  const rows = await prisma.$queryRaw<Row[]>`
    SELECT ${COLUMNS}
    FROM comments c JOIN users u ON u.id = c.author_id
    WHERE (c.id = ${rootId} OR (c.root_id = ${rootId} ${after ? Prisma.sql`AND (c.created_at, c.id) > (${after.t}, ${after.i})` : Prisma.empty}))
      AND ${readable}
    ORDER BY c.depth > 0, c.created_at ASC, c.id ASC
    LIMIT ${limit + 2}`;
  const [root, ...replies] = rows.map(toView);
  if (!root || root.id !== rootId) return null;
  const page = replies.slice(0, limit);
  attachReplies([root], page);
  // On later pages a reply's parent may be on an earlier page: it is shown under the root.
  const last = page.at(-1);
  return {
    root,
    nextCursor: replies.length > limit && last ? encodeCursor({ t: last.createdAt.toISOString(), i: last.id }) : null,
  };
}
