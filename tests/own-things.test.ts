// A member's own things: editing and deleting their comments, mentions and the notifications
// they and staff decisions produce.
import { beforeAll, describe, expect, it } from 'vitest';
import { createComment } from '../lib/comments/create-comment.ts';
import { deleteComment, editComment } from '../lib/comments/own-comment.ts';
import { saveEditWindow } from '../lib/comments/edit-window.ts';
import { putWordLists } from '../lib/moderation/admin.ts';
import { moderateComment } from '../lib/moderation/moderate-comment.ts';
import { listLog } from '../lib/moderation/list-log.ts';
import { listNotifications, unreadCount } from '../lib/notifications/notifications.ts';
import { listComments } from '../lib/threads/list-comments.ts';
import { splitMentions } from '../lib/text/mentions.ts';
import type { Actor } from '../lib/policy.ts';
import { getProfile, PROFILE_PAGE } from '../lib/users/profile.ts';
import { changeDisplayName, changePassword, deleteAccount, exportAccount } from '../lib/users/account.ts';
import { createUser } from '../lib/users/create-user.ts';
import { verifyCredentials } from '../lib/auth/verify-credentials.ts';
import { setLike } from '../lib/likes/set-like.ts';
import { reportComment } from '../lib/moderation/report-comment.ts';
import { RATE_LIMITS } from '../lib/rate-limit.ts';
import { awaitFreshWindow } from './support/rate-window.ts';
import { freshDatabase } from './support/db.ts';
import { refusal } from './support/refusal.ts';
import { generateThread } from './support/generate-thread.ts';
import { createMembers, MEMBER_PASSWORD } from './support/members.ts';

const { prisma, sql } = await freshDatabase();
type M = Actor & { username: string };
let a: M, b: M, c: M, mod: M, admin: M;
let slug: string;
let articleId: number;

beforeAll(async () => {
  process.env.YILUN_RATE_LIMITS = 'off';
  [a, b, c] = await createMembers(sql, 'own', 3);
  [mod] = await createMembers(sql, 'ownmod', 1, { role: 'moderator' });
  [admin] = await createMembers(sql, 'ownadmin', 1, { role: 'admin' });
  ({ slug, articleId } = await generateThread(sql, { slug: 'own-thread', topLevel: 1 }));
});

const post = (who: M, body: string, parentId?: number) => createComment(prisma, who, { slug, body, parentId });
const row = (id: number) => prisma.comment.findUniqueOrThrow({ where: { id } });
const commentCount = async () => (await prisma.article.findUniqueOrThrow({ where: { id: articleId } })).commentCount;

describe('editing one’s own comment', () => {
  it('changes the text, marks it edited, and logs the earlier version', async () => {
    const { id } = await post(a, '第一版');
    const done = await editComment(prisma, a, id, { body: '第二版' });
    expect(done.status).toBe('visible');
    const r = await row(id);
    expect(r.body).toBe('第二版');
    expect(r.editedAt).not.toBeNull();
    const log = await listLog(prisma, mod, {});
    expect(log.entries.find((e) => e.action === 'comment:edit' && e.commentId === id)?.details).toMatchObject({ before: '第一版', after: '第二版' });
  });

  it('refuses another member, an empty body, a comment with replies and an expired window; nothing changes', async () => {
    const { id } = await post(a, '别人不能改');
    expect(await refusal(editComment(prisma, b, id, { body: 'x' }))).toMatchObject({ status: 403, code: 'not_own_comment' });
    expect(await refusal(editComment(prisma, a, id, { body: '   ' }))).toMatchObject({ status: 422, fields: { body: 'body_empty' } });
    expect(await refusal(editComment(prisma, null, id, { body: 'x' }))).toMatchObject({ status: 401 });
    await post(b, '一条回复', id);
    expect(await refusal(editComment(prisma, a, id, { body: '改了' }))).toMatchObject({ status: 409, code: 'edit_has_replies' });
    const { id: old } = await post(a, '很久以前');
    await prisma.comment.update({ where: { id: old }, data: { createdAt: new Date(Date.now() - 16 * 60_000) } });
    expect(await refusal(editComment(prisma, a, old, { body: '改了' }))).toMatchObject({ status: 403, code: 'edit_window_closed', params: { minutes: 15 } });
    // An admin widens the window: the same edit is allowed.
    await saveEditWindow(prisma, admin, { minutes: 30 });
    await editComment(prisma, a, old, { body: '改了' });
    await saveEditWindow(prisma, admin, { minutes: 15 });
    expect(await refusal(saveEditWindow(prisma, mod, { minutes: 30 }))).toMatchObject({ status: 403 });
    expect((await row(id)).body).toBe('别人不能改');
  });

  it('applies the word lists again: a banned word refuses, a suspect word holds it', async () => {
    await putWordLists(prisma, admin, { banned: ['禁词甲'], suspect: ['可疑乙'] });
    const { id } = await post(a, '干净的话');
    const before = await commentCount();
    expect(await refusal(editComment(prisma, a, id, { body: '有禁词甲' }))).toMatchObject({ status: 422, fields: { body: 'body_banned_word' } });
    expect((await editComment(prisma, a, id, { body: '有可疑乙' })).status).toBe('held');
    expect((await row(id)).status).toBe('held');
    expect(await commentCount()).toBe(before - 1);
    await putWordLists(prisma, admin, { banned: [], suspect: [] });
  });

  it('a moderated comment cannot be edited', async () => {
    const { id } = await post(a, '会被隐藏');
    await moderateComment(prisma, mod, id, 'hide', '测试');
    expect(await refusal(editComment(prisma, a, id, { body: '改' }))).toMatchObject({ code: 'edit_moderated' });
  });
});

describe('an edit or a decision racing a reply', () => {
  /** Holds a transaction open on another connection while `during` runs, then commits it. */
  const holding = async <T>(statement: string, params: unknown[], during: () => Promise<T>) => {
    const client = await sql.connect();
    try {
      await client.query('BEGIN');
      await client.query(statement, params);
      const result = during();
      // Until `during` has reached its lock and waits there (or has finished without one).
      let settled = false;
      void result.then(() => (settled = true), () => (settled = true));
      for (let i = 0; i < 500 && !settled; i++) {
        const { rows } = await sql.query<{ waiting: number }>(`SELECT count(*)::int AS waiting FROM pg_locks WHERE NOT granted`);
        if (rows[0].waiting > 0) break;
        await new Promise((r) => setTimeout(r, 10));
      }
      await client.query('COMMIT');
      return await result;
    } finally {
      client.release();
    }
  };

  it('an edit that waited for a reply being written sees the reply and is refused', async () => {
    const { id } = await post(a, '正在被回复');
    // A reply is being written (its row holds a key-share lock on the parent, as the insert does).
    const edit = await holding(
      `INSERT INTO comments (article_id, author_id, parent_id, root_id, depth, body) VALUES ($1, $2, $3, $3, 1, '同时写的回复')`,
      [articleId, b.id, id],
      () => refusal(editComment(prisma, a, id, { body: '改掉原文' })),
    );
    expect(edit).toMatchObject({ status: 409, code: 'edit_has_replies' });
    expect((await row(id)).body).toBe('正在被回复');
  });

  it('a reply that waited for a moderator’s removal of its parent is refused, and nothing is written', async () => {
    const { id } = await post(a, '正在被删除');
    const before = await commentCount();
    const reply = await holding(`UPDATE comments SET status = 'removed' WHERE id = $1`, [id], () => refusal(post(b, '晚到的回复', id)));
    expect(reply).toMatchObject({ status: 404, code: 'parent_not_found' });
    expect((await sql.query('SELECT count(*)::int AS n FROM comments WHERE parent_id = $1', [id])).rows[0].n).toBe(0);
    expect(await commentCount()).toBe(before);
  });
});

describe('deleting one’s own comment', () => {
  it('without replies it disappears; with replies it stays as the author’s tombstone; counts follow', async () => {
    const lonely = await post(a, '没人回复');
    const answered = await post(a, '有人回复');
    const reply = await post(b, '回复你', answered.id);
    const before = await commentCount();
    expect(await refusal(deleteComment(prisma, b, lonely.id))).toMatchObject({ status: 403, code: 'not_own_comment' });
    await deleteComment(prisma, a, lonely.id);
    await deleteComment(prisma, a, answered.id);
    expect(await commentCount()).toBe(before - 2);
    expect(await refusal(deleteComment(prisma, a, lonely.id))).toMatchObject({ status: 404 });
    const page = await listComments(prisma, { articleId, sort: 'new', viewerId: a.id });
    const ids = page.comments.map((x) => x.id);
    expect(ids).not.toContain(lonely.id);
    const tomb = page.comments.find((x) => x.id === answered.id)!;
    expect(tomb.status).toBe('deleted');
    expect(tomb.replies.map((r) => r.id)).toEqual([reply.id]);
    // Moderators keep the text in the log.
    const log = await listLog(prisma, mod, {});
    expect(log.entries.find((e) => e.action === 'comment:delete' && e.commentId === answered.id)?.details).toMatchObject({ body: '有人回复' });
  });

  it('a suspended member may still delete what they wrote, not edit it', async () => {
    const { id } = await post(c, '暂停前写的');
    await prisma.user.update({ where: { id: c.id }, data: { status: 'suspended', suspendedUntil: new Date(Date.now() + 3600_000) } });
    const suspended = { ...c, status: 'suspended' as const, suspendedUntil: new Date(Date.now() + 3600_000) };
    expect(await refusal(editComment(prisma, suspended, id, { body: '改' }))).toMatchObject({ code: 'suspended' });
    await deleteComment(prisma, suspended, id);
    await prisma.user.update({ where: { id: c.id }, data: { status: 'active', suspendedUntil: null } });
  });
});

describe('mentions', () => {
  it('notifies the members named, case-insensitively, not the author, and links only them', async () => {
    const body = `@${b.username.toUpperCase()} 你好，@nobody_here 不存在，@${a.username} 是我自己`;
    const { id } = await post(a, body);
    expect((await row(id)).mentions).toEqual([b.username, a.username]);
    const notes = await prisma.notification.findMany({ where: { commentId: id } });
    expect(notes.map((n) => [n.userId, n.type])).toEqual([[b.id, 'mention']]);
    const list = await listNotifications(prisma, b);
    expect(list.items[0]).toMatchObject({ type: 'mention', comment: { id } });
    const parts = splitMentions(body, (await row(id)).mentions);
    expect(parts.filter((p) => 'username' in p)).toEqual([{ text: `@${b.username.toUpperCase()}`, username: b.username }, { text: `@${a.username}`, username: a.username }]);
  });

  it('a Chinese name runs into the text that follows it', () => {
    expect(splitMentions('@开心就好你说得对', ['开心就好'])).toEqual([{ text: '@开心就好', username: '开心就好' }, { text: '你说得对' }]);
    expect(splitMentions('me@开心就好', ['开心就好'])).toEqual([{ text: 'me@开心就好' }]);
  });

  it('refuses more than five members named in one comment', async () => {
    const many = await createMembers(sql, 'many', 6);
    const before = await prisma.comment.count();
    const err = await refusal(post(a, many.map((m) => `@${m.username}`).join(' ')));
    expect(err).toMatchObject({ status: 422, fields: { body: 'body_too_many_mentions' } });
    expect(await prisma.comment.count()).toBe(before);
    await post(a, many.slice(0, 5).map((m) => `@${m.username}`).join(' '));
  });

  it('a reply does not also count as a mention of the parent’s author', async () => {
    const parent = await post(b, '父评论');
    const { id } = await post(a, `@${b.username} 回复你`, parent.id);
    const notes = await prisma.notification.findMany({ where: { commentId: id } });
    expect(notes.map((n) => n.type)).toEqual(['reply']);
  });
});

describe('staff decisions are told to the author', () => {
  it('with the reason; a restore too; nothing for a dismissal', async () => {
    const { id } = await post(c, '会被删除的评论');
    const unread = await unreadCount(prisma, c.id);
    await moderateComment(prisma, mod, id, 'remove', '人身攻击');
    await moderateComment(prisma, mod, id, 'restore');
    const notes = await prisma.notification.findMany({ where: { commentId: id, userId: c.id }, orderBy: { id: 'asc' } });
    expect(notes.map((n) => [n.type, n.data])).toEqual([
      ['moderation', { action: 'remove', reason: '人身攻击' }],
      ['moderation', { action: 'restore', reason: null }],
    ]);
    expect(await unreadCount(prisma, c.id)).toBe(unread + 2);
    const list = await listNotifications(prisma, c);
    expect(list.items[0]).toMatchObject({ type: 'moderation', moderation: { action: 'restore' } });
    expect(list.items[1]).toMatchObject({ type: 'moderation', moderation: { action: 'remove', reason: '人身攻击' } });
  });
});

describe('profiles', () => {
  it('counts visible comments and likes received; others see only visible comments, the member and staff all but deleted', async () => {
    const [p] = await createMembers(sql, 'prof', 1);
    const seen = await post(p, '公开的');
    const hidden = await post(p, '被隐藏的');
    await moderateComment(prisma, mod, hidden.id, 'hide', '测试');
    const gone = await post(p, '自己删的');
    await deleteComment(prisma, p, gone.id);
    await prisma.comment.update({ where: { id: seen.id }, data: { likeCount: 7 } });
    const asOther = await getProfile(prisma, b, p.username.toUpperCase());
    expect(asOther.profile).toMatchObject({ username: p.username, commentCount: 1, likesReceived: 7, staff: false });
    expect(asOther.comments.map((x) => x.id)).toEqual([seen.id]);
    expect(asOther.comments[0].article.slug).toBe(slug);
    expect((await getProfile(prisma, null, p.username)).comments.map((x) => x.id)).toEqual([seen.id]);
    expect((await getProfile(prisma, p, p.username)).comments.map((x) => [x.id, x.status])).toEqual([[hidden.id, 'hidden'], [seen.id, 'visible']]);
    expect((await getProfile(prisma, mod, p.username)).comments.map((x) => x.id)).toEqual([hidden.id, seen.id]);
    expect((await getProfile(prisma, null, mod.username)).profile.staff).toBe(true);
    expect(await refusal(getProfile(prisma, null, 'no_such_member'))).toMatchObject({ status: 404, code: 'member_not_found' });
  });

  it('pages newest first with a cursor', async () => {
    const [p] = await createMembers(sql, 'pager', 1);
    const ids: number[] = [];
    for (let i = 0; i < PROFILE_PAGE + 3; i++) ids.push((await post(p, `第 ${i} 条`)).id);
    const first = await getProfile(prisma, null, p.username);
    const second = await getProfile(prisma, null, p.username, first.nextCursor);
    expect([...first.comments, ...second.comments].map((x) => x.id)).toEqual(ids.reverse());
    expect(second.nextCursor).toBeNull();
  });
});

describe('account settings', () => {
  it('changes the display name; refuses an empty one', async () => {
    const [m] = await createMembers(sql, 'rename', 1);
    expect(await changeDisplayName(prisma, m, { displayName: '  新名字 ' })).toEqual({ displayName: '新名字' });
    expect(await refusal(changeDisplayName(prisma, m, { displayName: '  ' }))).toMatchObject({ status: 422, fields: { displayName: 'display_name_length' } });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: m.id } })).displayName).toBe('新名字');
  });

  it('changes the password only with the current one, and ends other sessions', async () => {
    const [m] = await createMembers(sql, 'repass', 1);
    const before = await prisma.user.findUniqueOrThrow({ where: { id: m.id } });
    expect(await refusal(changePassword(prisma, m, { currentPassword: 'wrong password!', newPassword: 'a brand new passphrase 7' }))).toMatchObject({ fields: { currentPassword: 'password_wrong' } });
    expect(await refusal(changePassword(prisma, m, { currentPassword: MEMBER_PASSWORD, newPassword: 'short' }))).toMatchObject({ fields: { newPassword: 'password_short' } });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: m.id } })).passwordHash).toBe(before.passwordHash);
    await changePassword(prisma, m, { currentPassword: MEMBER_PASSWORD, newPassword: 'a brand new passphrase 7' });
    const after = await prisma.user.findUniqueOrThrow({ where: { id: m.id } });
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect(await verifyCredentials(prisma, { username: m.username, password: 'a brand new passphrase 7' }, 'x')).toMatchObject({ id: m.id });
    expect(await verifyCredentials(prisma, { username: m.username, password: MEMBER_PASSWORD }, 'x')).toBeNull();
  });

  it('exports profile, comments, likes and reports as JSON', async () => {
    const [m] = await createMembers(sql, 'export', 1);
    const mine = await post(m, '要导出的评论');
    const theirs = await post(b, '别人的评论');
    await setLike(prisma, m, theirs.id, true);
    await reportComment(prisma, m, theirs.id, { reason: 'spam', note: '广告' });
    const data = await exportAccount(prisma, m);
    expect(data.profile.username).toBe(m.username);
    expect(data.comments.map((x) => [x.id, x.body])).toEqual([[mine.id, '要导出的评论']]);
    expect(data.likes.map((l) => l.commentId)).toEqual([theirs.id]);
    expect(data.reports).toMatchObject([{ commentId: theirs.id, reason: 'spam', note: '广告' }]);
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
  });

  it('deletes the account with its password: tombstones without text, likes gone with counts right, the name kept reserved', async () => {
    const [m] = await createMembers(sql, 'leaver', 1);
    const answered = await post(m, '有回复的评论');
    await post(b, '回复离开的人', answered.id);
    const lonely = await post(m, '没有回复的评论');
    const liked = await post(b, '被点赞的评论');
    await setLike(prisma, m, liked.id, true);
    const likesBefore = (await row(liked.id)).likeCount;
    const count = await commentCount();
    expect(await refusal(deleteAccount(prisma, m, { password: 'wrong password!' }))).toMatchObject({ fields: { currentPassword: 'password_wrong' } });
    expect((await row(lonely.id)).status).toBe('visible');
    await deleteAccount(prisma, m, { password: MEMBER_PASSWORD });
    expect(await commentCount()).toBe(count - 2);
    expect((await row(liked.id)).likeCount).toBe(likesBefore - 1);
    expect(await prisma.like.count({ where: { userId: m.id } })).toBe(0);
    const page = await listComments(prisma, { articleId, sort: 'new' });
    const tomb = page.comments.find((x) => x.id === answered.id)!;
    expect(tomb).toMatchObject({ status: 'deleted', body: '', author: { deleted: true } });
    expect(page.comments.some((x) => x.id === lonely.id)).toBe(false);
    expect(await verifyCredentials(prisma, { username: m.username, password: MEMBER_PASSWORD }, 'x')).toBeNull();
    expect(await refusal(getProfile(prisma, null, m.username))).toMatchObject({ status: 404 });
    // The username stays reserved.
    expect((await refusal(createUser(prisma, { username: m.username, password: 'a fine long password' }, { address: 'leaver' }))).fields).toEqual({ username: 'username_taken' });
  });
});

describe('limits on a member’s own writes', () => {
  it('a session cannot keep guessing its member’s password: checks are limited, even the right one past the limit', async () => {
    const [m] = await createMembers(sql, 'guess', 1);
    const { limit } = RATE_LIMITS.passwordChecks;
    process.env.YILUN_RATE_LIMITS = 'on';
    try {
      await awaitFreshWindow(RATE_LIMITS.passwordChecks.seconds, 30);
      for (let i = 0; i < limit; i++) expect(await refusal(deleteAccount(prisma, m, { password: `guess ${i}` }))).toMatchObject({ status: 422 });
      const err = await refusal(changePassword(prisma, m, { currentPassword: MEMBER_PASSWORD, newPassword: 'a brand new passphrase 7' }));
      expect([err.status, err.code]).toEqual([429, 'rate_limited']);
      expect((await prisma.user.findUniqueOrThrow({ where: { id: m.id } })).deletedAt).toBeNull();
    } finally {
      process.env.YILUN_RATE_LIMITS = 'off';
    }
  }, 60_000);
});
