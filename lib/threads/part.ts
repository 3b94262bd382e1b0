// The shape of a member's part of a thread (lib/threads/personal.ts works it out), shared by
// the server's pages and the browser's members' shared page (components/me.ts), which each
// look it up by comment.
import type { CommentFacts } from '../viewer.ts';

/** One of the viewer's own comments in the thread. */
export interface OwnComment {
  id: number;
  status: CommentFacts['status'];
  /** May edit it now; then `body` is its text, for the edit box. */
  edit: boolean;
  body?: string;
  /** It has replies (deleting it leaves a tombstone). */
  hasReplies: boolean;
}

/**
 * One of the viewer's own comments that the page every member shares does not show them as
 * theirs: held for review, hidden or removed (with the moderators' reason), or posted in the
 * last minutes (kept in view at the top of the first page, replies under their thread past the
 * reply cap). The members' shared page draws it for its author (components/own-cards.tsx),
 * as the page rendered for them did.
 */
export interface OwnExtra {
  id: number;
  parentId: number | null;
  rootId: number | null;
  depth: number;
  body: string;
  mentions: string[];
  status: 'visible' | 'held' | 'hidden' | 'removed';
  /** The moderators' reason, for a hidden or removed comment. */
  reason: string | null;
  likeCount: number;
  createdAt: string;
  editedAt: string | null;
  /** The author of the comment it answers, while that one is visible. */
  replyTo: { username: string; displayName: string } | null;
}

/** What of a thread is one member's, as GET /api/v1/me?article=SLUG sends it. */
export interface PersonalThread {
  liked: number[];
  own: OwnComment[];
  /**
   * The exact counts of the comments whose like the member changed in the last few minutes
   * (lib/likes/like-counts.ts): the shared page they reload may have been rendered before the
   * count took their like in, and a reload right after a like must show it counted. Keyed by
   * comment id; absent when there are none.
   */
  counts?: Record<number, number>;
  /** Their comments only they may see here, and their latest (OwnExtra), newest first; absent when none. */
  extra?: OwnExtra[];
}

/** The same, looked up by comment. */
export interface Part {
  liked: ReadonlySet<number>;
  own: ReadonlyMap<number, OwnComment>;
  counts: ReadonlyMap<number, number>;
  extra: readonly OwnExtra[];
}

export const indexPart = (p: PersonalThread | null): Part => ({
  liked: new Set(p?.liked ?? []),
  own: new Map((p?.own ?? []).map((o) => [o.id, o])),
  counts: new Map(Object.entries(p?.counts ?? {}).map(([id, n]) => [Number(id), n])),
  extra: p?.extra ?? [],
});
