// One rule per action (lib/viewer.ts), and the member's part of a thread worked out with it
// (lib/threads/personal.ts): what the shared page lays over itself for one member is what the
// server then allows, held replies and all.
import { beforeAll, describe, expect, it } from 'vitest';
import { createArticle } from '../lib/articles/publish.ts';
import { createComment } from '../lib/comments/create-comment.ts';
import { editComment } from '../lib/comments/own-comment.ts';
import { setLike } from '../lib/likes/set-like.ts';
import type { Actor } from '../lib/policy.ts';
import { personalThread } from '../lib/threads/personal.ts';
import { can, editRefusal, type CommentFacts } from '../lib/viewer.ts';
import { freshDatabase } from './support/db.ts';
import { createMembers } from './support/members.ts';
import { refusal } from './support/refusal.ts';

const { prisma, sql } = await freshDatabase();
type M = Actor & { id: number; username: string };
let a: M, b: M, mod: M;

beforeAll(async () => {
  process.env.YILUN_RATE_LIMITS = 'off';
  [a, b] = await createMembers(sql, 'viewer', 2);
  [mod] = await createMembers(sql, 'viewermod', 1, { role: 'moderator' });
});

const now = new Date('2026-12-06T12:00:00Z');
const fact = (over: Partial<CommentFacts> = {}): CommentFacts => ({ authorId: 1, status: 'visible', createdAt: new Date(now.getTime() - 60_000), repliesForAnyone: 0, ...over });
const member = (over: Partial<Actor> = {}): Actor & { id: number } => ({ id: 1, role: 'member', status: 'active', suspendedUntil: null, ...over });
const open = { articleLocked: false, editWindowMinutes: 15, now };

describe('can(viewer, action, comment)', () => {
  it('lets the author edit in the window, without replies (held ones count), while not moderated', () => {
    expect(can(member(), 'edit', fact(), open)).toBe(true);
    expect(editRefusal(member(), fact({ repliesForAnyone: 1 }), open)).toBe('edit_has_replies');
    expect(editRefusal(member(), fact({ createdAt: new Date(now.getTime() - 16 * 60_000) }), open)).toBe('edit_window_closed');
    expect(editRefusal(member(), fact({ status: 'hidden' }), open)).toBe('edit_moderated');
    expect(editRefusal(member({ id: 2 }), fact(), open)).toBe('not_own_comment');
    expect(can(member(), 'edit', fact(), { ...open, articleLocked: true })).toBe(false);
    expect(can(member({ status: 'suspended', suspendedUntil: new Date(now.getTime() + 3_600_000) }), 'edit', fact(), open)).toBe(false);
    expect(can(null, 'edit', fact(), open)).toBe(false);
  });

  it('always lets the author delete; never reports their own; staff judge others only', () => {
    expect(can(member({ status: 'suspended', suspendedUntil: null }), 'delete', fact(), { ...open, articleLocked: true })).toBe(true);
    expect(can(member({ id: 2 }), 'delete', fact(), open)).toBe(false);
    expect(can(member(), 'report', fact(), open)).toBe(false);
    expect(can(member({ id: 2 }), 'report', fact(), open)).toBe(true);
    expect(can(member({ id: 2 }), 'like', fact(), { ...open, articleLocked: true })).toBe(false);
    expect(can(member({ id: 2, role: 'moderator' }), 'judge', fact(), open)).toBe(true);
    expect(can(member({ role: 'moderator' }), 'judge', fact(), open)).toBe(false);
    expect(can(member({ id: 2 }), 'judge', fact(), open)).toBe(false);
  });
});

describe("a member's part of a thread", () => {
  it('names their likes and their own comments, offering an edit exactly when the server would take it', async () => {
    const article = await createArticle(prisma, mod, { title: '我的部分', source: '议论编辑部', body: '正文。' });
    const slug = article.slug;
    const first = await createComment(prisma, a, { slug, body: '我的第一条' });
    const second = await createComment(prisma, a, { slug, body: '我的第二条' });
    const theirs = await createComment(prisma, b, { slug, body: '别人的' });
    await setLike(prisma, a, theirs.id, true);
    // A reply held for review still counts: the edit would change what it answers.
    await sql.query(`INSERT INTO comments (article_id, author_id, parent_id, root_id, depth, body, status) SELECT article_id, $2, id, id, 1, '待审的回复', 'held' FROM comments WHERE id = $1`, [second.id, b.id]);
    const part = await personalThread(prisma, a, slug);
    expect(part.liked).toEqual([theirs.id]);
    const own = new Map(part.own.map((o) => [o.id, o]));
    expect([...own.keys()].sort()).toEqual([first.id, second.id].sort());
    expect(own.get(first.id)).toMatchObject({ edit: true, body: '我的第一条', hasReplies: false });
    expect(own.get(second.id)).toMatchObject({ edit: false, hasReplies: true });
    expect(own.get(second.id)?.body).toBeUndefined();
    // What the page offers is what the server does.
    await expect(editComment(prisma, a, first.id, { body: '改过了' })).resolves.toBeTruthy();
    expect(await refusal(editComment(prisma, a, second.id, { body: '改不了' }))).toMatchObject({ status: 409, code: 'edit_has_replies' });
    // Another member's part holds nothing of the first's; no one's holds an unknown thread's.
    const bs = await personalThread(prisma, b, slug);
    expect(bs.liked).toEqual([]);
    expect(bs.own.map((o) => [o.status, o.edit])).toEqual([['held', true], ['visible', true]]);
    expect(bs.own.map((o) => o.id)).not.toContain(first.id);
    expect(await personalThread(prisma, a, 'no-such-thread')).toEqual({ liked: [], own: [] });
    // A deleted comment is no longer theirs to act on.
    await sql.query(`UPDATE comments SET status = 'deleted' WHERE id = $1`, [first.id]);
    expect((await personalThread(prisma, a, slug)).own.map((o) => o.id)).toEqual([second.id]);
  });
});
