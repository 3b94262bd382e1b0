// Who is looking at a thread, and what they may do with each comment on it: one rule per
// action, used by the server when it acts (lib/comments/own-comment.ts), by the pages rendered
// per request (components/member-parts.tsx) and by the personal part of the members' shared
// page (GET /api/v1/me?article=SLUG), so that what the page offers is what the server allows.
// In the spirit of Discourse's Guardian: the page never works a rule out for itself.
import { can as actorCan, isStaff, type Actor } from './policy.ts';

/** A signed-in member (or staff), or no one. */
export type Viewer = (Actor & { id: number }) | null;

export type CommentAction = 'like' | 'reply' | 'report' | 'edit' | 'delete' | 'judge';

/** What a rule needs to know of a comment. */
export interface CommentFacts {
  authorId: number;
  status: 'visible' | 'held' | 'hidden' | 'removed' | 'deleted';
  createdAt: Date;
  /** Replies that exist for anyone, held ones too (an edit would change what they answer). */
  repliesForAnyone: number;
}

/** What a rule needs to know of the thread and the moment. */
export interface ThreadFacts {
  articleLocked: boolean;
  editWindowMinutes: number;
  now?: Date;
}

/** Why an edit is refused (the API's error code), or null when it is allowed. */
export function editRefusal(viewer: Viewer, c: CommentFacts, t: ThreadFacts): 'not_own_comment' | 'edit_moderated' | 'edit_window_closed' | 'edit_has_replies' | 'comment_not_found' | null {
  if (c.status === 'deleted') return 'comment_not_found';
  if (!viewer || c.authorId !== viewer.id) return 'not_own_comment';
  if (c.status === 'hidden' || c.status === 'removed') return 'edit_moderated';
  if ((t.now ?? new Date()).getTime() - c.createdAt.getTime() > t.editWindowMinutes * 60_000) return 'edit_window_closed';
  if (c.repliesForAnyone > 0) return 'edit_has_replies';
  return null;
}

/** May `viewer` do `action` with comment `c` in a thread like `t`? */
export function can(viewer: Viewer, action: CommentAction, c: CommentFacts, t: ThreadFacts): boolean {
  const own = viewer !== null && c.authorId === viewer.id;
  const open = c.status === 'visible';
  const target = { articleLocked: t.articleLocked, now: t.now };
  switch (action) {
    case 'like':
    case 'reply':
      return open && actorCan(viewer, action === 'like' ? 'like:set' : 'comment:create', target);
    case 'report':
      return open && !own && actorCan(viewer, 'report:create');
    case 'edit':
      return actorCan(viewer, 'comment:edit', target) && editRefusal(viewer, c, t) === null;
    case 'delete':
      // Deleting your own words is never refused (a locked thread, a suspension).
      return own && c.status !== 'deleted' && actorCan(viewer, 'comment:delete');
    case 'judge':
      return isStaff(viewer) && !own;
  }
}
