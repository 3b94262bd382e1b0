// The authorization table of moderation: every moderation endpoint as anonymous, member,
// the comment's author, a suspended member, a banned member, a moderator and an admin.
import { generateThread } from '../tests/support/generate-thread.ts';
import { test, expect, sessionCookie, type TestMember } from './fixtures.ts';
import { SESSION_COOKIE } from './support/env.ts';

type Who = 'anonymous' | 'member' | 'author' | 'suspended' | 'banned' | 'moderator' | 'admin';
const WHO: Who[] = ['anonymous', 'member', 'author', 'suspended', 'banned', 'moderator', 'admin'];
// A banned member's session is dead: they are anonymous to the server.
const staffOnly = { anonymous: 401, member: 403, author: 403, suspended: 403, banned: 401, moderator: 200, admin: 200 };
const adminOnly = { ...staffOnly, moderator: 403 };

test('every moderation endpoint answers each kind of reader as the policy says', async ({ request, sql, member, baseURL }) => {
  test.setTimeout(120_000);
  const slug = `modauthz-${Date.now().toString(36)}`;
  const t = await generateThread(sql, { slug, topLevel: 0 });
  const people: Record<Who, TestMember | null> = {
    anonymous: null,
    member: await member(),
    author: await member(),
    suspended: await member({ status: 'suspended', suspendedUntil: new Date(Date.now() + 86_400_000) }),
    banned: await member({ status: 'banned' }),
    moderator: await member({ role: 'moderator' }),
    admin: await member({ role: 'admin' }),
  };
  const target = await member(); // the member that member actions act on
  const comment = (
    await sql.query<{ id: number }>(`INSERT INTO comments (article_id, author_id, body) VALUES ($1, $2, '作者的评论') RETURNING id`, [t.articleId, people.author!.id])
  ).rows[0].id;
  const words = await (await request.get('/api/v1/mod/words', { headers: { cookie: `${SESSION_COOKIE}=${await sessionCookie(people.admin!)}` } })).json();

  // A fresh comment (with an open report) for each decision that changes a comment's status.
  const fresh = async (status = 'visible') => {
    const id = (
      await sql.query<{ id: number }>(`INSERT INTO comments (article_id, author_id, body, status, moderated_at) VALUES ($1, $2, '新评论', $3, now()) RETURNING id`, [t.articleId, people.author!.id, status])
    ).rows[0].id;
    await sql.query(`INSERT INTO reports (comment_id, reporter_id, reason) VALUES ($1, $2, 'spam')`, [id, people.member!.id]);
    return id;
  };
  const ownAll = { anonymous: 401, member: 200, author: 200, suspended: 200, banned: 401, moderator: 200, admin: 200 };
  const table: [string, (h: Record<string, string>) => Promise<import('@playwright/test').APIResponse>, Record<Who, number>][] = [
    ['GET queue', (headers) => request.get('/api/v1/mod/queue?tab=reported', { headers }), staffOnly],
    ['approve a comment', (headers) => request.post(`/api/v1/mod/comments/${comment}`, { headers, data: { action: 'approve' } }), staffOnly],
    ['GET one member\'s comments', (headers) => request.get(`/api/v1/mod/queue?tab=member&username=${people.author!.username}`, { headers }), staffOnly],
    ['GET one thread\'s queue', (headers) => request.get(`/api/v1/mod/queue?tab=held&article=${slug}`, { headers }), staffOnly],
    ['dismiss reports', async (headers) => request.post(`/api/v1/mod/comments/${await fresh()}`, { headers, data: { action: 'dismiss' } }), staffOnly],
    ['hide a comment', async (headers) => request.post(`/api/v1/mod/comments/${await fresh()}`, { headers, data: { action: 'hide', expectedStatus: 'visible' } }), staffOnly],
    ['remove a comment', async (headers) => request.post(`/api/v1/mod/comments/${await fresh()}`, { headers, data: { action: 'remove', reason: '测试' } }), staffOnly],
    ['publish a held comment', async (headers) => request.post(`/api/v1/mod/comments/${await fresh('held')}`, { headers, data: { action: 'publish' } }), staffOnly],
    ['restore a hidden comment', async (headers) => request.post(`/api/v1/mod/comments/${await fresh('hidden')}`, { headers, data: { action: 'restore' } }), staffOnly],
    ['GET notifications', (headers) => request.get('/api/v1/notifications', { headers }), ownAll],
    ['mark notifications read', (headers) => request.post('/api/v1/notifications/read', { headers, data: {} }), ownAll],
    ['lift a member', (headers) => request.post(`/api/v1/mod/users/${target.username}`, { headers, data: { action: 'lift' } }), staffOnly],
    ['unlock a thread', (headers) => request.post(`/api/v1/mod/articles/${slug}`, { headers, data: { action: 'unlock' } }), staffOnly],
    ['GET the log', (headers) => request.get(`/api/v1/mod/log?article=${slug}`, { headers }), staffOnly],
    ['GET the word lists', (headers) => request.get('/api/v1/mod/words', { headers }), adminOnly],
    ['PUT the word lists', (headers) => request.put('/api/v1/mod/words', { headers, data: words }), adminOnly],
    ['PUT a role', (headers) => request.put(`/api/v1/mod/roles/${target.username}`, { headers, data: { role: 'member' } }), adminOnly],
    [
      'report the comment',
      (headers) => request.post(`/api/v1/comments/${comment}/reports`, { headers, data: { reason: 'spam' } }),
      { anonymous: 401, member: 201, author: 403, suspended: 403, banned: 401, moderator: 201, admin: 201 },
    ],
  ];
  for (const [name, send, expected] of table) {
    for (const who of WHO) {
      const m = people[who];
      const headers: Record<string, string> = { origin: baseURL! };
      if (m) headers.cookie = `${SESSION_COOKIE}=${await sessionCookie(m)}`;
      // This test's own log entries: on its thread, comment and member (other tests write the
      // log at the same time), and whatever these people did.
      const ours = async () =>
        (
          await sql.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM moderation_actions a
             WHERE a.article_id = $1 OR a.comment_id IN (SELECT id FROM comments WHERE article_id = $1) OR a.member_id = $2 OR a.moderator_id = ANY($3::int[])`,
            [t.articleId, target.id, Object.values(people).filter(Boolean).map((p) => p!.id)],
          )
        ).rows[0].n;
      const logBefore = await ours();
      const res = await send(headers);
      expect(res.status(), `${name} as ${who}: ${await res.text()}`).toBe(expected[who]);
      const body = await res.json();
      if (expected[who] >= 400) {
        expect(body.error.code, `${name} as ${who}`).toMatch(/^(unauthenticated|forbidden|suspended|report_own)$/);
        if (!name.startsWith('GET') && !name.startsWith('report')) {
          expect(await ours(), `${name} as ${who} logged nothing`).toBe(logBefore);
        }
      }
    }
  }
  // Shapes of the successful answers.
  const admin = { cookie: `${SESSION_COOKIE}=${await sessionCookie(people.admin!)}`, origin: baseURL! };
  const queue = await (await request.get('/api/v1/mod/queue?tab=reported', { headers: admin })).json();
  const entry = queue.items.find((i: { comment: { id: number } }) => i.comment.id === comment);
  expect(entry).toMatchObject({ comment: { id: comment, body: '作者的评论', status: 'visible' }, article: { slug, title: expect.any(String) } });
  expect(entry.reports).toHaveLength(3);
  expect(entry.reports[0]).toEqual({
    reason: 'spam',
    note: null,
    createdAt: expect.stringMatching(/\+08:00$/),
    reporter: { username: expect.any(String), upheld: 0, dismissed: 0 },
  });
  expect(entry).toMatchObject({ openReports: 3, heldMatch: null, author: { status: 'active', imported: false } });
  const log = await (await request.get(`/api/v1/mod/log?article=${slug}`, { headers: admin })).json();
  expect(log.entries[0]).toEqual({
    moderator: expect.any(String), action: expect.any(String), target: expect.any(String), reason: null, createdAt: expect.stringMatching(/\+08:00$/),
    commentId: null, details: null,
  });
  expect(log.nextCursor).toBeNull();
  const removed = await (await request.post(`/api/v1/mod/comments/${comment}`, { headers: admin, data: { action: 'remove', reason: '测试' } })).json();
  expect(removed.comment).toMatchObject({ id: comment, status: 'removed', body: '作者的评论' });
  const suspended = await (
    await request.post(`/api/v1/mod/users/${target.username}`, { headers: admin, data: { action: 'suspend', until: new Date(Date.now() + 3600_000).toISOString() } })
  ).json();
  expect(suspended.user).toMatchObject({ username: target.username, status: 'suspended', suspendedUntil: expect.stringMatching(/\+08:00$/) });
  const bad = await request.post(`/api/v1/mod/comments/${comment}`, { headers: admin, data: { action: 'explode' } });
  expect(bad.status()).toBe(422);
});
