// Closed doors, round three (issue 19): bodies bounded before they are read, and every way of
// signing out ending the session on the server. (The sign-in limits under concurrency are
// tried in tests/members.test.ts; what may be cached in e2e/cache-keys.spec.ts.)
import http from 'node:http';
import { test, expect, SEED_SLUG, MEMBER_PASSWORD, sessionCookie } from './fixtures.ts';
import { SESSION_COOKIE } from './support/env.ts';

/** Sends only the headers of a request that says its body is `length` bytes; the answer comes before the body. */
function announce(baseURL: string, method: string, path: string, headers: Record<string, string>): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(path, baseURL), { method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.flushHeaders();
  });
}

test.describe('bodies are bounded before anything reads them', () => {
  test('10 MB to every write route is refused at once with 413 in the reader’s language, and readers are served meanwhile', async ({ baseURL, sql }) => {
    const c = (await sql.query<{ id: number }>('SELECT c.id FROM comments c JOIN articles a ON a.id = c.article_id WHERE a.slug = $1 LIMIT 1', [SEED_SLUG])).rows[0];
    const big = String(10 * 1024 * 1024);
    const routes: [string, string, Record<string, string>][] = [
      ['POST', '/api/v1/users', { 'content-type': 'application/json' }],
      ['POST', `/api/v1/articles/${SEED_SLUG}/comments`, { 'content-type': 'application/json' }],
      ['PATCH', `/api/v1/comments/${c.id}`, { 'content-type': 'application/json' }],
      ['POST', `/api/v1/comments/${c.id}/reports`, { 'content-type': 'application/json' }],
      ['POST', `/articles/${SEED_SLUG}`, { 'content-type': 'multipart/form-data; boundary=x', 'next-action': 'abcdef' }],
      ['POST', '/signin', { 'content-type': 'application/x-www-form-urlencoded' }],
      ['POST', '/api/auth/callback/credentials', { 'content-type': 'application/x-www-form-urlencoded' }],
      ['POST', '/api/v1/mod/articles', { 'content-type': 'application/json' }],
    ];
    for (const [method, path, headers] of routes) {
      for (const [language, expected] of [
        ['zh-CN', /提交的内容太大了/],
        ['en', /too large/],
      ] as const) {
        const reading = fetch(`${baseURL}/articles/${SEED_SLUG}`);
        const res = await announce(baseURL!, method, path, { ...headers, 'content-length': big, 'accept-language': language });
        expect(res.status, `${method} ${path}`).toBe(413);
        expect(res.body, `${method} ${path}`).toMatch(expected);
        if (path.startsWith('/api/')) expect(JSON.parse(res.body).error.code).toBe('too_large');
        expect((await reading).status).toBe(200);
      }
    }
    // A body of unstated length is refused too.
    const chunked = await announce(baseURL!, 'POST', '/api/v1/users', { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
    expect(chunked.status).toBe(411);
    // A body within the limit goes through as before (refused here only for what it says).
    const ok = await fetch(`${baseURL}/api/v1/users`, { method: 'POST', headers: { 'content-type': 'application/json', origin: baseURL! }, body: JSON.stringify({ username: '', password: 'x'.repeat(60_000) }) });
    expect(ok.status).toBe(422);
  });
});

test.describe('signing out', () => {
  test('Auth.js’s own POST /api/auth/signout ends the session on the server: a copy of the cookie writes nothing', async ({ baseURL, member, sql }) => {
    const m = await member();
    const jar = new Map<string, string>();
    const keep = (res: Response) => {
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(';');
        const i = pair.indexOf('=');
        jar.set(pair.slice(0, i), pair.slice(i + 1));
      }
    };
    const cookie = () => [...jar].filter(([, v]) => v).map(([k, v]) => `${k}=${v}`).join('; ');
    const csrf = await fetch(`${baseURL}/api/auth/csrf`);
    keep(csrf);
    const { csrfToken } = await csrf.json();
    const signIn = await fetch(`${baseURL}/api/auth/callback/credentials`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie(), origin: baseURL! },
      body: new URLSearchParams({ username: m.username, password: MEMBER_PASSWORD, csrfToken }),
    });
    keep(signIn);
    const session = jar.get('authjs.session-token');
    expect(session, 'signed in').toBeTruthy();
    // The browser that signed in gets its device cookie (lib/auth/sign-in-limits.ts).
    expect(jar.get('yilun-device')).toMatch(/^[\w-]{16}\.[\w-]{43}$/);
    const copy = `authjs.session-token=${session}`;
    const post = (body: string) =>
      fetch(`${baseURL}/api/v1/articles/${SEED_SLUG}/comments`, { method: 'POST', headers: { cookie: copy, origin: baseURL!, 'content-type': 'application/json' }, body: JSON.stringify({ body }) });
    expect((await fetch(`${baseURL}/api/v1/me`, { headers: { cookie: copy } })).status).toBe(200);

    const out = await fetch(`${baseURL}/api/auth/signout`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie(), origin: baseURL! },
      body: new URLSearchParams({ csrfToken }),
    });
    expect(out.status).toBeLessThan(400);
    expect((await fetch(`${baseURL}/api/v1/me`, { headers: { cookie: copy } })).status).toBe(401);
    expect((await post('退出之后用旧 cookie 写的')).status).toBe(401);
    expect((await sql.query('SELECT count(*)::int AS n FROM comments WHERE author_id = $1', [m.id])).rows[0].n).toBe(0);
  });
});

test.describe('lifecycles without loopholes (issue 19.5)', () => {
  test('an article scheduled for later is nowhere for readers until its time: page, list, feeds, sitemap, API', async ({ baseURL, sql, member }) => {
    const slug = `scheduled-${Date.now().toString(36)}`;
    const title = `定时发布-${slug}`;
    await sql.query(`INSERT INTO articles (slug, title, paragraphs, source_site, published_at, last_activity_at) VALUES ($1, $2, ARRAY['正文'], '测试', now() + interval '1 day', now())`, [slug, title]);
    const m = await member();
    const headers = { cookie: `${SESSION_COOKIE}=${await sessionCookie(m)}`, origin: baseURL!, 'content-type': 'application/json' };
    for (const path of [`/articles/${slug}`, `/api/v1/articles/${slug}`, `/api/v1/articles/${slug}/comments`, `/articles/${slug}/feed.xml`, `/api/v1/articles/${slug}/events`]) {
      expect((await fetch(`${baseURL}${path}`)).status, path).toBe(404);
      expect((await fetch(`${baseURL}${path}`, { headers })).status, `${path}, signed in`).toBe(404);
    }
    for (const path of ['/', '/feed.xml', '/sitemap.xml', '/api/v1/articles']) {
      // A fresh answer (the list pages are cached for readers; members get theirs rendered).
      expect(await (await fetch(`${baseURL}${path}${path.includes('?') ? '&' : '?'}_=${Date.now()}`, { headers })).text(), path).not.toContain(slug);
    }
    const post = await fetch(`${baseURL}/api/v1/articles/${slug}/comments`, { method: 'POST', headers, body: JSON.stringify({ body: '抢先一步' }) });
    expect(post.status).toBe(404);
    expect((await sql.query('SELECT count(*)::int AS n FROM comments c JOIN articles a ON a.id = c.article_id WHERE a.slug = $1', [slug])).rows[0].n).toBe(0);
    // Its time comes: there it is, with nothing written.
    await sql.query(`UPDATE articles SET published_at = now() - interval '1 second' WHERE slug = $1`, [slug]);
    expect((await fetch(`${baseURL}/articles/${slug}`)).status).toBe(200);
    expect((await fetch(`${baseURL}/api/v1/articles/${slug}/comments`, { method: 'POST', headers, body: JSON.stringify({ body: '准时到' }) })).status).toBe(201);
  });

  test('a moderator demoted while the queue stream is open hears nothing more, and cannot reconnect', async ({ baseURL, sql, member }) => {
    const moderator = await member({ role: 'moderator' });
    const author = await member();
    const reporter = await member();
    const as = async (m: typeof author) => ({ cookie: `${SESSION_COOKIE}=${await sessionCookie(m)}`, origin: baseURL!, 'content-type': 'application/json' });
    const res = await fetch(`${baseURL}/api/v1/mod/events`, { headers: await as(moderator) });
    expect(res.status).toBe(200);
    const body = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    let ended = false;
    const reading = (async () => {
      for (;;) {
        const { value, done } = await body.read().catch(() => ({ value: undefined, done: true }));
        if (done) return (ended = true);
        text += decoder.decode(value, { stream: true });
      }
    })();
    await expect.poll(() => text, { timeout: 5_000 }).toContain('event: counts');
    const countsBefore = text.split('event: counts').length;
    await sql.query(`UPDATE users SET role = 'member' WHERE id = $1`, [moderator.id]);
    // Something for the queue: a report.
    // A thread of its own: the seeded one is read exactly by other tests.
    const slug = `demoted-${Date.now().toString(36)}`;
    await sql.query(`INSERT INTO articles (slug, title, paragraphs, source_site, published_at, last_activity_at) VALUES ($1, '降级', ARRAY['正文'], '测试', now(), now())`, [slug]);
    const c = await (await fetch(`${baseURL}/api/v1/articles/${slug}/comments`, { method: 'POST', headers: await as(author), body: JSON.stringify({ body: '会被举报的评论' }) })).json();
    expect((await fetch(`${baseURL}/api/v1/comments/${c.comment.id}/reports`, { method: 'POST', headers: await as(reporter), body: JSON.stringify({ reason: 'spam' }) })).status).toBe(201);
    await expect.poll(() => ended, { timeout: 10_000 }).toBe(true);
    await reading;
    expect(text).toContain('event: ended');
    expect(text.split('event: counts').length).toBe(countsBefore);
    expect((await fetch(`${baseURL}/api/v1/mod/events`, { headers: await as(moderator) })).status).toBe(403);
  });
});
