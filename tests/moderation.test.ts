import { beforeAll, describe, expect, it } from 'vitest';
import { SURGE_MIN_AUTHORS } from '../lib/moderation/auto-premod.ts';
import { createComment } from '../lib/comments/create-comment.ts';
import { setLike } from '../lib/likes/set-like.ts';
import { getWordLists, putWordLists, setRole } from '../lib/moderation/admin.ts';
import { listLog } from '../lib/moderation/list-log.ts';
import { moderateArticle } from '../lib/moderation/moderate-article.ts';
import { moderateComment } from '../lib/moderation/moderate-comment.ts';
import { moderateMember } from '../lib/moderation/moderate-member.ts';
import { listQueue } from '../lib/moderation/queue.ts';
import { AUTO_PREMOD_DEFAULTS, readAutoPremodSettings, saveAutoPremodSettings } from '../lib/moderation/settings.ts';
import { listNotifications, markNotificationsRead, unreadCount } from '../lib/notifications/notifications.ts';
import { listMembers, listThreads, threadSearchTerm } from '../lib/moderation/directory.ts';
import { reportComment } from '../lib/moderation/report-comment.ts';
import { listComments } from '../lib/threads/list-comments.ts';
import type { Actor } from '../lib/policy.ts';
import { freshDatabase } from './support/db.ts';
import { refusal } from './support/refusal.ts';
import { generateThread } from './support/generate-thread.ts';
import { createMembers } from './support/members.ts';

const { prisma, sql } = await freshDatabase();
let mod: Actor & { username: string };
let admin: Actor & { username: string };
let slug: string;
let articleId: number;

beforeAll(async () => {
  process.env.YILUN_RATE_LIMITS = 'off';
  [mod] = await createMembers(sql, 'mod', 1, { role: 'moderator' });
  [admin] = await createMembers(sql, 'admin', 1, { role: 'admin' });
  ({ slug, articleId } = await generateThread(sql, { slug: 'mod-thread', topLevel: 2 }));
  // These tests post and report quickly in one thread; the surge test sets its own thresholds.
  await setThresholds({ postsPerMinute: 10_000, reportsPerMinute: 10_000, minutes: 10 });
});

async function setThresholds(value: { postsPerMinute: number; reportsPerMinute: number; minutes: number }) {
  await prisma.setting.upsert({ where: { key: 'autoPremod' }, create: { key: 'autoPremod', value }, update: { value } });
}


const article = () => prisma.article.findUniqueOrThrow({ where: { id: articleId } });
const comment = (id: number) => prisma.comment.findUniqueOrThrow({ where: { id } });

describe('reports', () => {
  it('one report per member per comment; never one\'s own; a reason from the list', async () => {
    const [author, reporter] = await createMembers(sql, 'rep', 2);
    const c = await createComment(prisma, author, { slug, body: '被举报的评论' });
    expect(await reportComment(prisma, reporter, c.id, { reason: 'abuse', note: '骂人' })).toHaveProperty('id');
    expect((await refusal(reportComment(prisma, reporter, c.id, { reason: 'spam' }))).code).toBe('report_duplicate');
    expect((await refusal(reportComment(prisma, author, c.id, { reason: 'spam' }))).code).toBe('report_own');
    expect((await refusal(reportComment(prisma, reporter, c.id, { reason: 'boring' }))).fields).toEqual({ reason: 'report_reason' });
    expect((await refusal(reportComment(prisma, null, c.id, { reason: 'spam' }))).status).toBe(401);
  });

  it('the reported tab lists the most reported first, with the reports', async () => {
    const [a, ...reporters] = await createMembers(sql, 'most', 4);
    const once = await createComment(prisma, a, { slug, body: '一次' });
    const thrice = await createComment(prisma, a, { slug, body: '三次' });
    await reportComment(prisma, reporters[0], once.id, { reason: 'spam' });
    for (const r of reporters) await reportComment(prisma, r, thrice.id, { reason: 'off-topic', note: `note ${r.id}` });
    const q = await listQueue(prisma, mod, 'reported');
    const ids = q.items.map((i) => i.comment.id);
    expect(ids.indexOf(thrice.id)).toBeLessThan(ids.indexOf(once.id));
    const item = q.items.find((i) => i.comment.id === thrice.id)!;
    expect(item.openReports).toBe(3);
    expect(item.reports.map((r) => r.reason)).toEqual(['off-topic', 'off-topic', 'off-topic']);
    expect(item.article).toEqual({ slug, title: expect.any(String) });
    expect(item.author).toMatchObject({ username: a.username, removedCount: 0 });
    // Approving clears its reports from the tab.
    await moderateComment(prisma, mod, thrice.id, 'approve');
    expect((await listQueue(prisma, mod, 'reported')).items.map((i) => i.comment.id)).not.toContain(thrice.id);
  });
});

describe('decisions mean what they say', () => {
  it('dismissing reports, or the older "approve", never republishes a removed or hidden comment; removed ones leave the reported tab', async () => {
    const slug = 'decisions';
    await generateThread(sql, { slug, topLevel: 0 });
    const [spammer, r1, r2] = await createMembers(sql, 'decide', 3);
    const spam = await createComment(prisma, spammer, { slug, body: '加微信领红包' });
    const other = await createComment(prisma, r1, { slug, body: '正常评论' });
    await reportComment(prisma, r1, spam.id, { reason: 'spam' });
    await reportComment(prisma, r2, other.id, { reason: 'spam' });
    // A ban that removes the spammer's comments: the removed spam leaves the reported tab.
    await moderateMember(prisma, mod, spammer.username, { action: 'ban', removeComments: true });
    expect((await listQueue(prisma, mod, 'reported')).items.map((i) => i.comment.id)).not.toContain(spam.id);
    await moderateComment(prisma, mod, spam.id, 'dismiss');
    expect((await prisma.comment.findUniqueOrThrow({ where: { id: spam.id } })).status).toBe('removed');
    // Its reports are closed now: nothing left to dismiss, approve or publish.
    for (const action of ['approve', 'dismiss', 'publish']) {
      await moderateComment(prisma, mod, spam.id, action).catch(() => null);
      expect((await prisma.comment.findUniqueOrThrow({ where: { id: spam.id } })).status, action).toBe('removed');
    }
    await moderateComment(prisma, mod, other.id, 'hide');
    expect((await refusal(moderateComment(prisma, mod, other.id, 'dismiss'))).code).toBe('already_handled');
    expect((await prisma.comment.findUniqueOrThrow({ where: { id: other.id } })).status).toBe('hidden');
    // A hidden comment has a home: the hidden tab, where it can be restored.
    expect((await listQueue(prisma, mod, 'hidden')).items.map((i) => i.comment.id)).toContain(other.id);
    // Only "restore" brings a comment back.
    await moderateComment(prisma, mod, other.id, 'restore');
    expect((await listQueue(prisma, mod, 'hidden')).items.map((i) => i.comment.id)).not.toContain(other.id);
    expect((await prisma.comment.findUniqueOrThrow({ where: { id: other.id } })).status).toBe('visible');
  });
});

describe('no self-judgement', () => {
  it('a moderator cannot decide on their own comment, nor on the reports against it; another can', async () => {
    await generateThread(sql, { slug: 'own-judge', topLevel: 0 });
    const [other] = await createMembers(sql, 'ownjudge', 1);
    const mine = await createComment(prisma, mod, { slug: 'own-judge', body: '版主自己的评论' });
    await reportComment(prisma, other, mine.id, { reason: 'abuse' });
    for (const action of ['dismiss', 'hide', 'remove']) {
      expect((await refusal(moderateComment(prisma, mod, mine.id, action))).code, action).toBe('own_comment');
    }
    expect((await prisma.comment.findUniqueOrThrow({ where: { id: mine.id } })).status).toBe('visible');
    // The log shows the refused attempts.
    const refused = await prisma.moderationAction.findMany({ where: { commentId: mine.id, action: 'comment:refused' } });
    expect(refused.map((r) => [r.moderatorId, r.reason])).toEqual([
      [mod.id, 'own_comment'],
      [mod.id, 'own_comment'],
      [mod.id, 'own_comment'],
    ]);
    await moderateComment(prisma, admin, mine.id, 'dismiss');
    expect((await listQueue(prisma, admin, 'reported')).items.map((i) => i.comment.id)).not.toContain(mine.id);
  });
});

describe('decisions at the same time, and on a changed comment', () => {
  it('two moderators deciding one item at once: the first stands, the second is told it was handled', async () => {
    await generateThread(sql, { slug: 'same-time', topLevel: 0 });
    const [author, reporter] = await createMembers(sql, 'sametime', 2);
    const c = await createComment(prisma, author, { slug: 'same-time', body: '两位版主同时处理' });
    await reportComment(prisma, reporter, c.id, { reason: 'abuse' });
    const [mod2] = await createMembers(sql, 'mod2', 1, { role: 'moderator' });
    const results = await Promise.allSettled([
      moderateComment(prisma, mod, c.id, 'remove', '人身攻击', 'visible', { onReports: true }),
      moderateComment(prisma, mod2, c.id, 'dismiss', null, 'visible', { onReports: true }),
    ]);
    const won = results.findIndex((r) => r.status === 'fulfilled');
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results[1 - won] as PromiseRejectedResult;
    expect(lost.reason.status).toBe(409);
    expect(['state_changed', 'already_handled']).toContain(lost.reason.code);
    expect((await comment(c.id)).status).toBe(won === 0 ? 'removed' : 'visible');
    expect(await prisma.moderationAction.count({ where: { commentId: c.id } })).toBe(1);
  });

  it('a decision on a comment whose status changed since the page loaded is refused with the status it has now', async () => {
    await generateThread(sql, { slug: 'changed', topLevel: 0 });
    const [author, reporter] = await createMembers(sql, 'changed', 2);
    const c = await createComment(prisma, author, { slug: 'changed', body: '加载后被删除' });
    await reportComment(prisma, reporter, c.id, { reason: 'abuse' });
    await moderateComment(prisma, admin, c.id, 'hide', '先隐藏');
    const err = await refusal(moderateComment(prisma, mod, c.id, 'remove', null, 'visible'));
    expect([err.status, err.code, err.params]).toEqual([409, 'state_changed', { status: 'hidden' }]);
    expect((await comment(c.id)).status).toBe('hidden');
    expect((await refusal(moderateComment(prisma, mod, c.id, 'remove', null, 'gone'))).status).toBe(422);
  });

  it('reporters are notified when their report leads to action, not when it is dismissed', async () => {
    await generateThread(sql, { slug: 'told', topLevel: 0 });
    const [author, r1, r2, r3] = await createMembers(sql, 'told', 4);
    const bad = await createComment(prisma, author, { slug: 'told', body: '该删' });
    const fine = await createComment(prisma, author, { slug: 'told', body: '没问题' });
    await reportComment(prisma, r1, bad.id, { reason: 'abuse' });
    await reportComment(prisma, r2, bad.id, { reason: 'abuse' });
    await reportComment(prisma, r3, fine.id, { reason: 'spam' });
    await moderateComment(prisma, mod, bad.id, 'remove', '辱骂');
    await moderateComment(prisma, mod, fine.id, 'dismiss');
    const notes = await prisma.notification.findMany({ where: { type: 'report_upheld' }, select: { userId: true, commentId: true } });
    expect(notes.filter((n) => n.commentId === bad.id).map((n) => n.userId).sort()).toEqual([r1.id, r2.id].sort());
    expect(notes.filter((n) => n.commentId === fine.id)).toEqual([]);
    // The reporter reads it on /notifications (and the API): counted, listed, then read.
    expect(await unreadCount(prisma, r1.id)).toBe(1);
    const page = await listNotifications(prisma, r1);
    expect(page.items.map((n) => [n.type, n.comment?.id, n.read, n.comment?.excerpt])).toEqual([['report_upheld', bad.id, false, '']]);
    expect(await markNotificationsRead(prisma, r1, [page.items[0].id])).toBe(1);
    expect(await unreadCount(prisma, r1.id)).toBe(0);
    expect((await refusal(markNotificationsRead(prisma, r1, ['x']))).fields).toEqual({ ids: 'ids_invalid' });
    expect((await refusal(listNotifications(prisma, null))).status).toBe(401);
  });

  it('a held reply, once published, notifies the author it answers', async () => {
    await generateThread(sql, { slug: 'held-reply', topLevel: 0 });
    const [a, b] = await createMembers(sql, 'heldreply', 2);
    const top = await createComment(prisma, a, { slug: 'held-reply', body: '楼主' });
    await moderateArticle(prisma, mod, 'held-reply', 'premod-on');
    const reply = await createComment(prisma, b, { slug: 'held-reply', body: '待审的回复', parentId: top.id });
    expect(reply.status).toBe('held');
    expect((await listNotifications(prisma, a)).items).toEqual([]);
    await moderateComment(prisma, mod, reply.id, 'publish');
    expect((await listNotifications(prisma, a)).items.map((n) => [n.type, n.comment?.id, n.actor?.username])).toEqual([['reply', reply.id, b.username]]);
  });

  it('a reply notification is not shown once the reply is no longer visible', async () => {
    await generateThread(sql, { slug: 'reply-note', topLevel: 0 });
    const [a, b] = await createMembers(sql, 'replynote', 2);
    const top = await createComment(prisma, a, { slug: 'reply-note', body: '楼主' });
    const reply = await createComment(prisma, b, { slug: 'reply-note', body: '回复', parentId: top.id });
    expect((await listNotifications(prisma, a)).items.map((n) => [n.type, n.actor?.username, n.comment?.excerpt])).toEqual([['reply', b.username, '回复']]);
    await moderateComment(prisma, mod, reply.id, 'hide');
    expect((await listNotifications(prisma, a)).items).toEqual([]);
    expect(await unreadCount(prisma, a.id)).toBe(0);
  });
});

describe('removing, hiding, restoring', () => {
  it('a removed comment with replies is a tombstone, its replies stay; counters follow; restore undoes it', async () => {
    const [a, b] = await createMembers(sql, 'tomb', 2);
    const parent = await createComment(prisma, a, { slug, body: '父评论' });
    const reply = await createComment(prisma, b, { slug, body: '回复', parentId: parent.id });
    const before = (await article()).commentCount;
    await moderateComment(prisma, mod, parent.id, 'remove', '辱骂');
    expect((await article()).commentCount).toBe(before - 1);
    const page = await listComments(prisma, { articleId, sort: 'new' });
    const shown = page.comments.find((c) => c.id === parent.id)!;
    expect(shown.status).toBe('removed');
    expect(shown.replies.map((r) => r.id)).toEqual([reply.id]);
    // The author still sees it, with the reason; others see the tombstone.
    const asAuthor = await listComments(prisma, { articleId, sort: 'new', viewerId: a.id });
    expect(asAuthor.comments.find((c) => c.id === parent.id)).toMatchObject({ status: 'removed', statusReason: '辱骂' });
    // The reply goes too: now the parent has no visible replies and disappears for readers.
    await moderateComment(prisma, mod, reply.id, 'remove');
    expect((await comment(parent.id)).replyCount).toBe(0);
    expect((await comment(parent.id)).threadReplyCount).toBe(0);
    expect((await listComments(prisma, { articleId, sort: 'new' })).comments.map((c) => c.id)).not.toContain(parent.id);
    expect((await listQueue(prisma, mod, 'removed')).items[0].comment.id).toBe(reply.id);
    await moderateComment(prisma, mod, parent.id, 'restore');
    await moderateComment(prisma, mod, reply.id, 'restore');
    expect((await article()).commentCount).toBe(before);
    expect((await comment(parent.id))).toMatchObject({ status: 'visible', replyCount: 1, threadReplyCount: 1, statusReason: null });
  });

  it('hide takes a comment out of sight without a tombstone', async () => {
    const [a] = await createMembers(sql, 'hide', 1);
    const c = await createComment(prisma, a, { slug, body: '隐藏我' });
    await moderateComment(prisma, mod, c.id, 'hide');
    expect((await listComments(prisma, { articleId, sort: 'new' })).comments.map((x) => x.id)).not.toContain(c.id);
  });
});

describe('word lists', () => {
  it('a banned word refuses the comment and stores nothing; a suspect word holds it until approved', async () => {
    await putWordLists(prisma, admin, { banned: ['狗屁'], suspect: ['美利坚'] });
    expect(await getWordLists(prisma, admin)).toEqual({ banned: ['狗屁'], suspect: ['美利坚'] });
    const [m] = await createMembers(sql, 'words', 1);
    const before = await prisma.comment.count();
    const err = await refusal(createComment(prisma, m, { slug, body: '不懂装懂，狗 . 屁不通' }));
    expect([err.status, err.fields]).toEqual([422, { body: 'body_banned_word' }]);
    expect(await prisma.comment.count()).toBe(before);

    const countBefore = (await article()).commentCount;
    const held = await createComment(prisma, m, { slug, body: '美 利 坚的AI' });
    expect(held.status).toBe('held');
    expect((await article()).commentCount).toBe(countBefore);
    expect((await listComments(prisma, { articleId, sort: 'new' })).comments.map((c) => c.id)).not.toContain(held.id);
    expect((await listComments(prisma, { articleId, sort: 'new', viewerId: m.id })).comments.find((c) => c.id === held.id)?.status).toBe('held');
    expect((await listQueue(prisma, mod, 'held')).items.map((i) => i.comment.id)).toContain(held.id);
    await moderateComment(prisma, mod, held.id, 'approve');
    expect((await article()).commentCount).toBe(countBefore + 1);
    expect((await listComments(prisma, { articleId, sort: 'new' })).comments.map((c) => c.id)).toContain(held.id);
    await putWordLists(prisma, admin, { banned: [], suspect: [] });
  });

  it('only admins read or change the lists', async () => {
    expect((await refusal(getWordLists(prisma, mod))).status).toBe(403);
    expect((await refusal(putWordLists(prisma, mod, { banned: [], suspect: [] }))).status).toBe(403);
    expect((await refusal(putWordLists(prisma, admin, { banned: 'x', suspect: [] }))).fields).toEqual({ banned: 'words_invalid' });
  });
});

describe('members and threads', () => {
  it('suspend: reads but cannot post, like or report until lifted', async () => {
    const [m, other] = await createMembers(sql, 'susp', 2);
    const c = await createComment(prisma, other, { slug, body: '别人的评论' });
    await moderateMember(prisma, mod, m.username, { action: 'suspend', until: new Date(Date.now() + 3600_000).toISOString(), reason: '冷静一下' });
    const row = await prisma.user.findUniqueOrThrow({ where: { id: m.id } });
    const actor = { ...m, status: row.status, suspendedUntil: row.suspendedUntil };
    expect((await refusal(createComment(prisma, actor, { slug, body: 'x' }))).code).toBe('suspended');
    expect((await refusal(setLike(prisma, actor, c.id, true))).code).toBe('suspended');
    expect((await refusal(reportComment(prisma, actor, c.id, { reason: 'spam' }))).code).toBe('suspended');
    await moderateMember(prisma, mod, m.username, { action: 'lift' });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: m.id } })).status).toBe('active');
  });

  it('ban ends sessions (session version) and can remove every comment, keeping counters right', async () => {
    const [m, other] = await createMembers(sql, 'ban', 2);
    const top = await createComment(prisma, m, { slug, body: '要被删的' });
    await createComment(prisma, other, { slug, body: '回复他', parentId: top.id });
    await createComment(prisma, m, { slug, body: '再回', parentId: top.id });
    const before = (await article()).commentCount;
    const r = await moderateMember(prisma, mod, m.username, { action: 'ban', removeComments: true, reason: '广告' });
    expect(r.removedComments).toBe(2);
    const row = await prisma.user.findUniqueOrThrow({ where: { id: m.id } });
    expect(row).toMatchObject({ status: 'banned', sessionVersion: 1 });
    expect((await article()).commentCount).toBe(before - 2);
    expect(await comment(top.id)).toMatchObject({ status: 'removed', replyCount: 1, threadReplyCount: 1 });
  });

  it('staff cannot be suspended by a moderator', async () => {
    expect((await refusal(moderateMember(prisma, mod, admin.username, { action: 'ban' }))).code).toBe('staff_protected');
  });

  it('lock and pre-moderation', async () => {
    const [m] = await createMembers(sql, 'lock', 1);
    const t = await generateThread(sql, { slug: 'lockable', topLevel: 1 });
    await moderateArticle(prisma, mod, 'lockable', 'lock', '吵得太厉害');
    expect((await refusal(createComment(prisma, m, { slug: 'lockable', body: 'x' }))).code).toBe('locked');
    await moderateArticle(prisma, mod, 'lockable', 'unlock');
    await moderateArticle(prisma, mod, 'lockable', 'premod-on');
    expect((await createComment(prisma, m, { slug: 'lockable', body: '先审' })).status).toBe('held');
    await moderateArticle(prisma, mod, 'lockable', 'premod-off');
    expect((await createComment(prisma, m, { slug: 'lockable', body: '直接发' })).status).toBe('visible');
    expect(t.articleId).toBeGreaterThan(0);
  });

  it('a surge of posts from many new accounts switches the thread to pre-moderation by itself', async () => {
    await setThresholds({ postsPerMinute: 3, reportsPerMinute: 50, minutes: 10 });
    await generateThread(sql, { slug: 'surge', topLevel: 0 });
    const ms = await createMembers(sql, 'surge', SURGE_MIN_AUTHORS + 2);
    const statuses = [];
    for (const m of ms) statuses.push((await createComment(prisma, m, { slug: 'surge', body: '刷屏' })).status);
    // The breaker trips with the SURGE_MIN_AUTHORS-th new account; later posts are held.
    expect(statuses).toEqual([...Array(SURGE_MIN_AUTHORS).fill('visible'), 'held', 'held']);
    const a = await prisma.article.findUniqueOrThrow({ where: { slug: 'surge' } });
    expect(a.premodUntil!.getTime()).toBeGreaterThan(Date.now() + 9 * 60_000);
    // The log shows it, done by the forum itself.
    const logged = await prisma.moderationAction.findMany({ where: { articleId: a.id, action: 'article:auto-premod' } });
    expect(logged.map((l) => [l.moderatorId, (l.details as { kind: string }).kind])).toEqual([[null, 'posts']]);
    expect((await listLog(prisma, admin, { article: 'surge' })).entries[0]).toMatchObject({ moderator: null, action: 'article:auto-premod', target: 'article:surge' });
    await setThresholds({ postsPerMinute: 10_000, reportsPerMinute: 10_000, minutes: 10 });
  });

  it('regulars posting among a surge neither trip the breaker nor hide it: the new account that completes it does', async () => {
    await setThresholds({ postsPerMinute: 3, reportsPerMinute: 50, minutes: 10 });
    await generateThread(sql, { slug: 'mixed-surge', topLevel: 0 });
    const fresh = await createMembers(sql, 'mixednew', SURGE_MIN_AUTHORS);
    const [regular] = await createMembers(sql, 'mixedold', 1);
    await sql.query(`UPDATE users SET created_at = now() - interval '30 days' WHERE id = $1`, [regular.id]);
    const before = await generateThread(sql, { slug: 'mixed-before', topLevel: 0 });
    await sql.query(`INSERT INTO comments (article_id, author_id, body, created_at) SELECT $1, $2, '以前的评论', now() - interval '2 days' FROM generate_series(1, 3)`, [before.articleId, regular.id]);
    const statuses = [];
    for (const m of fresh) {
      statuses.push((await createComment(prisma, m, { slug: 'mixed-surge', body: '刷屏' })).status);
      statuses.push((await createComment(prisma, regular, { slug: 'mixed-surge', body: `常客 ${statuses.length}` })).status);
      await sql.query("DELETE FROM rate_limit_buckets WHERE key LIKE 'comment%'");
    }
    // Visible until the SURGE_MIN_AUTHORS-th new account posts; the regular's post after it is held.
    expect(statuses).toEqual([...Array(2 * SURGE_MIN_AUTHORS - 1).fill('visible'), 'held']);
    await setThresholds({ postsPerMinute: 10_000, reportsPerMinute: 10_000, minutes: 10 });
  });

  it('a few accounts, or a lively thread of regulars, never trip the post breaker', async () => {
    await setThresholds({ postsPerMinute: 3, reportsPerMinute: 50, minutes: 10 });
    await generateThread(sql, { slug: 'lively', topLevel: 0 });
    // Five new accounts, each posting more than once.
    const few = await createMembers(sql, 'few', 5);
    for (const m of few) {
      expect((await createComment(prisma, m, { slug: 'lively', body: '第一条' })).status).toBe('visible');
      await sql.query("DELETE FROM rate_limit_buckets WHERE key LIKE 'comment%'");
      expect((await createComment(prisma, m, { slug: 'lively', body: '第二条' })).status).toBe('visible');
      await sql.query("DELETE FROM rate_limit_buckets WHERE key LIKE 'comment%'");
    }
    // Twelve regulars: accounts a month old with comments behind them.
    const regulars = await createMembers(sql, 'regular', SURGE_MIN_AUTHORS + 2);
    await sql.query(`UPDATE users SET created_at = now() - interval '30 days' WHERE username LIKE 'regular%'`);
    const other = await generateThread(sql, { slug: 'earlier', topLevel: 0 });
    await sql.query(
      `INSERT INTO comments (article_id, author_id, body, created_at) SELECT $1, u.id, '以前的评论', now() - interval '2 days' FROM users u, generate_series(1, 3) WHERE u.username LIKE 'regular%'`,
      [other.articleId],
    );
    for (const m of regulars) expect((await createComment(prisma, m, { slug: 'lively', body: '热闹' })).status).toBe('visible');
    expect((await prisma.article.findUniqueOrThrow({ where: { slug: 'lively' } })).premodUntil).toBeNull();
    await setThresholds({ postsPerMinute: 10_000, reportsPerMinute: 10_000, minutes: 10 });
  });
});

describe('roles and the audit log', () => {
  it('admins grant and revoke the moderator role; moderators cannot', async () => {
    const [m] = await createMembers(sql, 'role', 1);
    expect((await refusal(setRole(prisma, mod, m.username, 'moderator'))).status).toBe(403);
    await setRole(prisma, admin, m.username, 'moderator');
    expect((await prisma.user.findUniqueOrThrow({ where: { id: m.id } })).role).toBe('moderator');
    await setRole(prisma, admin, m.username, 'member');
    expect((await refusal(setRole(prisma, admin, admin.username, 'member'))).code).toBe('staff_protected');
  });

  it('logs every action, filters by moderator, member and thread; members never read it', async () => {
    const all = await listLog(prisma, admin, {});
    expect(all.entries.length).toBeGreaterThan(5);
    expect(all.entries[0].createdAt.getTime()).toBeGreaterThanOrEqual(all.entries.at(-1)!.createdAt.getTime());
    const byMod = await listLog(prisma, admin, { moderator: mod.username });
    expect(byMod.entries.every((e) => e.moderator === mod.username)).toBe(true);
    const byThread = await listLog(prisma, mod, { article: 'lockable' });
    expect(byThread.entries.map((e) => e.action)).toEqual(['article:premod-off', 'article:premod-on', 'article:unlock', 'article:lock']);
    expect(byThread.entries.find((e) => e.action === 'article:lock')?.reason).toBe('吵得太厉害');
    const [m] = await createMembers(sql, 'nolog', 1);
    expect((await refusal(listLog(prisma, m, {}))).status).toBe(403);
    expect((await refusal(listQueue(prisma, m, 'reported'))).status).toBe(403);
  });
});

describe('a surge of reports', () => {
  const established = async (prefix: string, n: number) => {
    const ms = await createMembers(sql, prefix, n);
    await sql.query(`UPDATE users SET created_at = now() - interval '30 days' WHERE id = ANY($1)`, [ms.map((m) => m.id)]);
    return ms;
  };

  it('from several members in good standing switches the thread to pre-moderation, and the queue lists it', async () => {
    await setThresholds({ postsPerMinute: 10_000, reportsPerMinute: 2, minutes: 5 });
    await generateThread(sql, { slug: 'report-surge', topLevel: 0 });
    const [a] = await createMembers(sql, 'rsurge', 1);
    const [r1, r2] = await established('rsurgeR', 2);
    const c = await createComment(prisma, a, { slug: 'report-surge', body: '引战' });
    await reportComment(prisma, r1, c.id, { reason: 'abuse' });
    expect((await prisma.article.findUniqueOrThrow({ where: { slug: 'report-surge' } })).premodUntil).toBeNull();
    await reportComment(prisma, r2, c.id, { reason: 'abuse' });
    expect((await prisma.article.findUniqueOrThrow({ where: { slug: 'report-surge' } })).premodUntil!.getTime()).toBeGreaterThan(Date.now());
    const { surgingThreads } = await import('../lib/moderation/queue.ts');
    expect((await surgingThreads(prisma)).map((s) => s.slug)).toContain('report-surge');
    await setThresholds({ postsPerMinute: 10_000, reportsPerMinute: 10_000, minutes: 10 });
  });

  it('never from one member reporting many comments, nor from fresh accounts', async () => {
    await setThresholds({ postsPerMinute: 10_000, reportsPerMinute: 5, minutes: 5 });
    await generateThread(sql, { slug: 'one-reporter', topLevel: 0 });
    const authors = await createMembers(sql, 'target', 6);
    const comments = [];
    for (const a of authors) comments.push(await createComment(prisma, a, { slug: 'one-reporter', body: '观点' }));
    const [angry] = await established('angry', 1);
    for (const c of comments) await reportComment(prisma, angry, c.id, { reason: 'abuse' });
    const fresh = await createMembers(sql, 'freshr', 6);
    for (const f of fresh) await reportComment(prisma, f, comments[0].id, { reason: 'abuse' });
    expect((await prisma.article.findUniqueOrThrow({ where: { slug: 'one-reporter' } })).premodUntil).toBeNull();
    await setThresholds({ postsPerMinute: 10_000, reportsPerMinute: 10_000, minutes: 10 });
  });

  it('a member cannot report more than the limit allows', async () => {
    await generateThread(sql, { slug: 'report-limit', topLevel: 0 });
    const authors = await createMembers(sql, 'rlimit', 12);
    const [reporter] = await createMembers(sql, 'rlimitR', 1);
    const statuses: number[] = [];
    process.env.YILUN_RATE_LIMITS = 'on'; // this file switches them off for its quick posting
    try {
      for (const a of authors) {
        const c = await createComment(prisma, a, { slug: 'report-limit', body: '评论' });
        statuses.push(await reportComment(prisma, reporter, c.id, { reason: 'spam' }).then(() => 201, (e) => e.status));
      }
    } finally {
      process.env.YILUN_RATE_LIMITS = 'off';
    }
    expect(statuses).toEqual([...Array(10).fill(201), 429, 429]);
  });

  it("after a moderator's decision, the breaker does not switch the thread back for its duration", async () => {
    await setThresholds({ postsPerMinute: 10_000, reportsPerMinute: 2, minutes: 5 });
    await generateThread(sql, { slug: 'decided', topLevel: 0 });
    const [a] = await createMembers(sql, 'decidedA', 1);
    const reporters = await established('decidedR', 3);
    const c = await createComment(prisma, a, { slug: 'decided', body: '争议' });
    await reportComment(prisma, reporters[0], c.id, { reason: 'abuse' });
    await reportComment(prisma, reporters[1], c.id, { reason: 'abuse' });
    expect((await prisma.article.findUniqueOrThrow({ where: { slug: 'decided' } })).premodUntil).not.toBeNull();
    await moderateArticle(prisma, mod, 'decided', 'premod-off');
    await reportComment(prisma, reporters[2], c.id, { reason: 'abuse' });
    expect((await prisma.article.findUniqueOrThrow({ where: { slug: 'decided' } })).premodUntil).toBeNull();
    await setThresholds({ postsPerMinute: 10_000, reportsPerMinute: 10_000, minutes: 10 });
  });
});

describe('lists, not blind forms', () => {
  it('/mod/members: by name prefix (wildcards taken literally), by status, with each member\'s record', async () => {
    const [a, b, reporter] = await createMembers(sql, 'dirx', 3);
    await generateThread(sql, { slug: 'dir-thread', topLevel: 0 });
    const c1 = await createComment(prisma, a, { slug: 'dir-thread', body: '第一条' });
    await createComment(prisma, a, { slug: 'dir-thread', body: '第二条' });
    await reportComment(prisma, reporter, c1.id, { reason: 'abuse' });
    await moderateComment(prisma, mod, c1.id, 'remove', '辱骂');
    await moderateMember(prisma, mod, b.username, { action: 'suspend', until: new Date(Date.now() + 86_400_000).toISOString(), reason: '刷屏' });
    const found = await listMembers(prisma, mod, { q: a.username.slice(0, 6) });
    const row = found.items.find((m) => m.username === a.username)!;
    expect(row).toMatchObject({ comments: 2, removed: 1, reportsAgainst: 1, status: 'active', imported: false });
    expect((await listMembers(prisma, mod, { q: 'dirx%' })).items).toEqual([]);
    const suspended = await listMembers(prisma, mod, { filter: 'suspended' });
    expect(suspended.items.map((m) => m.username)).toContain(b.username);
    expect(suspended.items.map((m) => m.username)).not.toContain(a.username);
    expect(suspended.items.find((m) => m.username === b.username)).toMatchObject({ statusReason: '刷屏' });
    expect((await listMembers(prisma, mod, { filter: 'staff' })).items.map((m) => m.username)).toEqual(expect.arrayContaining([mod.username, admin.username]));
    expect((await refusal(listMembers(prisma, a, {}))).status).toBe(403);
  });

  it('/mod/threads: found by title, slug or a pasted address, with lock and pre-moderation state', async () => {
    await generateThread(sql, { slug: 'find-me-thread', topLevel: 1 });
    await moderateArticle(prisma, mod, 'find-me-thread', 'lock', '吵架');
    const title = (await prisma.article.findUniqueOrThrow({ where: { slug: 'find-me-thread' } })).title;
    for (const q of ['find-me-thread', title.slice(2, 8), 'https://example.com/articles/find-me-thread/comments/5?sort=new#c5', '/articles/find-me-thread']) {
      const page = await listThreads(prisma, mod, { q });
      expect(page.items.map((a) => a.slug), q).toContain('find-me-thread');
      expect(page.items.find((a) => a.slug === 'find-me-thread')).toMatchObject({ locked: true, lockReason: '吵架', commentCount: 1 });
    }
    expect(threadSearchTerm('http://x/articles/%E4%B8%AD%E6%96%87')).toEqual({ slug: '中文', text: '' });
    expect((await listThreads(prisma, mod, { q: '%' })).items).toEqual([]);
  });

  it('"all by member": every comment of one member, in any state, newest first', async () => {
    await generateThread(sql, { slug: 'by-member', topLevel: 0 });
    const [m] = await createMembers(sql, 'bymember', 1);
    const one = await createComment(prisma, m, { slug: 'by-member', body: '一' });
    const two = await createComment(prisma, m, { slug: 'by-member', body: '二' });
    await moderateComment(prisma, mod, one.id, 'hide');
    const page = await listQueue(prisma, mod, 'member', null, { username: m.username.toUpperCase() });
    expect(page.items.map((i) => [i.comment.id, i.comment.status])).toEqual([
      [two.id, 'visible'],
      [one.id, 'hidden'],
    ]);
    expect((await listQueue(prisma, mod, 'member', null, { username: 'nobody-here' })).memberFound).toBe(false);
  });
});

describe('automatic pre-moderation settings', () => {
  it('admins save them, checked and logged; moderators cannot; a stored value gone bad is reported, not silently replaced', async () => {
    const saved = await saveAutoPremodSettings(prisma, admin, { postsPerMinute: 40, reportsPerMinute: 6, minutes: 30 });
    expect(saved).toEqual({ postsPerMinute: 40, reportsPerMinute: 6, minutes: 30 });
    expect(await readAutoPremodSettings(prisma)).toEqual({ value: saved, invalid: false });
    const entry = await prisma.moderationAction.findFirstOrThrow({ where: { action: 'settings:autoPremod' }, orderBy: { id: 'desc' } });
    expect([entry.moderatorId, entry.details]).toEqual([admin.id, saved]);
    expect((await refusal(saveAutoPremodSettings(prisma, mod, saved))).status).toBe(403);
    const bad = await refusal(saveAutoPremodSettings(prisma, admin, { postsPerMinute: 0, reportsPerMinute: 'x', minutes: 99_999 }));
    expect(bad.fields).toEqual({ postsPerMinute: 'settings_number', reportsPerMinute: 'settings_number', minutes: 'settings_number' });
    expect((await readAutoPremodSettings(prisma)).value).toEqual(saved);
    await prisma.setting.update({ where: { key: 'autoPremod' }, data: { value: { postsPerMinute: 'lots' } } });
    expect(await readAutoPremodSettings(prisma)).toEqual({ value: AUTO_PREMOD_DEFAULTS, invalid: true });
    await setThresholds({ postsPerMinute: 10_000, reportsPerMinute: 10_000, minutes: 10 });
  });
});
