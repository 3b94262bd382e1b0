import { Prisma } from '../generated/prisma/client.ts';

export interface CommentView {
  id: number;
  parentId: number | null;
  rootId: number | null;
  depth: number;
  body: string;
  status: 'visible' | 'held' | 'hidden' | 'removed' | 'deleted';
  /** Why a moderator removed or hid it: shown to its author only. */
  statusReason: string | null;
  likeCount: number;
  replyCount: number;
  threadReplyCount: number;
  createdAt: Date;
  editedAt: Date | null;
  authorId: number;
  /** deleted: the member deleted their account (shown as "已注销用户"). */
  author: { username: string; displayName: string; role: string; deleted?: boolean };
  /** Usernames of the members it mentions: the text links these. */
  mentions: string[];
  /** The parent's author, for replies. */
  replyTo: { username: string; displayName: string } | null;
  replies: CommentView[];
  /** Replies in this thread that the page does not show (top-level comments only). */
  moreReplies: number;
}

// What readers see: visible comments, and removed or deleted ones that keep replies
// (shown as tombstones so that the replies keep their place).
export const READABLE = Prisma.sql`(c.status = 'visible' OR (c.status IN ('removed', 'deleted') AND c.reply_count > 0))`;

/**
 * What this reader sees: what everyone sees, plus their own held, hidden or removed comments
 * (not the ones they deleted: those are gone for them as for everyone).
 */
export const readableBy = (viewerId: number | null | undefined) =>
  viewerId ? Prisma.sql`(${READABLE} OR (c.author_id = ${viewerId} AND c.status <> 'deleted'))` : READABLE;

/** A comment `c`'s mentions that link to a profile: only accounts that still exist (a deleted one's is a 404). */
export const LIVE_MENTIONS = Prisma.sql`CASE WHEN cardinality(c.mentions) = 0 THEN c.mentions ELSE ARRAY(
    SELECT m FROM unnest(c.mentions) AS m WHERE EXISTS (SELECT 1 FROM users mu WHERE mu.username = m AND mu.deleted_at IS NULL)
  ) END`;

export const COLUMNS = Prisma.sql`
  c.id, c.parent_id, c.root_id, c.depth, c.body, c.status::text AS status, c.status_reason, c.like_count, c.reply_count,
  c.thread_reply_count, c.created_at, c.edited_at, c.author_id,
  ${LIVE_MENTIONS} AS mentions,
  u.username, u.display_name, u.role::text AS role, u.deleted_at IS NOT NULL AS author_deleted`;

export interface Row {
  id: number; parent_id: number | null; root_id: number | null; depth: number; body: string; status: string; status_reason: string | null;
  like_count: number; reply_count: number; thread_reply_count: number; created_at: Date; edited_at: Date | null; author_id: number;
  username: string; display_name: string; role: string; mentions: string[]; author_deleted: boolean;
}

export function toView(r: Row): CommentView {
  return {
    id: r.id, parentId: r.parent_id, rootId: r.root_id, depth: r.depth, body: r.body,
    status: r.status as CommentView['status'], statusReason: r.status_reason, likeCount: r.like_count, replyCount: r.reply_count,
    threadReplyCount: r.thread_reply_count, createdAt: r.created_at, editedAt: r.edited_at, authorId: r.author_id,
    author: { username: r.username, displayName: r.display_name, role: r.role, deleted: r.author_deleted },
    mentions: r.mentions ?? [],
    replyTo: null, replies: [], moreReplies: 0,
  };
}

