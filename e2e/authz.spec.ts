// Every write, as every kind of reader, through the API and through the page's forms.
import { generateThread } from '../tests/support/generate-thread.ts';
import { test, expect, sessionCookie, signInContext, type TestMember } from './fixtures.ts';
import { SESSION_COOKIE } from './support/env.ts';

type Who = 'anonymous' | 'author' | 'another member' | 'suspended member' | 'banned member';

const EXPECTED: Record<string, Record<Who, number>> = {
  'POST a comment': { anonymous: 401, author: 201, 'another member': 201, 'suspended member': 403, 'banned member': 401 },
  'POST a reply': { anonymous: 401, author: 201, 'another member': 201, 'suspended member': 403, 'banned member': 401 },
  'PUT a like': { anonymous: 401, author: 200, 'another member': 200, 'suspended member': 403, 'banned member': 401 },
  'DELETE a like': { anonymous: 401, author: 200, 'another member': 200, 'suspended member': 403, 'banned member': 401 },
};

test('the API answers every write as the policy says, and stores nothing when it refuses', async ({ request, sql, member, baseURL }) => {
  const slug = `authz-${Date.now().toString(36)}`;
  const t = await generateThread(sql, { slug, topLevel: 0 });
  const author = await member();
  const target = (
    await sql.query<{ id: number }>(
      `INSERT INTO comments (article_id, author_id, body) VALUES ($1, $2, '作者的评论') RETURNING id`,
      [t.articleId, author.id],
    )
  ).rows[0].id;
  const people: Record<Who, TestMember | null> = {
    anonymous: null,
    author,
    'another member': await member(),
    'suspended member': await member({ status: 'suspended', suspendedUntil: new Date(Date.now() + 86_400_000) }),
    'banned member': await member({ status: 'banned' }),
  };
  const count = async () => (await sql.query('SELECT (SELECT count(*) FROM comments WHERE article_id = $1)::int + (SELECT count(*) FROM likes WHERE comment_id = $2)::int AS n', [t.articleId, target])).rows[0].n;
  for (const [action, answers] of Object.entries(EXPECTED)) {
    for (const [who, status] of Object.entries(answers) as [Who, number][]) {
      const m = people[who];
      const headers: Record<string, string> = { origin: baseURL! };
      if (m) headers.cookie = `${SESSION_COOKIE}=${await sessionCookie(m)}`;
      const before = await count();
      const res =
        action === 'POST a comment'
          ? await request.post(`/api/v1/articles/${slug}/comments`, { data: { body: `${who} 的评论` }, headers })
          : action === 'POST a reply'
            ? await request.post(`/api/v1/articles/${slug}/comments`, { data: { body: `${who} 的回复`, parentId: target }, headers })
            : action === 'PUT a like'
              ? await request.put(`/api/v1/comments/${target}/like`, { headers })
              : await request.delete(`/api/v1/comments/${target}/like`, { headers });
      expect(res.status(), `${action} as ${who}: ${await res.text()}`).toBe(status);
      if (status >= 400) {
        expect((await res.json()).error.code).toBe(status === 401 ? 'unauthenticated' : 'suspended');
        expect(await count(), `${action} as ${who} stored nothing`).toBe(before);
      }
      // Writes spaced out so that the posting limit is not what answers (only this member's
      // windows: other tests running at the same time count on theirs).
      if (status === 201) await sql.query("DELETE FROM rate_limit_buckets WHERE key IN ($1, $2)", [`commentBurst:${m!.id}`, `commentHourly:${m!.id}`]);
    }
  }
});

test('a cookie-authenticated write from another site is refused', async ({ request, member, sql }) => {
  const m = await member();
  const c = (await sql.query<{ id: number }>('SELECT id FROM comments ORDER BY id LIMIT 1')).rows[0];
  const cookie = `${SESSION_COOKIE}=${await sessionCookie(m)}`;
  const attacks: Record<string, string>[] = [{ origin: 'http://evil.example' }, { origin: 'null' }, { 'sec-fetch-site': 'cross-site' }];
  for (const headers of attacks) {
    const res = await request.put(`/api/v1/comments/${c.id}/like`, { headers: { cookie, ...headers } });
    expect(res.status()).toBe(403);
    expect((await res.json()).error.code).toBe('bad_origin');
  }
  expect((await sql.query('SELECT count(*)::int AS n FROM likes WHERE user_id = $1', [m.id])).rows[0].n).toBe(0);
});

test('bad input to the write API: 400/422 with field messages, 404 for unknown targets', async ({ request, member, sql, baseURL }) => {
  const slug = `input-${Date.now().toString(36)}`;
  const t = await generateThread(sql, { slug, topLevel: 1 });
  const other = await generateThread(sql, { slug: `${slug}-other`, topLevel: 1 });
  const foreign = (await sql.query<{ id: number }>('SELECT id FROM comments WHERE article_id = $1', [other.articleId])).rows[0].id;
  const m = await member();
  const headers = { origin: baseURL!, cookie: `${SESSION_COOKIE}=${await sessionCookie(m)}`, 'accept-language': 'en' };
  const post = (data: unknown, path = `/api/v1/articles/${slug}/comments`) => request.post(path, { data: data as object, headers });
  const cases: [string, Promise<import('@playwright/test').APIResponse>, number, string][] = [
    ['an empty body', post({ body: '  ' }), 422, 'invalid'],
    ['no body', post({}), 422, 'invalid'],
    ['a body of 2001 characters', post({ body: 'x'.repeat(2001) }), 422, 'invalid'],
    ['a control character', post({ body: 'a\u0000b' }), 422, 'invalid'],
    ['a parent from another article', post({ body: 'hi', parentId: foreign }), 404, 'parent_not_found'],
    ['a parent that is not a number', post({ body: 'hi', parentId: 'abc' }), 422, 'invalid'],
    ['an unknown article', post({ body: 'hi' }, '/api/v1/articles/nope/comments'), 404, 'article_not_found'],
    ['JSON that is not an object', post([1, 2]), 400, 'bad_request'],
    ['a like on an unknown comment', request.put('/api/v1/comments/999999999/like', { headers }), 404, 'comment_not_found'],
    ['a like on a non-numeric id', request.put('/api/v1/comments/abc/like', { headers }), 404, 'comment_not_found'],
  ];
  for (const [name, pending, status, code] of cases) {
    const res = await pending;
    expect(res.status(), name).toBe(status);
    const body = await res.json();
    expect(body.error.code, name).toBe(code);
    if (status === 422) expect(Object.keys(body.error.fields ?? {}).length, name).toBeGreaterThan(0);
  }
  const bad = await post({ body: 'x'.repeat(2001) });
  expect((await bad.json()).error.fields).toEqual({ body: 'A comment has at most 2000 characters.' });
  expect((await sql.query('SELECT count(*)::int AS n FROM comments WHERE article_id = $1', [t.articleId])).rows[0].n).toBe(1);
});

test.describe('the page forms check the session and the policy again on the server', () => {
  test('a form rendered while signed in, submitted after signing out, is refused', async ({ page, context, sql, member, signIn, consoleErrors }) => {
    const slug = `stale-${Date.now().toString(36)}`;
    const t = await generateThread(sql, { slug, topLevel: 1 });
    await signIn(await member());
    await page.goto(`/articles/${slug}`);
    await context.clearCookies();
    const form = page.getByRole('form', { name: '发表评论' });
    await form.getByRole('textbox').fill('过期的会话');
    await form.getByRole('button', { name: '发表' }).click();
    await expect(form.getByRole('alert')).toHaveText('请先登录。');
    await expect(form.getByRole('textbox')).toHaveValue('过期的会话');
    const c = (await sql.query<{ id: number }>('SELECT id FROM comments WHERE article_id = $1', [t.articleId])).rows[0];
    await page.locator(`li[data-comment-id="${c.id}"] .like-form button`).click();
    await expect(page.locator(`li[data-comment-id="${c.id}"] .like-form [role=alert]`)).toHaveText('请先登录。');
    expect((await sql.query('SELECT count(*)::int AS n FROM comments WHERE article_id = $1', [t.articleId])).rows[0].n).toBe(1);
    // The members' shared page posts and likes through the JSON API (its refusals are answers
    // the form shows, e2e/fixtures.ts), and asks it who is signed in: the browser logs that
    // refusal only when the cookies went before it asked.
    expect(consoleErrors.splice(0).filter((e) => !/status of 401 .*\/api\/v1\/me(?:\?article=[^)]*)?\)$/.test(e))).toEqual([]);
  });

  test('a member suspended while the page is open cannot post or like', async ({ page, sql, member, signIn }) => {
    const slug = `susp-${Date.now().toString(36)}`;
    const t = await generateThread(sql, { slug, topLevel: 1 });
    const m = await member();
    await signIn(m);
    await page.goto(`/articles/${slug}`);
    await sql.query(`UPDATE users SET status = 'suspended', suspended_until = now() + interval '1 day' WHERE id = $1`, [m.id]);
    const form = page.getByRole('form', { name: '发表评论' });
    await form.getByRole('textbox').fill('被暂停后发言');
    await form.getByRole('button', { name: '发表' }).click();
    await expect(form.getByRole('alert')).toHaveText('你的账号已被暂停使用，暂时不能发言、点赞或举报。');
    expect((await sql.query('SELECT count(*)::int AS n FROM comments WHERE article_id = $1', [t.articleId])).rows[0].n).toBe(1);
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });
    test('a like refused to a member suspended while the page is open says why, back at the comment', async ({ page, sql, member, signIn }) => {
      const slug = `susp-nojs-${Date.now().toString(36)}`;
      const t = await generateThread(sql, { slug, topLevel: 1 });
      const c = (await sql.query<{ id: number; like_count: number }>('SELECT id, like_count FROM comments WHERE article_id = $1', [t.articleId])).rows[0];
      const m = await member();
      await signIn(m);
      await page.goto(`/articles/${slug}`);
      await sql.query(`UPDATE users SET status = 'suspended', suspended_until = now() + interval '1 day' WHERE id = $1`, [m.id]);
      await page.locator(`li[data-comment-id="${c.id}"] .like-form button`).click();
      await expect(page).toHaveURL(new RegExp(`/articles/${slug}\\?sort=top&refused=suspended#c${c.id}$`));
      await expect(page.getByRole('alert')).toHaveText('你的账号已被暂停使用，暂时不能发言、点赞或举报。');
      expect((await sql.query('SELECT like_count FROM comments WHERE id = $1', [c.id])).rows[0].like_count).toBe(c.like_count);
    });
  });

  test('a banned member is signed out at once', async ({ browser, baseURL, member, sql }) => {
    const m = await member();
    const context = await browser.newContext();
    await signInContext(context, baseURL!, m);
    const page = await context.newPage();
    await page.goto('/');
    await expect(page.getByText(`已登录：${m.displayName}`)).toBeVisible();
    await sql.query(`UPDATE users SET status = 'banned' WHERE id = $1`, [m.id]);
    await page.reload();
    await expect(page.getByRole('link', { name: '登录' })).toBeVisible();
    await context.close();
  });
});
