// deploy/nginx.conf in front of the app: anonymous pages from nginx's cache, members through
// to the app, and a removal gone through it within about a second.
import { nginxBinary, startNginx } from '../scripts/lib/nginx.ts';
import { test, expect, sessionCookie, type TestMember } from './fixtures.ts';
import { SESSION_COOKIE } from './support/env.ts';

test.describe('nginx in front (deploy/nginx.conf)', () => {
  // Reason: the configuration is tested with Debian's nginx; without it there is nothing to run.
  test.skip(!nginxBinary, 'nginx is not installed (Debian package nginx)');

  let nginx: Awaited<ReturnType<typeof startNginx>> | null = null;
  let front = '';

  test.beforeAll(async ({ baseURL }) => {
    // The shipped file, with this test's upstream, port and cache directory.
    nginx = await startNginx(new URL(baseURL!).host, 5100 + Math.floor(Math.random() * 400));
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
});
