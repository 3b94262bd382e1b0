// A member's own comment: edit it for a while, delete it at any time. Every check is made
// here, on the server, with the comment's row locked, for the form and the API alike.
import 'server-only';
import { queueChanged, threadChanged } from '../live/thread-events.ts';
import type { Db } from '../db/client.ts';
import { visibleArticleSql } from '../articles/visibility.ts';
import type { CommentStatus } from '../generated/prisma/enums.ts';
import { assertCommentId, DomainError, invalid, notFoundError } from '../errors.ts';
import { assertCan, isStaff, type Actor } from '../policy.ts';
import { fieldCodes } from '../zod-fields.ts';
import { hit } from '../rate-limit.ts';
import { newCommentSchema } from './schemas.ts';
import { bannedAsWritten, findWord, loadWordLists } from '../moderation/words.ts';
import { changeCommentStatus } from '../moderation/comment-status.ts';
import { logAction } from '../moderation/log.ts';
import { articleChanged } from '../cache/invalidate.ts';
import { editWindowMinutes } from './edit-window.ts';
import { editRefusal } from '../viewer.ts';
import { MENTION_LIMIT, resolveMentions } from './mentions.ts';
import { notifyNewMentions } from '../notifications/notify.ts';

interface Locked {
  id: number;
  articleId: number;
  parentId: number | null;
  rootId: number | null;
  authorId: number;
  status: CommentStatus;
  body: string;
  createdAt: Date;
  locked: boolean;
  /** Readers can see its article (lib/articles/visibility.ts): nothing is written into one they cannot. */
  articleVisible: boolean;
  /** Replies that exist for anyone (held ones too): an edit would change what they answer. */
  replies: number;
}

async function lockOwn(tx: Pick<Db, '$queryRaw'>, actor: Actor, commentId: number): Promise<Locked> {
  const [c] = await tx.$queryRaw<Omit<Locked, 'replies'>[]>`
    SELECT c.id, c.article_id AS "articleId", c.parent_id AS "parentId", c.root_id AS "rootId", c.author_id AS "authorId",
           c.status, c.body, c.created_at AS "createdAt", a.locked, ${visibleArticleSql()} AS "articleVisible"
    FROM comments c JOIN articles a ON a.id = c.article_id
    WHERE c.id = ${commentId} FOR UPDATE OF c`;
  // Another member's comment is refused as such; a deleted one is gone.
  if (!c || c.status === 'deleted') throw notFoundError('comment_not_found');
  if (c.authorId !== actor.id) throw new DomainError(403, 'not_own_comment');
  // Counted in a statement of its own, once the lock is held: a reply being written takes a
  // share lock on its parent (lib/comments/create-comment.ts), so a lock that waited for one
  // sees it here — a subquery of the locking statement would count as of before the wait.
  const [{ replies }] = await tx.$queryRaw<{ replies: number }[]>`
    SELECT count(*)::int AS replies FROM comments WHERE parent_id = ${commentId} AND status IN ('visible', 'held')`;
  return { ...c, replies };
}

/**
 * Edits the member's own comment: within the edit window, while it has no replies, and
 * while a moderator has not hidden or removed it. The word lists apply again (a banned word
 * refuses, a suspect one holds it for review). The earlier text goes to the log.
 */
export async function editComment(prisma: Db, actor: Actor | null, commentId: number, input: { body: unknown }) {
  assertCan(actor, 'comment:edit');
  assertCommentId(commentId);
  const parsed = newCommentSchema.pick({ body: true }).safeParse({ body: input.body });
  if (!parsed.success) throw invalid(fieldCodes(parsed.error));
  const { body } = parsed.data;
  const [words, minutes] = await Promise.all([loadWordLists(prisma), editWindowMinutes(prisma)]);
  const banned = bannedAsWritten(body, words.banned);
  if (banned) throw new DomainError(422, 'invalid', { body: 'body_banned_word' }, { word: banned });
  const mentions = await resolveMentions(prisma, body);
  const suspect = isStaff(actor) ? null : findWord(body, words.suspect);
  const now = new Date();
  const done = await prisma.$transaction(async (tx) => {
    const c = await lockOwn(tx, actor, commentId);
    if (!c.articleVisible) throw notFoundError('article_not_found');
    assertCan(actor, 'comment:edit', { articleLocked: c.locked });
    // The rule the pages show (lib/viewer.ts), checked here with the row locked.
    const refusal = editRefusal(actor, { ...c, repliesForAnyone: c.replies }, { articleLocked: c.locked, editWindowMinutes: minutes, now });
    if (refusal === 'edit_window_closed') throw new DomainError(403, refusal, undefined, { minutes });
    if (refusal === 'edit_has_replies') throw new DomainError(409, refusal);
    if (refusal) throw new DomainError(403, refusal);
    if (c.body === body) return { ...c, to: c.status, changed: false };
    await hit(tx, 'commentEdits', actor.id);
    // The mention limit counts everyone the comment has ever notified: editing names in and
    // out would otherwise reach any number of members, five at a time.
    const notified = await tx.$queryRaw<{ user_id: number }[]>`
      SELECT DISTINCT user_id FROM notifications WHERE comment_id = ${c.id} AND type = 'mention'`;
    const reached = new Set([...notified.map((n) => n.user_id), ...mentions.map((m) => m.id)]);
    if (reached.size > MENTION_LIMIT) throw new DomainError(422, 'invalid', { body: 'body_too_many_mentions_edit' }, { limit: MENTION_LIMIT });
    const to: CommentStatus = suspect !== null && c.status === 'visible' ? 'held' : c.status;
    await tx.comment.update({ where: { id: c.id }, data: { body, editedAt: now, mentions: mentions.map((m) => m.username) } });
    if (to !== c.status) await changeCommentStatus(tx, c, to, `word:${suspect}`, false);
    await logAction(tx, {
      moderatorId: actor.id,
      memberId: actor.id,
      action: 'comment:edit',
      commentId: c.id,
      articleId: c.articleId,
      details: { before: c.body, after: body, ...(to !== c.status ? { held: `word:${suspect}` } : {}) },
    });
    if (to === 'visible') await notifyNewMentions(tx, c.id);
    return { ...c, to, changed: true };
  });
  if (done.changed) {
    articleChanged(done.articleId);
    if (done.to === 'held') {
      queueChanged();
      threadChanged(prisma, done.articleId, [{ kind: 'removed', commentId: done.id }]);
    } else if (done.to === 'visible') threadChanged(prisma, done.articleId, [{ kind: 'edited', commentId: done.id }]);
  }
  return { id: done.id, status: done.to, editedAt: done.changed ? now : null };
}

/**
 * Deletes the member's own comment, whatever its state: with replies it stays as the
 * tombstone "deleted by its author" and the replies keep their place; without, it is gone.
 * Counters follow; moderators keep the text in the log.
 */
export async function deleteComment(prisma: Db, actor: Actor | null, commentId: number) {
  assertCan(actor, 'comment:delete');
  assertCommentId(commentId);
  const done = await prisma.$transaction(async (tx) => {
    const c = await lockOwn(tx, actor, commentId);
    await changeCommentStatus(tx, c, 'deleted', null, false);
    await tx.report.updateMany({ where: { commentId: c.id, resolvedAt: null }, data: { resolvedAt: new Date(), resolution: 'deleted' } });
    await logAction(tx, { moderatorId: actor.id, memberId: actor.id, action: 'comment:delete', commentId: c.id, articleId: c.articleId, details: { body: c.body, status: c.status } });
    return c;
  });
  articleChanged(done.articleId);
  queueChanged();
  if (done.status === 'visible') threadChanged(prisma, done.articleId, [{ kind: 'removed', commentId: done.id, data: { by: 'author' } }]);
  return { id: done.id, status: 'deleted' as const };
}
