import type { Db } from '../db/client.ts';
import type { CommentStatus } from '../generated/prisma/enums.ts';
import { DomainError, notFoundError } from '../errors.ts';
import { assertCan, type Actor } from '../policy.ts';
import { changeCommentStatus } from './comment-status.ts';
import { logAction } from './log.ts';
import { articleChanged } from '../cache/invalidate.ts';

export const COMMENT_ACTIONS = ['dismiss', 'publish', 'approve', 'hide', 'remove', 'restore'] as const;
export type CommentAction = (typeof COMMENT_ACTIONS)[number];

/** Decisions that take a comment away from readers (shown in red); the rest leave or restore it. */
export const isHarmful = (action: string) => action === 'hide' || action === 'remove';

/**
 * What each decision does to the comment's status, from the status it has now. Decisions mean
 * what they say: dismissing reports never publishes anything; only "restore" brings a removed
 * or hidden comment back.
 */
function target(action: CommentAction, status: CommentStatus): CommentStatus {
  switch (action) {
    case 'dismiss':
      return status;
    case 'publish':
    case 'approve': // the API's older word: publishes a held comment, otherwise dismisses
      return status === 'held' ? 'visible' : status;
    case 'hide':
      return 'hidden';
    case 'remove':
      return 'removed';
    case 'restore':
      return status === 'removed' || status === 'hidden' ? 'visible' : status;
  }
}

/**
 * dismiss: closes its reports, nothing else. publish: releases a held comment. hide: out of
 * sight, no tombstone. remove: a tombstone where it has replies, gone where it has none.
 * restore: a removed or hidden comment is visible again. Every decision closes the comment's
 * open reports and is logged.
 */
export async function moderateComment(prisma: Db, actor: Actor | null, commentId: number, action: unknown, reason?: unknown) {
  assertCan(actor, 'mod:comment');
  if (!COMMENT_ACTIONS.includes(action as CommentAction)) throw new DomainError(422, 'invalid', { action: 'mod_action' });
  const why = typeof reason === 'string' && reason.trim() ? reason.trim().slice(0, 500) : null;
  if (!Number.isSafeInteger(commentId) || commentId <= 0 || commentId > 2 ** 31 - 1) throw notFoundError('comment_not_found');
  const done = await prisma.$transaction(async (tx) => {
    const c = await tx.comment.findUnique({
      where: { id: commentId },
      select: { id: true, articleId: true, parentId: true, rootId: true, status: true, authorId: true },
    });
    if (!c || c.status === 'deleted') throw notFoundError('comment_not_found');
    // No one judges their own comment (nor the reports against it): another moderator must.
    if (c.authorId === actor.id) throw new DomainError(403, 'own_comment');
    const to = target(action as CommentAction, c.status);
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
