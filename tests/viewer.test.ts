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

  it('carries the comments only they may see there, and their latest, drawn for them over the shared page', async () => {
    const article = await createArticle(prisma, mod, { title: '只给我看的', source: '议论编辑部', body: '正文。' });
    const slug = article.slug;
    const old = await createComment(prisma, b, { slug, body: '别人很久以前的' });
    await sql.query(`UPDATE comments SET created_at = now() - interval '1 day' WHERE id = $1`, [old.id]);
    const insert = async (body: string, status: string, reason: string | null, ago: string, parent: number | null = null) =>
      (
        await sql.query<{ id: number }>(
          `INSERT INTO comments (article_id, author_id, parent_id, root_id, depth, body, status, status_reason, created_at)
           VALUES ($1, $2, $3, $3, CASE WHEN $3::int IS NULL THEN 0 ELSE 1 END, $4, $5, $6, now() - $7::interval) RETURNING id`,
          [article.id, a.id, parent, body, status, reason, ago],
        )
      ).rows[0].id;
    const held = await insert('待审', 'held', 'word:暗号', '1 day');
    const hidden = await insert('隐藏', 'hidden', '离题', '1 day');
    const removed = await insert('删除', 'removed', '人身攻击', '1 day');
    await insert('已删', 'deleted', null, '1 minute');
    await insert('旧的', 'visible', null, '1 day');
    const recent = await insert('刚回复', 'visible', null, '1 minute', old.id);
    const part = await personalThread(prisma, a, slug);
    // Newest first; not what they deleted, nor what everyone sees of theirs from long ago.
    expect(part.extra?.map((e) => e.id)).toEqual([recent, removed, hidden, held]);
    const by = new Map(part.extra!.map((e) => [e.id, e]));
    // Why it was held is the moderators' business; why hidden or removed, the author's.
    expect(by.get(held)).toMatchObject({ status: 'held', reason: null, body: '待审', depth: 0, parentId: null });
    expect(by.get(hidden)).toMatchObject({ status: 'hidden', reason: '离题' });
    expect(by.get(removed)).toMatchObject({ status: 'removed', reason: '人身攻击' });
    expect(by.get(recent)).toMatchObject({ status: 'visible', parentId: old.id, rootId: old.id, depth: 1, replyTo: { username: b.username } });
    // Every one of them comes with what they may do with it.
    for (const id of [held, hidden, removed, recent]) expect(part.own.map((o) => o.id)).toContain(id);
    expect((await personalThread(prisma, b, slug)).extra).toBeUndefined();
  });
});
