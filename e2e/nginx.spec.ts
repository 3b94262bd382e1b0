// deploy/nginx.conf in front of the app: anonymous pages from nginx's cache, members through
// to the app, and a removal gone through it within about a second.
import { nginxBinary, startNginx } from '../scripts/lib/nginx.ts';
import { test, expect, sessionCookie, type TestMember } from './fixtures.ts';
import { freePort } from '../lib/db/embedded.ts';
import { SESSION_COOKIE } from './support/env.ts';
import { madeUpCursor, POISONING_HEADERS } from './support/poisoning.ts';

test.describe('nginx in front (deploy/nginx.conf)', () => {
  // .ci/run installs Debian's nginx: without it these tests fail rather than skip.
  test.beforeAll(() => {
    if (!nginxBinary) throw new Error('nginx is not installed (Debian package nginx; .ci/run installs it)');
  });

  let nginx: Awaited<ReturnType<typeof startNginx>> | null = null;
  let front = '';

  test.beforeAll(async ({ baseURL }) => {
    // The shipped file, with this test's upstream, port and cache directory.
    nginx = await startNginx(new URL(baseURL!).host, await freePort(0));
    front = nginx.url;
  });

  test.afterAll(() => nginx?.stop());

  test('readers are served from nginx, members pass through, and a removal is gone within about a second', async ({ baseURL, member, sql }) => {
    const slug = `nginx-${Date.now().toString(36)}`;
    await sql.query(`INSERT INTO articles (slug, title, paragraphs, source_site, published_at, last_activity_at) VALUES ($1, '前置缓存', ARRAY['正文'], '测试', now(), now())`, [slug]);
    const as = async (m: TestMember) => ({ cookie: `${SESSION_COOKIE}=${await sessionCookie(m)}`, origin: baseURL!, 'content-type': 'application/json' });
    const author = await member();
    const mod = await member({ role: 'moderator' });
    const c = await (await fetch(`${baseURL}/api/v1/articles/${slug}/comments`, { method: 'POST', headers: await as(author), body: JSON.stringify({ body: '前置缓存里的侮辱' }) })).json();
    // Readers: a miss, then hits from nginx.
    await expect.poll(async () => (await fetch(`${front}/articles/${slug}`)).headers.get('x-cache-status'), { timeout: 5_000 }).toBe('HIT');
    expect(await (await fetch(`${front}/articles/${slug}`)).text()).toContain('前置缓存里的侮辱');
    // A member goes through to the app, every time.
    const own = await fetch(`${front}/articles/${slug}`, { headers: { cookie: (await as(author)).cookie } });
    expect(own.headers.get('x-cache-status')).toBe('BYPASS');
    expect(own.headers.get('cache-control')).toMatch(/private/);
    // A removal: gone through nginx within about a second.
    expect((await fetch(`${baseURL}/api/v1/mod/comments/${c.comment.id}`, { method: 'POST', headers: await as(mod), body: JSON.stringify({ action: 'remove', reason: '侮辱' }) })).status).toBe(200);
    const removed = Date.now();
    await expect.poll(async () => (await (await fetch(`${front}/articles/${slug}`)).text()).includes('前置缓存里的侮辱'), { timeout: 3_000, intervals: [100] }).toBe(false);
    // At most a second at the edge, then the app's own render of the page without it.
    expect(Date.now() - removed).toBeLessThan(2_500);
    // Live streams pass through, unbuffered: the first bytes arrive at once.
    const stream = await fetch(`${front}/api/v1/articles/${slug}/events`);
    expect(stream.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const first = await stream.body!.getReader().read();
    expect(new TextDecoder().decode(first.value)).toContain('retry:');
    await stream.body?.cancel().catch(() => {});
  });

  test('no request header, cookie or made-up cursor gets a wrong answer stored for readers, and what the app marks private is never kept', async ({ member, sql }) => {
    test.setTimeout(120_000);
    const slug = `nginx-poison-${Date.now().toString(36)}`;
    const title = `前置缓存不可下毒 ${slug}`;
    await sql.query(`INSERT INTO articles (slug, title, paragraphs, source_site, published_at, last_activity_at) VALUES ($1, $2, ARRAY['正文'], '测试', now(), now())`, [slug, title]);
    const reader = async (p: string) => {
      const res = await fetch(front + p);
      const body = await res.text();
      expect(res.status, p).toBe(200);
      expect(res.headers.get('content-type'), p).toMatch(/^text\/html/);
      return body;
    };
    const attacks: Record<string, string>[] = [...POISONING_HEADERS, { cookie: `${SESSION_COOKIE}=x` }, { cookie: `__Secure-authjs.session-token=x` }];
    for (const p of [`/articles/${slug}`, '/', `/articles/${slug}?sort=new`]) {
      for (const headers of attacks) {
        // The attacker's requests, then a reader's, within the second nginx keeps a page.
        for (let i = 0; i < 3; i++) await fetch(front + p, { headers, redirect: 'manual' }).then((r) => r.arrayBuffer());
        const page = await reader(p);
        expect(page, `${p} after ${JSON.stringify(headers)}`).toContain('<html');
        if (p !== '/') expect(page, `${p} after ${JSON.stringify(headers)}`).toContain(title);
      }
      // The RSC query parameter as well.
      await fetch(`${front}${p}${p.includes('?') ? '&' : '?'}_rsc=poison`, { headers: { rsc: '1' } }).then((r) => r.arrayBuffer());
      expect(await reader(p)).toContain('<html');
    }
    // What the app marks private goes through every time, with the app's own Cache-Control.
    const m = await member();
    for (const p of [`/u/${m.username}`, '/signin', '/articles/no-such-thing', `/articles/${slug}?cursor=${madeUpCursor()}`, `/articles/${slug}?sort=best`]) {
      for (const headers of [{}, { 'x-middleware-prefetch': '1' }] as Record<string, string>[]) {
        const statuses: string[] = [];
        for (let i = 0; i < 3; i++) {
          const res = await fetch(front + p, { headers });
          await res.arrayBuffer();
          statuses.push(res.headers.get('x-cache-status') ?? '');
          expect(res.headers.get('cache-control') ?? '', p).not.toMatch(/\bpublic\b/);
        }
        expect(statuses, `${p} ${JSON.stringify(headers)}`).not.toContain('HIT');
      }
    }
    // A feed through nginx is the feed, whatever the attacker sent before.
    for (const p of ['/feed.xml', `/articles/${slug}/feed.xml`]) {
      for (const headers of attacks) await fetch(front + p, { headers }).then((r) => r.arrayBuffer());
      const feed = await fetch(front + p);
      expect(feed.headers.get('content-type'), p).toMatch(/^application\/atom\+xml/);
      expect(await feed.text(), p).toContain('<feed');
    }
    // The internal route trees are not reachable through nginx either.
    for (const p of ['/cached/zh-CN/home/first', `/cached/zh-CN/articles/${slug}/top/first`, `/shell/zh-CN/articles/${slug}/top/first`]) {
      expect((await fetch(front + p, { headers: { rsc: '1' } })).status, p).toBe(404);
      expect((await fetch(front + p)).status, p).toBe(404);
    }
    // Keyed as the app keys: the language by the same rule, other query parameters ignored.
    await expect.poll(async () => (await fetch(`${front}/articles/${slug}?utm_source=x`, { headers: { 'accept-language': 'fr, en;q=0.8' } })).headers.get('x-cache-status'), { timeout: 5_000 }).toBe('HIT');
    const english = await (await fetch(`${front}/articles/${slug}`, { headers: { 'accept-language': 'en-GB' } })).text();
    expect(english).toContain('lang="en"');
    const chinese = await (await fetch(`${front}/articles/${slug}`, { headers: { 'accept-language': 'zh-TW, en;q=0.5' } })).text();
    expect(chinese).toContain('lang="zh-CN"');
  });
});
