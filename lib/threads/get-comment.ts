import type { PrismaClient } from '../generated/prisma/client.ts';
import { COLUMNS, toView, type CommentView, type Row } from './comment-rows.ts';

/** One comment as the read API shows it (no replies), whatever its status. */
export async function getComment(prisma: PrismaClient, id: number): Promise<CommentView | null> {
  const rows = await prisma.$queryRaw<Row[]>`
    SELECT ${COLUMNS} FROM comments c JOIN users u ON u.id = c.author_id WHERE c.id = ${id}`;
  return rows[0] ? toView(rows[0]) : null;
}
