import type { Db } from '../db/client.ts';
import { DomainError, notFoundError } from '../errors.ts';
import { assertCan, type Actor } from '../policy.ts';
import { changeCommentStatus } from './comment-status.ts';
import { logAction } from './log.ts';
import { articleChanged } from '../cache/invalidate.ts';

export const COMMENT_ACTIONS = ['approve', 'hide', 'remove', 'restore'] as const;
export type CommentAction = (typeof COMMENT_ACTIONS)[number];

const TARGET = { approve: 'visible', hide: 'hidden', remove: 'removed', restore: 'visible' } as const;

/**
 * approve: clears its reports and releases it if held. hide: out of sight, no tombstone.
 * remove: a tombstone where it has replies, gone where it has none. restore: visible again.
 * Every action is logged.
 */
export async function moderateComment(prisma: Db, actor: Actor | null, commentId: number, action: unknown, reason?: unknown) {
  assertCan(actor, 'mod:comment');
  if (!COMMENT_ACTIONS.includes(action as CommentAction)) throw new DomainError(422, 'invalid', { action: 'mod_action' });
  const why = typeof reason === 'string' && reason.trim() ? reason.trim().slice(0, 500) : null;
  if (!Number.isSafeInteger(commentId) || commentId <= 0 || commentId > 2 ** 31 - 1) throw notFoundError('comment_not_found');
  const done = await prisma.$transaction(async (tx) => {
    const c = await tx.comment.findUnique({
      where: { id: commentId },
      select: { id: true, articleId: true, parentId: true, rootId: true, status: true },
    });
    if (!c || c.status === 'deleted') throw notFoundError('comment_not_found');
    const to = TARGET[action as CommentAction];
    if (c.status !== to) await changeCommentStatus(tx, c, to, to === 'visible' ? null : why);
    await tx.report.updateMany({
      where: { commentId, resolvedAt: null },
      data: { resolvedAt: new Date(), resolution: action as string },
    });
    await logAction(tx, { moderatorId: actor.id, action: `comment:${action}`, commentId, articleId: c.articleId, reason: why });
    return { id: commentId, articleId: c.articleId };
  });
  articleChanged(done.articleId);
  return { id: done.id };
}
