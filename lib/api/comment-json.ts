import { isoChinaTime } from '../time.ts';
import type { CommentView } from '../threads/comment-rows.ts';

export interface CommentJson {
  id: number;
  parentId: number | null;
  author: { username: string; displayName: string };
  body: string;
  likeCount: number;
  replyCount: number;
  createdAt: string;
  /** When its author last edited it, or null. */
  editedAt: string | null;
  status: CommentView['status'];
  replies: CommentJson[];
}

/** The read API's Comment. A tombstone keeps its place and replies but not its text or author. */
export function commentJson(c: CommentView): CommentJson {
  const gone = c.status === 'removed' || c.status === 'deleted';
  return {
    id: c.id,
    parentId: c.parentId,
    author: gone ? { username: '', displayName: '' } : { username: c.author.username, displayName: c.author.displayName },
    body: gone ? '' : c.body,
    likeCount: c.likeCount,
    replyCount: c.replyCount,
    createdAt: isoChinaTime(c.createdAt),
    editedAt: c.editedAt ? isoChinaTime(c.editedAt) : null,
    status: c.status,
    replies: c.replies.map(commentJson),
  };
}

/** The Comment as moderators see it: a removed or deleted comment keeps its text and author. */
export function moderatorCommentJson(c: CommentView): CommentJson {
  return { ...commentJson({ ...c, status: 'visible' }), status: c.status };
}
