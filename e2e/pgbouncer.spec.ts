// Past one database (issue 25): through Debian's PgBouncer in transaction mode, LISTEN hears
// nothing. A process started that way says so (the log names the cause and the fix) and is
// not ready; with DIRECT_URL beside it, the bus works and a comment posted through one
// instance reaches the other's cached page at once.
import type { ChildProcess } from 'node:child_process';
import { serve, untilReady } from './support/instance.ts';
import { startPgBouncer } from '../scripts/lib/pgbouncer.ts';
import { test, expect, sessionCookie } from './fixtures.ts';
import { SESSION_COOKIE } from './support/env.ts';

test('through PgBouncer in transaction mode: without DIRECT_URL the silent bus is named and the process is not ready; with it, two instances act as one site (a comment, a live stream, a removal, a ban)', async ({ sql, member }) => {
  test.setTimeout(120_000);
  const direct = new URL(process.env.DATABASE_URL!);
  const database = direct.pathname.slice(1);
  const bouncer = await startPgBouncer(direct);
  const running: ChildProcess[] = [];
  try {
    // Without DIRECT_URL: everything through the pooler, the bus's LISTEN too.
    const silent = await serve({ DATABASE_URL: bouncer.url(database) });
    running.push(silent.child);
    await expect
      .poll(async () => {
        const r = await fetch(`${silent.base}/api/ready`).catch(() => null);
        return r ? { status: r.status, reason: ((await r.json()) as { reason?: string }).reason } : null;
      }, { timeout: 30_000 })
      .toEqual({ status: 503, reason: 'bus_silent' });
    expect(silent.output()).toContain('LISTEN receives nothing');
    expect(silent.output()).toContain('set DIRECT_URL');
    // It still serves (through the pooler), it only says it is not to be trusted with traffic.
    expect((await fetch(`${silent.base}/api/health`)).status).toBe(200);

    // With DIRECT_URL for the session it needs: two instances, one site.
    const env = { DATABASE_URL: bouncer.url(database), DIRECT_URL: direct.toString(), YILUN_RATE_LIMITS: 'off' };
    const [one, two] = [await serve(env), await serve(env)];
    running.push(one.child, two.child);
    for (const s of [one, two]) await untilReady(s, 30_000);
    const slug = `pooled-${Date.now().toString(36)}`;
    await sql.query(`INSERT INTO articles (slug, title, paragraphs, source_site, published_at, last_activity_at) VALUES ($1, '连接池', ARRAY['正文'], '测试', now(), now())`, [slug]);
    // The second instance keeps the thread's page in its cache.
    expect((await fetch(`${two.base}/articles/${slug}`)).status).toBe(200);
    const again = await fetch(`${two.base}/articles/${slug}`);
    expect(again.headers.get('x-nextjs-cache')).toMatch(/HIT|STALE/);
    // A comment posted through the first (its writes through PgBouncer) …
    const m = await member();
    const posted = await fetch(`${one.base}/api/v1/articles/${slug}/comments`, {
      method: 'POST',
      headers: { cookie: `${SESSION_COOKIE}=${await sessionCookie(m)}`, origin: one.base, 'content-type': 'application/json' },
      body: JSON.stringify({ body: '经过连接池的评论' }),
    });
    expect(posted.status).toBe(201);
    // … is on the second's page at once.
    await expect.poll(async () => (await (await fetch(`${two.base}/articles/${slug}`)).text()).includes('经过连接池的评论'), { timeout: 5_000 }).toBe(true);
    const page = async (s: { base: string }) => (await fetch(`${s.base}/articles/${slug}`)).text();
    const as = async (who: { id: number }) => ({ cookie: `${SESSION_COOKIE}=${await sessionCookie(who)}`, origin: one.base, 'content-type': 'application/json' });

    // A live stream open on the second hears a comment posted through the first.
    const stream = new AbortController();
    const events = await fetch(`${two.base}/api/v1/articles/${slug}/events`, { signal: stream.signal });
    let heard = '';
    const reading = (async () => {
      const reader = events.body!.getReader();
      const text = new TextDecoder();
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        heard += text.decode(value, { stream: true });
      }
    })();
    const second = await fetch(`${one.base}/api/v1/articles/${slug}/comments`, { method: 'POST', headers: await as(m), body: JSON.stringify({ body: '直播里能听到的评论' }) });
    expect(second.status).toBe(201);
    const secondId = ((await second.json()) as { comment: { id: number } }).comment.id;
    await expect.poll(() => heard.includes('event: comment') && heard.includes(String(secondId)), { timeout: 5_000 }).toBe(true);
    stream.abort();
    await reading;

    // A moderator removes it through the first: gone from the second's page at once.
    const mod = await member({ role: 'moderator' });
    const removed = await fetch(`${one.base}/api/v1/mod/comments/${secondId}`, { method: 'POST', headers: await as(mod), body: JSON.stringify({ action: 'remove', reason: '测试' }) });
    expect(removed.status).toBe(200);
    await expect.poll(async () => (await page(two)).includes('直播里能听到的评论'), { timeout: 5_000 }).toBe(false);

    // A ban through the first holds on the second at once.
    const banned = await fetch(`${one.base}/api/v1/mod/users/${m.username}`, { method: 'POST', headers: await as(mod), body: JSON.stringify({ action: 'ban', reason: '测试' }) });
    expect(banned.status).toBe(200);
    const refused = await fetch(`${two.base}/api/v1/articles/${slug}/comments`, { method: 'POST', headers: { ...(await as(m)), origin: two.base }, body: JSON.stringify({ body: '封禁之后' }) });
    expect(refused.status).toBe(401);
    expect(one.output()).not.toContain('LISTEN receives nothing');
  } finally {
    for (const c of running) c.kill('SIGTERM');
    bouncer.stop();
  }
});
