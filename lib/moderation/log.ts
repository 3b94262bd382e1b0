import type { Prisma } from '../generated/prisma/client.ts';
import type { Db } from '../db/client.ts';

type Tx = Pick<Db, 'moderationAction'>;

/** Appends one entry to the audit log (never edited, never deleted). */
export async function logAction(
  tx: Tx,
  entry: { moderatorId: number | null; action: string; commentId?: number; memberId?: number; articleId?: number; reason?: string | null; details?: Prisma.InputJsonValue },
) {
  await tx.moderationAction.create({
    data: {
      moderatorId: entry.moderatorId,
      action: entry.action,
      commentId: entry.commentId ?? null,
      memberId: entry.memberId ?? null,
      articleId: entry.articleId ?? null,
      reason: entry.reason ?? null,
      details: entry.details,
    },
  });
}
