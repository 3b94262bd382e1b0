// No input reaches a 500: malformed cursors, NUL bytes and other control characters,
// percent-encoded names, impossible dates and odd methods get a 4xx (or, for page URLs, the
// first page, as the README promises). The last test throws random input at every route.
import fc from 'fast-check';
import { encodeCursor } from '../lib/threads/cursor.ts';
import { generateThread } from '../tests/support/generate-thread.ts';
import { test, expect, sessionCookie, SEED_SLUG } from './fixtures.ts';
import { SESSION_COOKIE } from './support/env.ts';

const cursors = [
  encodeCursor({ s: 'top', l: Number.MAX_SAFE_INTEGER, t: '2026-01-01T00:00:00Z', i: 1 }),
  encodeCursor({ s: 'top', l: -(2 ** 40), t: '2026-01-01T00:00:00Z', i: 1 }),
  encodeCursor({ s: 'top', l: 1.5, t: '2026-01-01T00:00:00Z', i: 1 }),
  encodeCursor({ s: 'hot', r: '2026-01-01T00:00:00Z', h: -1, i: 1 }),
  encodeCursor({ s: 'hot', r: 'yesterday', h: 0.5, i: 1 }),
  encodeCursor({ s: 'top', l: 1, p: -5, t: '2026-01-01T00:00:00Z', i: 1 }),
  encodeCursor({ s: 'new', t: '0000-01-01T00:00:00Z', i: 1 }),
  encodeCursor({ s: 'new', t: '275760-09-13T00:00:00Z', i: 1 }),
  encodeCursor({ s: 'old', t: '2026-01-01T00:00:00Z', i: 2 ** 31 }),
  encodeCursor({ t: '0000-01-01T00:00:00Z', i: 1 }),
  encodeCursor({ n: 2 ** 53, i: 1 }),
  'not-base64!',
  '%00',
  'x'.repeat(600),
];

test.describe('no input reaches a 500', () => {
  test('malformed cursors: the API says bad_cursor, pages show the first page', async ({ request, member }) => {
    const mod = { cookie: `${SESSION_COOKIE}=${await sessionCookie(await member({ role: 'moderator' }))}` };
    for (const c of cursors) {
      const q = encodeURIComponent(c);
      for (const sort of ['top', 'hot', 'new', 'old']) {
        const api = await request.get(`/api/v1/articles/${SEED_SLUG}/comments?sort=${sort}&cursor=${q}`);
        expect(api.status(), `${sort} ${c}`).toBe(400);
        expect((await api.json()).error.code).toBe('bad_cursor');
        const page = await request.get(`/articles/${SEED_SLUG}?sort=${sort}&cursor=${q}`);
        expect(page.status(), `page ${sort} ${c}`).toBe(200);
      }
      expect((await request.get(`/articles/${SEED_SLUG}/comments/1?cursor=${q}`)).status()).toBeLessThan(500);
      expect((await request.get(`/?cursor=${q}`)).status()).toBe(200);
      for (const tab of ['reported', 'held', 'removed']) {
        const queue = await request.get(`/api/v1/mod/queue?tab=${tab}&cursor=${q}`, { headers: mod });
        expect(queue.status(), `queue ${tab} ${c}`).toBe(400);
        expect((await request.get(`/mod?tab=${tab}&cursor=${q}`, { headers: mod })).status()).toBeLessThan(500);
      }
      expect((await request.get(`/api/v1/mod/log?cursor=${q}`, { headers: mod })).status()).toBe(400);
    }
  });

  test('NUL bytes and control characters anywhere are refused or not found, never a 500', async ({ request, member, baseURL, sql }) => {
    // Reports and moderation act on a thread of this test's own, not on the seeded one.
    const { articleId } = await generateThread(sql, { slug: `nul-${Date.now().toString(36)}`, topLevel: 1 });
    const target = (await sql.query<{ id: number }>('SELECT id FROM comments WHERE article_id = $1', [articleId])).rows[0].id;
    const mod = await member({ role: 'admin' });
    const m = await member();
    const as = async (who: { id: number }) => ({ cookie: `${SESSION_COOKIE}=${await sessionCookie(who)}`, origin: baseURL! });
    for (const bad of ['\u0000', 'a\u0000b', '\u0001\u0002', '\u202e', '\u200b']) {
      const e = encodeURIComponent(bad);
      expect((await request.get(`/articles/${e}`)).status(), `page ${JSON.stringify(bad)}`).toBe(404);
      expect((await request.get(`/articles/${e}/comments/1`)).status()).toBe(404);
      expect((await request.get(`/api/v1/articles/${e}`)).status()).toBe(404);
      expect((await request.get(`/api/v1/articles/${e}/comments`)).status()).toBe(404);
      const post = await request.post(`/api/v1/articles/${e}/comments`, { headers: await as(m), data: { body: 'hi' } });
      expect([400, 404]).toContain(post.status());
      const report = await request.post(`/api/v1/comments/${target}/reports`, { headers: await as(m), data: { reason: 'spam', note: `note ${bad}` } });
      expect(report.status(), `report note ${JSON.stringify(bad)}`).toBeLessThan(500);
      const reason = await request.post(`/api/v1/mod/comments/${target}`, { headers: await as(mod), data: { action: 'hide', reason: `why ${bad}` } });
      expect(reason.status(), `mod reason ${JSON.stringify(bad)}`).toBeLessThan(500);
      if (reason.ok()) await request.post(`/api/v1/mod/comments/${target}`, { headers: await as(mod), data: { action: 'restore' } });
      for (const f of ['moderator', 'member', 'article']) {
        expect((await request.get(`/api/v1/mod/log?${f}=${e}`, { headers: await as(mod) })).status(), `log ${f}`).toBe(200);
        expect((await request.get(`/mod/log?${f}=${e}`, { headers: await as(mod) })).status(), `log page ${f}`).toBe(200);
      }
      const words = await request.put('/api/v1/mod/words', { headers: await as(mod), data: { banned: [`spam${bad}`], suspect: [] } });
      expect(words.status(), `words ${JSON.stringify(bad)}`).toBeLessThan(500);
      expect([400, 404]).toContain((await request.post(`/api/v1/mod/users/${e}`, { headers: await as(mod), data: { action: 'suspend' } })).status());
      const user = await request.post('/api/v1/users', { headers: { origin: baseURL! }, data: { username: `u${bad}x`, password: 'a long test password 42' } });
      expect(user.status(), `sign-up ${JSON.stringify(bad)}`).toBeLessThan(500);
      const csrfToken = (await (await request.get('/api/auth/csrf')).json()).csrfToken as string;
      const signIn = await request.post('/api/auth/callback/credentials', { form: { username: `a${bad}`, password: 'whatever123', csrfToken }, maxRedirects: 0 });
      expect(signIn.headers().location ?? '', `sign-in ${JSON.stringify(bad)}`).not.toContain('Configuration');
    }
    await request.put('/api/v1/mod/words', { headers: await as(mod), data: { banned: [], suspect: [] } });
  });

  test('names are decoded once, after the permission check', async ({ request, member, baseURL }) => {
    // A malformed %-escape is refused by the front door before any route sees it.
    for (const p of ['/api/v1/mod/users/%E0%A4%A', '/api/v1/mod/users/%C0', '/articles/%E0%A4%A', '/articles/x/comments/%ZZ']) {
      expect((await request.post(p, { headers: { origin: baseURL! }, data: { action: 'ban' } })).status(), p).toBe(400);
      expect((await request.get(p)).status(), p).toBe(400);
    }
    for (const p of ['/api/v1/mod/users/%25', '/api/v1/mod/users/%2525', '/api/v1/mod/users/a%2Fb']) {
      expect((await request.post(p, { headers: { origin: baseURL! }, data: { action: 'ban' } })).status(), p).toBe(401);
    }
    expect((await request.put('/api/v1/mod/roles/%25', { headers: { origin: baseURL! }, data: { role: 'moderator' } })).status()).toBe(401);
    const admin = { cookie: `${SESSION_COOKIE}=${await sessionCookie(await member({ role: 'admin' }))}`, origin: baseURL! };
    expect((await request.post('/api/v1/mod/users/%25', { headers: admin, data: { action: 'ban' } })).status()).toBe(404);
    expect((await request.put('/api/v1/mod/roles/%25', { headers: admin, data: { role: 'moderator' } })).status()).toBe(404);
  });

  test('an impossible suspension date is a 422 with its field', async ({ request, member, baseURL }) => {
    const admin = { cookie: `${SESSION_COOKIE}=${await sessionCookie(await member({ role: 'admin' }))}`, origin: baseURL! };
    const target = await member();
    for (const until of ['garbage', '2026-02-30T10:00:00+08:00', '99999-01-01T00:00:00Z', '2026-13-01T00:00:00Z']) {
      const res = await request.post(`/api/v1/mod/users/${target.username}`, { headers: admin, data: { action: 'suspend', until } });
      expect(res.status(), until).toBe(422);
      expect((await res.json()).error.fields.until).toBeTruthy();
    }
  });

  test('pages answer 405 to methods they do not have', async ({ request, member }) => {
    const cookie = `${SESSION_COOKIE}=${await sessionCookie(await member())}`;
    for (const method of ['PUT', 'DELETE', 'PATCH', 'TRACE']) {
      for (const p of ['/signin', '/signup', '/mod', '/', `/articles/${SEED_SLUG}`, `/articles/${SEED_SLUG}/comments/1`]) {
        for (const headers of [{ cookie }, {}] as Record<string, string>[]) {
          const res = await request.fetch(p, { method, headers });
          expect(res.status(), `${method} ${p}`).toBe(405);
          expect(res.headers().allow).toBe('GET, HEAD, POST');
        }
      }
    }
    // The JSON API has its methods; others are refused the same way.
    expect((await request.fetch('/api/v1/articles', { method: 'TRACE' })).status()).toBe(405);
  });

  test('random input in every route parameter never answers 5xx', async ({ request, member, baseURL, sql }) => {
    test.setTimeout(120_000);
    // Writes land in a thread of this test's own, so that the seeded one stays as it is.
    const fuzz = `fuzz-${Date.now().toString(36)}`;
    await generateThread(sql, { slug: fuzz, topLevel: 3 });
    const cookie = `${SESSION_COOKIE}=${await sessionCookie(await member({ role: 'admin' }))}`;
    const routes: ((x: string) => [string, string, unknown?])[] = [
      (x) => ['GET', `/articles/${x}`],
      (x) => ['GET', `/articles/${fuzz}?sort=${x}&cursor=${x}`],
      (x) => ['GET', `/articles/${fuzz}/comments/${x}`],
      (x) => ['GET', `/?cursor=${x}`],
      (x) => ['GET', `/api/v1/articles?cursor=${x}`],
      (x) => ['GET', `/api/v1/articles/${x}`],
      (x) => ['GET', `/api/v1/articles/${fuzz}/comments?sort=${x}&limit=${x}&cursor=${x}`],
      (x) => ['POST', `/api/v1/articles/${fuzz}/comments`, { body: x, parentId: x }],
      // (ids end in zeros, so that no random id is a seeded comment's)
      (x) => ['PUT', `/api/v1/comments/${x}0000000/like`],
      (x) => ['POST', `/api/v1/comments/${x}0000000/reports`, { reason: x, note: x }],
      (x) => ['GET', `/api/v1/mod/queue?tab=${x}&cursor=${x}`],
      (x) => ['GET', `/api/v1/mod/log?moderator=${x}&member=${x}&article=${x}&cursor=${x}`],
      (x) => ['POST', `/api/v1/mod/comments/${x}0000000`, { action: x, reason: x }],
      (x) => ['POST', `/api/v1/mod/users/${x}`, { action: 'suspend', until: x, reason: x }],
      (x) => ['POST', `/api/v1/mod/articles/${x}`, { action: x }],
      (x) => ['GET', `/mod?tab=${x}&cursor=${x}`],
      (x) => ['GET', `/mod/log?moderator=${x}&member=${x}&article=${x}`],
      (x) => ['GET', `/signin?callbackUrl=${x}`],
    ];
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: routes.length - 1 }), fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.stringMatching(/^[%\d\w.-]{0,12}$/)), async (r, raw) => {
        const [method, p, body] = routes[r](encodeURIComponent(raw));
        const data = body === undefined ? undefined : JSON.parse(JSON.stringify(body, (_k, v) => (v === encodeURIComponent(raw) ? raw : v)));
        const res = await request.fetch(p, { method, data, headers: { cookie, origin: baseURL!, ...(data ? { 'content-type': 'application/json' } : {}) } });
        expect(res.status(), `${method} ${p}`).toBeLessThan(500);
      }),
      { numRuns: 300 },
    );
  });

  test('smaller leaks: tombstones name no one, hidden permalinks are not found', async ({ request, sql, member, baseURL }) => {
    const slug = `leak-${Date.now().toString(36)}`;
    const { articleId } = await generateThread(sql, { slug, topLevel: 1 });
    const root = (await sql.query<{ id: number }>('SELECT id FROM comments WHERE article_id = $1', [articleId])).rows[0].id;
    const mod = { cookie: `${SESSION_COOKIE}=${await sessionCookie(await member({ role: 'moderator' }))}`, origin: baseURL! };
    // A chain of replies deeper than the page shows nested: depth 1, 2, 3, then 4.
    const names: string[] = [];
    let parent = root;
    const ids: number[] = [];
    for (let depth = 1; depth <= 4; depth++) {
      const m = await member({ prefix: `d${depth}` });
      names.push(m.displayName);
      const res = await request.post(`/api/v1/articles/${slug}/comments`, {
        headers: { cookie: `${SESSION_COOKIE}=${await sessionCookie(m)}`, origin: baseURL! },
        data: { body: `第 ${depth} 层`, parentId: parent },
      });
      parent = (await res.json()).comment.id;
      ids.push(parent);
    }
    await request.post(`/api/v1/mod/comments/${ids[2]}`, { headers: mod, data: { action: 'remove', reason: 'test' } });
    for (const p of [`/articles/${slug}`, `/articles/${slug}/comments/${root}`]) {
      const html = await (await request.get(p)).text();
      expect(html, p).toContain('该评论已被删除');
      expect(html, p).not.toContain(names[2]);
    }
    // A hidden reply's permalink is as unknown as one that never existed.
    await request.post(`/api/v1/mod/comments/${ids[3]}`, { headers: mod, data: { action: 'hide', reason: 'test' } });
    expect((await request.get(`/articles/${slug}/comments/${ids[3]}`)).status()).toBe(404);
    expect((await request.get(`/articles/${slug}/comments/999999999`)).status()).toBe(404);
    // Auth.js's own English pages are not reachable.
    for (const p of ['/api/auth/signout', '/api/auth/error']) {
      const res = await request.get(p, { maxRedirects: 0 });
      expect(res.status(), p).toBeGreaterThanOrEqual(300);
      expect(res.status(), p).toBeLessThan(400);
    }
    // An Origin of this host over another scheme is another site.
    const m = await member();
    const res = await request.put(`/api/v1/comments/${root}/like`, { headers: { cookie: `${SESSION_COOKIE}=${await sessionCookie(m)}`, origin: baseURL!.replace('http:', 'https:') } });
    expect(res.status()).toBe(403);
    expect((await res.json()).error.code).toBe('bad_origin');
  });

  test('security headers: Permissions-Policy everywhere, HSTS only over https (a trusted proxy says so)', async ({ request }) => {
    for (const p of ['/', `/articles/${SEED_SLUG}`, '/signin', '/api/v1/articles']) {
      const res = await request.get(p);
      expect(res.headers()['permissions-policy'], p).toContain('camera=()');
      expect(res.headers()['strict-transport-security'], p).toBeUndefined();
      expect(res.headers()['x-content-type-options']).toBe('nosniff');
    }
    // With no proxy trusted in front, a client saying "https" is not believed.
    const forged = await request.get('/signin', { headers: { 'x-forwarded-proto': 'https' } });
    expect(forged.headers()['strict-transport-security']).toBeUndefined();
  });
});
