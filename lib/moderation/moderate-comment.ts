import 'server-only';
import { queueChanged, threadChanged } from '../live/thread-events.ts';
import type { Db } from '../db/client.ts';
import type { CommentStatus } from '../generated/prisma/enums.ts';
import { asRefusal, assertCommentId, DomainError, notFoundError } from '../errors.ts';
import { assertCan, assertMayJudge, type Actor } from '../policy.ts';
import { changeCommentStatus } from './comment-status.ts';
import { logAction } from './log.ts';
import { notifyModeration, notifyPublished } from '../notifications/notify.ts';
import { articleChanged } from '../cache/invalidate.ts';

export const COMMENT_ACTIONS = ['dismiss', 'publish', 'approve', 'hide', 'remove', 'restore'] as const;
export type CommentAction = (typeof COMMENT_ACTIONS)[number];

/** Decisions that take a comment away from readers (shown in red); the rest leave or restore it. */
/** Statuses a moderator can have seen a comment in. */
const SEEN: CommentStatus[] = ['visible', 'held', 'hidden', 'removed'];

export const isHarmful = (action: string) => action === 'hide' || action === 'remove';
/** A decision's colour: removing is severe (it takes the words away), hiding harmful, the rest harmless. */
export const harmOf = (action: string) => (action === 'remove' ? 'severe' : action === 'hide' ? 'harmful' : 'harmless');

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
export async function moderateComment(
  prisma: Db,
  actor: Actor | null,
  commentId: number,
  action: unknown,
  reason?: unknown,
  /** The status the moderator saw when deciding; a different status now refuses the decision. */
  expected?: unknown,
  /** Deciding on its reports (the queue's reported tab): refused when they were closed meanwhile. */
  opts: { onReports?: boolean } = {},
) {
  assertCan(actor, 'mod:comment');
  if (!COMMENT_ACTIONS.includes(action as CommentAction)) throw new DomainError(422, 'invalid', { action: 'mod_action' });
  if (expected !== undefined && expected !== null && expected !== '' && !SEEN.includes(expected as CommentStatus))
    throw new DomainError(422, 'invalid', { expectedStatus: 'invalid' });
  const why = typeof reason === 'string' && reason.trim() ? reason.trim().slice(0, 500) : null;
  assertCommentId(commentId);
  const done = await prisma.$transaction(async (tx) => {
    // The row is locked for the decision: of two moderators deciding at once, the second
    // waits, then sees the first one's result.
    const [locked] = await tx.$queryRaw<{ id: number; articleId: number; parentId: number | null; rootId: number | null; status: CommentStatus; authorId: number; authorRole: Actor['role'] }[]>`
      SELECT c.id, c.article_id AS "articleId", c.parent_id AS "parentId", c.root_id AS "rootId", c.status, c.author_id AS "authorId", u.role AS "authorRole"
      FROM comments c JOIN users u ON u.id = c.author_id WHERE c.id = ${commentId} FOR UPDATE OF c`;
    if (!locked || locked.status === 'deleted') throw notFoundError('comment_not_found');
    // Counted after the lock is held, in a statement of its own: a decision that waited for the
    // lock sees the reports the first one closed (a subquery of the locking statement would
    // still count them open).
    const [{ open }] = await tx.$queryRaw<{ open: number }[]>`
      SELECT count(*)::int AS open FROM reports WHERE comment_id = ${commentId} AND resolved_at IS NULL`;
    const c = { ...locked, open };
    // No one judges their own comment (nor the reports against it), and only an admin an admin's.
    assertMayJudge(actor, { id: c.authorId, role: c.authorRole });
    // Never applied blindly: the comment changed since the moderator's page was loaded.
    if (expected && expected !== c.status) throw new DomainError(409, 'state_changed', undefined, { status: c.status });
    // Dismissing reports that another moderator has already closed: nothing left to decide.
    if ((action === 'dismiss' || opts.onReports) && c.open === 0) throw new DomainError(409, 'already_handled', undefined, { status: c.status });
    const to = target(action as CommentAction, c.status);
    if (to === c.status && action !== 'dismiss' && action !== 'approve' && c.open === 0) throw new DomainError(409, 'already_handled', undefined, { status: c.status });
    if (c.status !== to) await changeCommentStatus(tx, c, to, to === 'visible' ? null : why);
    // A held comment, once published, tells of its reply and its mentions as a comment posted freely does.
    if (c.status === 'held' && to === 'visible') await notifyPublished(tx, commentId);
    // Its author hears of a decision that changed it, with the reason.
    if (c.status !== to) await notifyModeration(tx, commentId, c.authorId, action === 'approve' ? 'publish' : (action as string), to === 'visible' ? null : why);
    // Reporters whose report led to action are told so (not who decided).
    if (isHarmful(action as string) && c.open > 0)
      await tx.$executeRaw`
        INSERT INTO notifications (user_id, type, comment_id)
        SELECT DISTINCT reporter_id, 'report_upheld', ${commentId}::int FROM reports
        WHERE comment_id = ${commentId} AND resolved_at IS NULL AND reporter_id <> ${actor.id}`;
    await tx.report.updateMany({
      where: { commentId, resolvedAt: null },
      data: { resolvedAt: new Date(), resolution: action as string },
    });
    await logAction(tx, { moderatorId: actor.id, action: `comment:${action}`, commentId, articleId: c.articleId, reason: why });
    return { id: commentId, articleId: c.articleId, from: c.status, to };
  }).catch(async (thrown: unknown) => {
    // A moderator's attempt to judge their own comment is refused, and the log shows it.
    if (thrown instanceof DomainError && (thrown.code === 'own_comment' || thrown.code === 'admin_comment')) {
      const c = await prisma.comment.findUnique({ where: { id: commentId }, select: { articleId: true } });
      await logAction(prisma, { moderatorId: actor.id, action: 'comment:refused', commentId, articleId: c?.articleId, reason: thrown.code, details: { attempted: action as string } });
    }
    throw thrown;
  });
  articleChanged(done.articleId);
  queueChanged();
  // Live readers: a comment that left their view, or came (back) into it.
  if (done.from !== done.to && (done.from === 'visible' || done.to === 'visible'))
    threadChanged(prisma, done.articleId, [{ kind: done.to === 'visible' ? 'comment' : 'removed', commentId: done.id }]);
  return { id: done.id };
}

/**
 * One decision on each selected comment (the queue's and the search page's bulk forms), each
 * with the status its moderator saw (`seen`). What was done is counted; a refusal of one
 * comment (it changed meanwhile) does not stop the others, a refusal of the moderator does.
 */
export async function moderateSelected(
  prisma: Db,
  actor: Actor | null,
  ids: number[],
  action: unknown,
  reason: unknown,
  seen: (id: number) => string | undefined,
  opts: { onReports?: boolean } = {},
): Promise<{ done: number; failed: string; status: string }> {
  let done = 0;
  let failed = '';
  let status = '';
  for (const id of ids) {
    try {
      await moderateComment(prisma, actor, id, action, reason, seen(id), opts);
      done++;
    } catch (thrown) {
      const err = asRefusal(thrown);
      if (!err) throw thrown;
      failed = err.code;
      status = typeof err.params?.status === 'string' ? err.params.status : '';
      if (err.status === 401 || err.status === 403) break;
    }
  }
  return { done, failed, status };
}
