// Lifecycles without loopholes (issue 19.5): an article is visible by one rule everywhere
// (published, its time come, not taken down); nothing is written into a thread readers cannot
// see; a comment's mentions are limited over its whole life; staff powers rest during a
// suspension; an idempotency key is answered only after the checks and only in its thread;
// an admin's comment is for another admin to judge; deleting an account keeps the evidence.
import { beforeAll, describe, expect, it } from 'vitest';
import { createArticle, updateArticle } from '../lib/articles/publish.ts';
import { createComment } from '../lib/comments/create-comment.ts';
import { editComment } from '../lib/comments/own-comment.ts';
import { threadsFeed, commentsFeed } from '../lib/feeds/feeds.ts';
import { setLike } from '../lib/likes/set-like.ts';
import { setRole } from '../lib/moderation/admin.ts';
import { listLog } from '../lib/moderation/list-log.ts';
import { moderateComment } from '../lib/moderation/moderate-comment.ts';
import { moderateMember } from '../lib/moderation/moderate-member.ts';
import { listQueue } from '../lib/moderation/queue.ts';
import { reportComment } from '../lib/moderation/report-comment.ts';
import { listNotifications } from '../lib/notifications/notifications.ts';
import type { Actor } from '../lib/policy.ts';
import { getArticle } from '../lib/threads/get-article.ts';
import { listArticles } from '../lib/threads/list-articles.ts';
import { deleteAccount } from '../lib/users/account.ts';
import { getProfile } from '../lib/users/profile.ts';
import { freshDatabase } from './support/db.ts';
import { createMembers, MEMBER_PASSWORD } from './support/members.ts';
import { refusal } from './support/refusal.ts';

const { prisma, sql } = await freshDatabase();
type M = Actor & { username: string };
let a: M, b: M, mod: M, admin: M, admin2: M;
let named: M[];
const article = { title: '生命周期', source: '议论编辑部', body: '正文。' };

beforeAll(async () => {
  process.env.YILUN_RATE_LIMITS = 'off';
  [a, b] = await createMembers(sql, 'life', 2);
  named = await createMembers(sql, 'named', 9);
  [mod] = await createMembers(sql, 'lifemod', 1, { role: 'moderator' });
  [admin, admin2] = await createMembers(sql, 'lifeadmin', 2, { role: 'admin' });
});

const refused = async (p: Promise<unknown>) => {
  const e = await refusal(p);
  return `${e.status} ${e.code}`;
};

describe('one visibility rule for articles', () => {
  it('an article scheduled for later is unknown to readers, feeds, profiles and writes until its time', async () => {
    const visible = await createArticle(prisma, mod, { ...article, slug: 'life-now' });
    const c = await createComment(prisma, a, { slug: visible.slug, body: '早到的评论' });
    await createArticle(prisma, mod, { ...article, title: '定时发布的文章', slug: 'life-later', publishedAt: '2099-01-01T09:00' });
    expect(await getArticle(prisma, 'life-later')).toBeNull();
    expect((await listArticles(prisma)).articles.map((x) => x.slug)).not.toContain('life-later');
    expect(await threadsFeed(prisma, 'http://localhost', '议论')).not.toContain('定时发布的文章');
    expect(await commentsFeed(prisma, 'http://localhost', 'life-later')).toBeNull();
    expect(await refused(createComment(prisma, a, { slug: 'life-later', body: '抢先评论' }))).toBe('404 article_not_found');
    // Its comments (written into it by moving a comment's article, as an importer might) are not shown or writable either.
    await sql.query(`UPDATE comments SET article_id = (SELECT id FROM articles WHERE slug = 'life-later') WHERE id = $1`, [c.id]);
    expect(await refused(setLike(prisma, b, c.id, true))).toBe('404 comment_not_found');
    expect(await refused(reportComment(prisma, b, c.id, { reason: 'spam' }))).toBe('404 comment_not_found');
    expect(await refused(editComment(prisma, a, c.id, { body: '改一改' }))).toBe('404 article_not_found');
    const profile = await getProfile(prisma, b, a.username);
    expect(profile.comments.map((x) => x.id)).not.toContain(c.id);
    expect(profile.profile.commentCount).toBe(0);
    // When its time comes it is there, with no write needed.
    await sql.query(`UPDATE articles SET published_at = now() - interval '1 second' WHERE slug = 'life-later'`);
    expect(await getArticle(prisma, 'life-later')).not.toBeNull();
    expect((await listArticles(prisma)).articles.map((x) => x.slug)).toContain('life-later');
    expect((await setLike(prisma, b, c.id, true)).liked).toBe(true);
  });

  it('in a taken-down thread nothing is written, reports are refused, and notifications keep neither title nor excerpt', async () => {
    await createArticle(prisma, mod, { ...article, title: '将被撤下的文章', slug: 'life-down' });
    const c = await createComment(prisma, a, { slug: 'life-down', body: `提到 @${b.username} 一下` });
    const before = await listNotifications(prisma, b);
    expect(before.items[0]).toMatchObject({ type: 'mention', comment: { id: c.id, articleTitle: '将被撤下的文章' } });
    await updateArticle(prisma, mod, 'life-down', { published: false });
    expect(await refused(editComment(prisma, a, c.id, { body: `再提到 @${named[0].username}` }))).toBe('404 article_not_found');
    expect(await refused(createComment(prisma, a, { slug: 'life-down', body: '还能发吗' }))).toBe('404 article_not_found');
    expect(await refused(reportComment(prisma, b, c.id, { reason: 'abuse' }))).toBe('404 comment_not_found');
    expect(await refused(setLike(prisma, b, c.id, true))).toBe('404 comment_not_found');
    const after = await listNotifications(prisma, b);
    const item = after.items.find((n) => n.id === before.items[0].id)!;
    expect(item.comment).toBeNull();
    expect(JSON.stringify(after)).not.toContain('将被撤下的文章');
    expect(JSON.stringify(after)).not.toContain('提到');
    expect(await prisma.notification.count({ where: { userId: named[0].id } })).toBe(0);
  });
});

describe('mentions over a comment’s life', () => {
  it('editing cannot notify more members than one comment may name', async () => {
    await createArticle(prisma, mod, { ...article, slug: 'life-mentions' });
    const at = (ms: M[]) => ms.map((m) => `@${m.username}`).join(' ');
    const c = await createComment(prisma, a, { slug: 'life-mentions', body: `大家看 ${at(named.slice(0, 5))}` });
    expect(await prisma.notification.count({ where: { commentId: c.id, type: 'mention' } })).toBe(5);
    // Three new names in place of three old ones: eight members in all.
    const e = await refusal(editComment(prisma, a, c.id, { body: `大家看 ${at([...named.slice(0, 2), ...named.slice(5, 8)])}` }));
    expect(e.fields).toEqual({ body: 'body_too_many_mentions_edit' });
    expect(await prisma.notification.count({ where: { commentId: c.id, type: 'mention' } })).toBe(5);
    expect((await prisma.comment.findUniqueOrThrow({ where: { id: c.id } })).body).toContain(named[0].username);
    // Dropping names and keeping those already told is fine.
    await editComment(prisma, a, c.id, { body: `大家看 ${at(named.slice(0, 2))}` });
    // A comment that named two may still name three more, once.
    const d = await createComment(prisma, a, { slug: 'life-mentions', body: `只提 ${at(named.slice(0, 2))}` });
    await editComment(prisma, a, d.id, { body: `再加 ${at(named.slice(0, 5))}` });
    expect(await prisma.notification.count({ where: { commentId: d.id, type: 'mention' } })).toBe(5);
    expect((await refusal(editComment(prisma, a, d.id, { body: `换人 ${at(named.slice(5, 6))}` }))).fields).toEqual({ body: 'body_too_many_mentions_edit' });
  });
});

describe('staff powers and suspension', () => {
  it('a member promoted while suspended is refused, and a suspended moderator has no staff powers', async () => {
    const [s] = await createMembers(sql, 'lifesusp', 1);
    await moderateMember(prisma, mod, s.username, { action: 'suspend', until: new Date(Date.now() + 3_600_000).toISOString() });
    expect(await refused(setRole(prisma, admin, s.username, 'moderator'))).toBe('409 member_suspended');
    expect(await prisma.user.count({ where: { id: s.id, role: 'moderator' } })).toBe(0);
    // A moderator whose row says suspended (however it came to be) decides nothing.
    const suspendedMod = { ...mod, status: 'suspended' as const, suspendedUntil: new Date(Date.now() + 3_600_000) };
    await createArticle(prisma, mod, { ...article, slug: 'life-susp' });
    const c = await createComment(prisma, a, { slug: 'life-susp', body: '待处理' });
    expect(await refused(moderateComment(prisma, suspendedMod, c.id, 'hide', '测试'))).toBe('403 suspended_staff');
    expect(await refused(listQueue(prisma, suspendedMod, 'reported'))).toBe('403 suspended_staff');
    expect(await refused(moderateMember(prisma, suspendedMod, b.username, { action: 'suspend' }))).toBe('403 suspended_staff');
    // A suspension that has run out is no suspension.
    const over = { ...mod, status: 'suspended' as const, suspendedUntil: new Date(Date.now() - 1000) };
    await moderateComment(prisma, over, c.id, 'hide', '过期的暂停不算');
    expect((await prisma.comment.findUniqueOrThrow({ where: { id: c.id } })).status).toBe('hidden');
  });
});

describe('idempotency keys', () => {
  it('are answered after the checks, and only in the thread they were first used in', async () => {
    await createArticle(prisma, mod, { ...article, slug: 'life-key-1' });
    await createArticle(prisma, mod, { ...article, slug: 'life-key-2' });
    const first = await createComment(prisma, a, { slug: 'life-key-1', body: '一次', idempotencyKey: 'key-life-1' });
    expect(first.created).toBe(true);
    expect(await createComment(prisma, a, { slug: 'life-key-1', body: '一次', idempotencyKey: 'key-life-1' })).toMatchObject({ id: first.id, created: false });
    expect(await refused(createComment(prisma, a, { slug: 'life-key-2', body: '一次', idempotencyKey: 'key-life-1' }))).toBe('409 idempotency_key_reused');
    // Taken down: the repeat is not answered with the old comment either.
    await updateArticle(prisma, mod, 'life-key-1', { published: false });
    expect(await refused(createComment(prisma, a, { slug: 'life-key-1', body: '一次', idempotencyKey: 'key-life-1' }))).toBe('404 article_not_found');
    // Suspended meanwhile: refused as suspended, not answered as a success.
    const suspended = { ...a, status: 'suspended' as const, suspendedUntil: new Date(Date.now() + 3_600_000) };
    await updateArticle(prisma, mod, 'life-key-1', { published: true });
    expect(await refused(createComment(prisma, suspended, { slug: 'life-key-1', body: '一次', idempotencyKey: 'key-life-1' }))).toBe('403 suspended');
    expect(await prisma.comment.count({ where: { authorId: a.id, idempotencyKey: 'key-life-1' } })).toBe(1);
  });
});

describe("who decides on an admin's comment", () => {
  it('a moderator may not; another admin may, and may put it back', async () => {
    await createArticle(prisma, mod, { ...article, slug: 'life-admin' });
    const c = await createComment(prisma, admin, { slug: 'life-admin', body: '管理员的话' });
    expect(await refused(moderateComment(prisma, mod, c.id, 'remove', '试试'))).toBe('403 admin_comment');
    expect((await prisma.comment.findUniqueOrThrow({ where: { id: c.id } })).status).toBe('visible');
    const log = await listLog(prisma, admin, {});
    expect(log.entries.some((e) => e.action === 'comment:refused' && e.commentId === c.id)).toBe(true);
    expect(await refused(moderateComment(prisma, admin, c.id, 'hide', '自己的'))).toBe('403 own_comment');
    await moderateComment(prisma, admin2, c.id, 'hide', '另一位管理员');
    await moderateComment(prisma, admin2, c.id, 'restore', '放回');
    expect((await prisma.comment.findUniqueOrThrow({ where: { id: c.id } })).status).toBe('visible');
    // Moderators still judge one another's comments, and admins judge moderators'.
    const m = await createComment(prisma, mod, { slug: 'life-admin', body: '版主的话' });
    await moderateComment(prisma, admin, m.id, 'hide', '管理员处理版主');
    expect((await prisma.comment.findUniqueOrThrow({ where: { id: m.id } })).status).toBe('hidden');
  });
});

describe('deleting an account keeps the evidence', () => {
  it('the text of reported and moderated comments stays in the log for staff; the rest goes', async () => {
    const [d] = await createMembers(sql, 'lifedel', 1);
    await createArticle(prisma, mod, { ...article, slug: 'life-delete' });
    const reported = await createComment(prisma, d, { slug: 'life-delete', body: '一句被举报的辱骂' });
    const hidden = await createComment(prisma, d, { slug: 'life-delete', body: '一句被隐藏的话' });
    const plain = await createComment(prisma, d, { slug: 'life-delete', body: '一句普通的话' });
    await reportComment(prisma, b, reported.id, { reason: 'abuse' });
    await moderateComment(prisma, mod, hidden.id, 'hide', '不友善');
    await deleteAccount(prisma, d, { password: MEMBER_PASSWORD });
    // The comments themselves are emptied, for everyone.
    const rows = await prisma.comment.findMany({ where: { authorId: d.id }, select: { body: true, status: true } });
    expect(rows.every((r) => r.body === '' && r.status === 'deleted')).toBe(true);
    // Staff keep the words of the two that mattered to moderation, and not the third.
    const log = await listLog(prisma, mod, {});
    const kept = log.entries.filter((e) => e.action === 'comment:delete' && [reported.id, hidden.id, plain.id].includes(e.commentId!));
    const bodies = kept.map((e) => (e.details as { body?: string }).body);
    expect(bodies.sort()).toEqual(['一句被举报的辱骂', '一句被隐藏的话'].sort());
    expect(kept.find((e) => e.commentId === reported.id)!.details).toMatchObject({ reports: 1, status: 'visible', accountDeleted: true });
    expect(JSON.stringify(log)).not.toContain('一句普通的话');
  });
});
