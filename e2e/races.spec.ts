// Races over HTTP against the running server: likes never drift, an idempotency key makes
// one comment however many times the request arrives at once.
import { generateThread } from '../tests/support/generate-thread.ts';
import { createMembers } from '../tests/support/members.ts';
import { test, expect, sessionCookie } from './fixtures.ts';
import { SESSION_COOKIE } from './support/env.ts';

test('300 concurrent likes from 150 members, then 300 mixed likes and unlikes: the count equals the rows', async ({ request, sql, baseURL }) => {
  test.setTimeout(120_000);
  const slug = `race-${Date.now().toString(36)}`;
  const t = await generateThread(sql, { slug, topLevel: 1 });
  const c = (await sql.query<{ id: number; base_like_count: number }>('SELECT id, base_like_count FROM comments WHERE article_id = $1', [t.articleId])).rows[0];
  const members = await createMembers(sql, `r${Date.now().toString(36)}`, 151);
  const late = members.pop()!;
  const cookies = await Promise.all(members.map(async (m) => `${SESSION_COOKIE}=${await sessionCookie(m)}`));
  const send = (i: number, like: boolean) => {
    const opts = { headers: { cookie: cookies[i], origin: baseURL! } };
    return like ? request.put(`/api/v1/comments/${c.id}/like`, opts) : request.delete(`/api/v1/comments/${c.id}/like`, opts);
  };
  // Readers' counts take the likes in within a second (lib/likes/like-counts.ts folds them).
  const read = async () =>
    (await sql.query<{ like_count: number; base_like_count: number; likes: number }>('SELECT like_count, base_like_count, (SELECT count(*)::int FROM likes WHERE comment_id = $1) AS likes FROM comments WHERE id = $1', [c.id])).rows[0];
  const check = async () => {
    await expect.poll(async () => { const r = await read(); return r.like_count - (r.base_like_count + r.likes); }, { timeout: 2_000 }).toBe(0);
    return read();
  };

  const first = await Promise.all(members.flatMap((_, i) => [send(i, true), send(i, true)]));
  expect(first.map((r) => r.status()).every((s) => s === 200)).toBe(true);
  expect((await check()).likes).toBe(150);
  // Every answer carried a count the server had when its statement began (likes committing
  // meanwhile are not in it): never above the final one. (A CI run had the largest answer one
  // below the final count: the last two likes to commit began before either had.)
  const counts = await Promise.all(first.map(async (r) => (await r.json()).likeCount as number));
  expect(Math.max(...counts)).toBeLessThanOrEqual(c.base_like_count + 150);
  expect(Math.min(...counts)).toBeGreaterThanOrEqual(c.base_like_count);
  // A like with nobody else liking meanwhile answers the exact count, its own included.
  const alone = await request.put(`/api/v1/comments/${c.id}/like`, { headers: { cookie: `${SESSION_COOKIE}=${await sessionCookie(late)}`, origin: baseURL! } });
  expect((await alone.json()).likeCount).toBe(c.base_like_count + 151);

  const mixed = await Promise.all(members.flatMap((_, i) => [send(i, i % 2 === 0), send(i, i % 3 === 0)]));
  expect(mixed.map((r) => r.status()).every((s) => s === 200)).toBe(true);
  await check();
});

test('the same comment posted 20 times at once with one Idempotency-Key is one comment', async ({ request, sql, member, baseURL }) => {
  const slug = `idem-${Date.now().toString(36)}`;
  const t = await generateThread(sql, { slug, topLevel: 0 });
  const m = await member();
  const headers = { cookie: `${SESSION_COOKIE}=${await sessionCookie(m)}`, origin: baseURL!, 'idempotency-key': `k-${Date.now()}` };
  const answers = await Promise.all(
    Array.from({ length: 20 }, () => request.post(`/api/v1/articles/${slug}/comments`, { data: { body: '只应出现一次' }, headers })),
  );
  const statuses = answers.map((r) => r.status()).sort();
  expect(statuses.filter((s) => s === 201)).toHaveLength(1);
  expect(statuses.filter((s) => s === 200)).toHaveLength(19);
  const ids = new Set(await Promise.all(answers.map(async (r) => (await r.json()).comment.id)));
  expect(ids.size).toBe(1);
  const rows = (await sql.query('SELECT count(*)::int AS n FROM comments WHERE article_id = $1', [t.articleId])).rows[0].n;
  expect(rows).toBe(1);
  expect((await sql.query('SELECT comment_count FROM articles WHERE id = $1', [t.articleId])).rows[0].comment_count).toBe(1);
});
