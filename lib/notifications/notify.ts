// Notifications written alongside the change they tell of, in its transaction.
import 'server-only';
import type { Db } from '../db/client.ts';

type Tx = Pick<Db, '$executeRaw'>;

/**
 * A comment readers can now see for the first time (a held comment published): its parent's
 * author hears of the reply, the members it names of the mention — never its own author,
 * and the parent's author once.
 */
export async function notifyPublished(tx: Tx, commentId: number) {
  await tx.$executeRaw`
    INSERT INTO notifications (user_id, type, comment_id, actor_id)
    SELECT p.author_id, 'reply', c.id, c.author_id FROM comments c JOIN comments p ON p.id = c.parent_id
    WHERE c.id = ${commentId} AND p.author_id <> c.author_id`;
  await notifyNewMentions(tx, commentId);
}

/**
 * The members a visible comment names hear of it, once each: after it is published, and after
 * an edit names new ones (those named before were told already). Never its own author, nor
 * the parent's author, who hears of the reply instead.
 */
export async function notifyNewMentions(tx: Tx, commentId: number) {
  await tx.$executeRaw`
    INSERT INTO notifications (user_id, type, comment_id, actor_id)
    SELECT u.id, 'mention', c.id, c.author_id
    FROM comments c JOIN users u ON u.username = ANY(c.mentions) AND u.deleted_at IS NULL
    LEFT JOIN comments p ON p.id = c.parent_id
    WHERE c.id = ${commentId} AND c.status = 'visible' AND u.id <> c.author_id AND u.id IS DISTINCT FROM p.author_id
      AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.comment_id = c.id AND n.user_id = u.id AND n.type = 'mention')`;
}

/** A staff decision on a member's comment, with its reason, told to the comment's author. */
export async function notifyModeration(tx: Tx, commentId: number, authorId: number, action: string, reason: string | null) {
  await tx.$executeRaw`
    INSERT INTO notifications (user_id, type, comment_id, data)
    SELECT ${authorId}, 'moderation', ${commentId}, ${JSON.stringify({ action, reason })}::jsonb
    FROM users WHERE id = ${authorId} AND password_hash IS NOT NULL AND deleted_at IS NULL`;
}
