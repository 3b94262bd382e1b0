// Live threads: the events stream (Server-Sent Events) and the pages that listen to it.
import { spawn } from 'node:child_process';
import { test, expect, sessionCookie, type TestMember } from './fixtures.ts';
import { freePort } from '../lib/db/embedded.ts';
import { serverArgs } from '../scripts/lib/server-entry.ts';
import { E2E_AUTH_SECRET, SESSION_COOKIE } from './support/env.ts';

/** Reads a stream's events as they come. */
function reader(res: Response) {
  const events: { id?: string; event: string; data: Record<string, unknown> }[] = [];
  let buffer = '';
  const body = res.body!.getReader();
  const decoder = new TextDecoder();
  const done = (async () => {
    for (;;) {
      const { value, done } = await body.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let at: number;
      while ((at = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, at);
        buffer = buffer.slice(at + 2);
        const fields = Object.fromEntries(block.split('\n').filter((l) => !l.startsWith(':') && l.includes(': ')).map((l) => [l.slice(0, l.indexOf(': ')), l.slice(l.indexOf(': ') + 2)]));
        if (fields.event) events.push({ id: fields.id, event: fields.event, data: JSON.parse(fields.data ?? '{}') });
      }
    }
  })();
  return { events, close: () => body.cancel().catch(() => {}), done };
}

test('the events stream: visible comments, likes and removals, never held comments; Last-Event-ID replays', async ({ baseURL, member, sql }) => {
  const slug = `live-${Date.now().toString(36)}`;
  await sql.query(`INSERT INTO articles (slug, title, paragraphs, source_site, published_at, last_activity_at) VALUES ($1, '直播', ARRAY['正文'], '测试', now(), now())`, [slug]);
  const as = async (m: TestMember) => ({ cookie: `${SESSION_COOKIE}=${await sessionCookie(m)}`, origin: baseURL!, 'content-type': 'application/json' });
  const res = await fetch(`${baseURL}/api/v1/articles/${slug}/events`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
  const stream = reader(res);
  const [a, b] = [await member(), await member()];
  const mod = await member({ role: 'moderator' });
  const posted = await (await fetch(`${baseURL}/api/v1/articles/${slug}/comments`, { method: 'POST', headers: await as(a), body: JSON.stringify({ body: '直播的第一条' }) })).json();
  await expect.poll(() => stream.events.map((e) => [e.event, e.data.commentId]), { timeout: 1_000 }).toEqual([['comment', posted.comment.id]]);
  const firstId = stream.events[0].id!;
  // A like: its count, within a second or so.
  await fetch(`${baseURL}/api/v1/comments/${posted.comment.id}/like`, { method: 'PUT', headers: await as(b) });
  await expect.poll(() => stream.events.find((e) => e.event === 'likes')?.data, { timeout: 3_000 }).toEqual({ commentId: posted.comment.id, likeCount: 1 });
  // A held comment is sent to no one.
  await fetch(`${baseURL}/api/v1/mod/articles/${slug}`, { method: 'POST', headers: await as(mod), body: JSON.stringify({ action: 'premod-on' }) });
  const held = await (await fetch(`${baseURL}/api/v1/articles/${slug}/comments`, { method: 'POST', headers: await as(b), body: JSON.stringify({ body: '待审的' }) })).json();
  expect(held.comment.status).toBe('held');
  // A removal.
  await fetch(`${baseURL}/api/v1/mod/comments/${posted.comment.id}`, { method: 'POST', headers: await as(mod), body: JSON.stringify({ action: 'remove', reason: '测试' }) });
  await expect.poll(() => stream.events.map((e) => e.event), { timeout: 1_000 }).toEqual(['comment', 'likes', 'removed']);
  expect(stream.events.some((e) => e.data.commentId === held.comment.id)).toBe(false);
  stream.close();

  // Reconnecting with Last-Event-ID replays what came after it.
  const again = reader(await fetch(`${baseURL}/api/v1/articles/${slug}/events`, { headers: { 'last-event-id': firstId } }));
  await expect.poll(() => again.events.map((e) => e.event), { timeout: 2_000 }).toEqual(['likes', 'removed']);
  again.close();
  // A malformed one gets a fresh stream: nothing replayed.
  const fresh = await fetch(`${baseURL}/api/v1/articles/${slug}/events`, { headers: { 'last-event-id': 'abc' } });
  expect(fresh.status).toBe(200);
  const f = reader(fresh);
  // The first thing it hears is what happens after it opened.
  const later = await (await fetch(`${baseURL}/api/v1/articles/${slug}/comments`, { method: 'POST', headers: await as(mod), body: JSON.stringify({ body: '之后的一条' }) })).json();
  await expect.poll(() => f.events.map((e) => [e.event, e.data.commentId]), { timeout: 3_000 }).toEqual([['comment', later.comment.id]]);
  f.close();
  expect((await fetch(`${baseURL}/api/v1/articles/no-such-thread/events`)).status).toBe(404);
});

test('a reader sees a new comment behind a button, a like count change and a removal, without reloading', async ({ page, baseURL, member, sql }) => {
  const slug = `live-page-${Date.now().toString(36)}`;
  await sql.query(`INSERT INTO articles (slug, title, paragraphs, source_site, published_at, last_activity_at) VALUES ($1, '直播页面', ARRAY['正文'], '测试', now(), now())`, [slug]);
  const a = await member();
  const b = await member();
  const mod = await member({ role: 'moderator' });
  const as = async (m: TestMember) => ({ cookie: `${SESSION_COOKIE}=${await sessionCookie(m)}`, origin: baseURL!, 'content-type': 'application/json' });
  const first = await (await fetch(`${baseURL}/api/v1/articles/${slug}/comments`, { method: 'POST', headers: await as(a), body: JSON.stringify({ body: '页面上已有的评论' }) })).json();
  const doomed = await (await fetch(`${baseURL}/api/v1/articles/${slug}/comments`, { method: 'POST', headers: await as(a), body: JSON.stringify({ body: '将被删除的评论' }) })).json();
  // An anonymous reader (the cached page, whose only script is /live.js).
  await page.goto(`/articles/${slug}`);
  await expect(page.getByText('页面上已有的评论')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-live-stream', 'open');
  await fetch(`${baseURL}/api/v1/articles/${slug}/comments`, { method: 'POST', headers: await as(b), body: JSON.stringify({ body: '刚刚来的评论' }) });
  const news = page.getByRole('button', { name: '有 1 条新评论，点击显示' });
  await expect(news).toBeVisible({ timeout: 1_000 });
  await expect(page.getByText('刚刚来的评论')).toHaveCount(0);
  await fetch(`${baseURL}/api/v1/comments/${first.comment.id}/like`, { method: 'PUT', headers: await as(b) });
  await expect(page.locator(`#c${first.comment.id} .like-count`)).toHaveText('1', { timeout: 3_000 });
  await fetch(`${baseURL}/api/v1/mod/comments/${doomed.comment.id}`, { method: 'POST', headers: await as(mod), body: JSON.stringify({ action: 'remove', reason: '测试' }) });
  await expect(page.getByText('将被删除的评论')).toHaveCount(0, { timeout: 1_000 });
  await news.click();
  await expect(page.getByText('刚刚来的评论')).toBeVisible();
});

test('on an anonymous page a reply appears under its comment, and on "new" the waiting comments go to the top, all without reloading', async ({ page, baseURL, member, sql }) => {
  const slug = `live-inplace-${Date.now().toString(36)}`;
  await sql.query(`INSERT INTO articles (slug, title, paragraphs, source_site, published_at, last_activity_at) VALUES ($1, '就地显示', ARRAY['正文'], '测试', now(), now())`, [slug]);
  const [a, b] = [await member(), await member()];
  const as = async (m: TestMember) => ({ cookie: `${SESSION_COOKIE}=${await sessionCookie(m)}`, origin: baseURL!, 'content-type': 'application/json' });
  const post = async (m: TestMember, body: string, parentId?: number) =>
    (await (await fetch(`${baseURL}/api/v1/articles/${slug}/comments`, { method: 'POST', headers: await as(m), body: JSON.stringify({ body, parentId }) })).json()).comment;
  const first = await post(a, '第一条评论');
  await page.goto(`/articles/${slug}?sort=new`);
  await page.evaluate(() => ((window as unknown as { kept: number }).kept = 42));
  await expect(page.locator('html')).toHaveAttribute('data-live-stream', 'open');
  const reply = await post(b, '实时出现的回复', first.id);
  await expect(page.locator(`#c${first.id} .replies #c${reply.id} .comment-body`)).toHaveText('实时出现的回复', { timeout: 3_000 });
  await post(b, '新的顶层评论');
  await page.getByRole('button', { name: '有 1 条新评论，点击显示' }).click();
  await expect(page.locator('.comment-list > li').first().locator('> article .comment-body')).toHaveText('新的顶层评论');
  // The same page all along: nothing was reloaded.
  expect(await page.evaluate(() => (window as unknown as { kept?: number }).kept)).toBe(42);
});

test('on a member’s page a reply appears under its comment, and what the member was typing stays', async ({ page, baseURL, member, sql, signIn }) => {
  const slug = `live-member-${Date.now().toString(36)}`;
  await sql.query(`INSERT INTO articles (slug, title, paragraphs, source_site, published_at, last_activity_at) VALUES ($1, '成员页面', ARRAY['正文'], '测试', now(), now())`, [slug]);
  const [a, b, reader] = [await member(), await member(), await member()];
  const as = async (m: TestMember) => ({ cookie: `${SESSION_COOKIE}=${await sessionCookie(m)}`, origin: baseURL!, 'content-type': 'application/json' });
  const post = async (m: TestMember, body: string, parentId?: number) =>
    (await (await fetch(`${baseURL}/api/v1/articles/${slug}/comments`, { method: 'POST', headers: await as(m), body: JSON.stringify({ body, parentId }) })).json()).comment;
  const first = await post(a, '等待回复的评论');
  await signIn(reader);
  // The reader took no part here: this is the members' shared render, and it stays that.
  const res = await page.goto(`/articles/${slug}`);
  expect(res!.headers()['x-nextjs-cache']).toMatch(/HIT|MISS|STALE/);
  await page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));
  await page.getByRole('textbox', { name: '发表评论' }).fill('我正在写的话');
  await expect(page.locator('html')).toHaveAttribute('data-live-stream', 'open');
  const reply = await post(b, '成员页面上实时出现的回复', first.id);
  await expect(page.locator(`#c${first.id} .replies #c${reply.id} .comment-body`)).toHaveText('成员页面上实时出现的回复', { timeout: 3_000 });
  await expect(page.getByRole('textbox', { name: '发表评论' })).toHaveValue('我正在写的话');
  expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);

  // A member who took part reads the shared render too (their comment theirs over it), and the same in place.
  const own = await post(reader, '我自己的评论');
  const mine = await page.goto(`/articles/${slug}`);
  expect(mine!.headers()['x-nextjs-cache']).toMatch(/HIT|MISS|STALE/);
  await expect(page.locator(`li[data-comment-id="${own.id}"] > article summary`, { hasText: '删除' })).toBeVisible();
  await page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));
  await page.getByRole('textbox', { name: '发表评论' }).fill('还在写');
  await expect(page.locator('html')).toHaveAttribute('data-live-stream', 'open');
  const second = await post(b, '回复你自己的评论', own.id);
  await expect(page.locator(`#c${own.id} .replies #c${second.id} .comment-body`)).toHaveText('回复你自己的评论', { timeout: 3_000 });
  await expect(page.getByRole('textbox', { name: '发表评论' })).toHaveValue('还在写');
  expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
});

test('streams per address are limited: past the limit a 429, and other readers are unaffected', async () => {
  test.setTimeout(60_000);
  // A server of its own: the limit counts per process, and the suite's pages open streams too.
  const port = await freePort(0);
  const app = spawn(process.execPath, await serverArgs(), {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production', AUTH_SECRET: E2E_AUTH_SECRET, YILUN_WORKERS: '1', LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    await expect.poll(async () => (await fetch(`${base}/api/ready`).catch(() => null))?.status, { timeout: 30_000 }).toBe(200);
    const { SEED_SLUG } = await import('./fixtures.ts');
    const streams = [];
    for (let i = 0; i < 20; i++) {
      const r = await fetch(`${base}/api/v1/articles/${SEED_SLUG}/events`);
      expect(r.status).toBe(200);
      streams.push(reader(r));
    }
    const refused = await fetch(`${base}/api/v1/articles/${SEED_SLUG}/events`);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // The site itself answers as usual.
    expect((await fetch(`${base}/articles/${SEED_SLUG}`)).status).toBe(200);
    // Closing one frees its place.
    streams.pop()!.close();
    await expect.poll(async () => {
      const r = await fetch(`${base}/api/v1/articles/${SEED_SLUG}/events`);
      const status = r.status;
      await r.body?.cancel();
      return status;
    }, { timeout: 5_000 }).toBe(200);
    for (const s of streams) s.close();
  } finally {
    app.kill('SIGTERM');
  }
});

test('the moderation queue is live: a new report shows in the counts and as news without a reload', async ({ browser, baseURL, member, sql }) => {
  const slug = `live-queue-${Date.now().toString(36)}`;
  await sql.query(`INSERT INTO articles (slug, title, paragraphs, source_site, published_at, last_activity_at) VALUES ($1, '直播队列', ARRAY['正文'], '测试', now(), now())`, [slug]);
  const author = await member();
  const reporter = await member();
  const moderator = await member({ role: 'moderator' });
  const as = async (m: TestMember) => ({ cookie: `${SESSION_COOKIE}=${await sessionCookie(m)}`, origin: baseURL!, 'content-type': 'application/json' });
  const c = await (await fetch(`${baseURL}/api/v1/articles/${slug}/comments`, { method: 'POST', headers: await as(author), body: JSON.stringify({ body: '会被举报' }) })).json();
  // Only staff may listen.
  expect((await fetch(`${baseURL}/api/v1/mod/events`)).status).toBe(401);
  expect((await fetch(`${baseURL}/api/v1/mod/events`, { headers: await as(author) })).status).toBe(403);

  const context = await browser.newContext({ locale: 'zh-CN' });
  await context.addCookies([{ name: SESSION_COOKIE, value: await sessionCookie(moderator), url: baseURL! }]);
  const page = await context.newPage();
  await page.goto(`/mod?tab=reported&article=${slug}`);
  const tabCount = page.locator('[data-queue-count="reported"]');
  const before = Number(await tabCount.textContent());
  const header = page.locator('.mod-link [data-queue-count="open"]');
  const headerBefore = Number(await header.textContent());
  await expect(page.locator('html')).toHaveAttribute('data-live-stream', 'open');
  expect((await fetch(`${baseURL}/api/v1/comments/${c.comment.id}/reports`, { method: 'POST', headers: await as(reporter), body: JSON.stringify({ reason: 'spam' }) })).status).toBe(201);
  await expect.poll(async () => Number(await tabCount.textContent()), { timeout: 5_000 }).toBeGreaterThan(before);
  expect(Number(await header.textContent())).toBeGreaterThan(headerBefore);
  await page.getByRole('button', { name: '有新的待处理内容，点击显示' }).click();
  await expect(page.locator(`.queue-item[data-comment-id="${c.comment.id}"]`)).toHaveCount(1);
  await context.close();
});
