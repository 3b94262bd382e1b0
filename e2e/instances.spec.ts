// Two app instances on one database act as one site: a change made through one expires the
// cached pages of the other at once, through PostgreSQL's LISTEN/NOTIFY (lib/bus); so does an
// import from the command line.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { generateArticlePage } from '../tests/support/generate-page.ts';
import { test, expect, sessionCookie } from './fixtures.ts';
import { SESSION_COOKIE } from './support/env.ts';
import { serve, untilReady, type Instance } from './support/instance.ts';

let other: Instance;
let otherBase = '';

// One second instance for the whole file: its tests run in one worker, in order.
test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  // One process per core, as `npm start` runs.
  other = await serve({ YILUN_WORKERS: String(os.availableParallelism()), LOG_LEVEL: 'warn' });
  otherBase = other.base;
  await untilReady(other);
});

test.afterAll(() => {
  other?.child.kill('SIGTERM');
});

/** An anonymous reader's page on the other instance, once it is served from its cache. */
async function cachedOnOther(pathname: string) {
  await expect.poll(async () => (await fetch(`${otherBase}${pathname}`)).headers.get('x-nextjs-cache'), { timeout: 10_000 }).toBe('HIT');
}

test('a comment posted on one instance, and its removal, reach the cached page of the other at once', async ({ baseURL, member, sql }) => {
  const slug = `two-instances-${Date.now().toString(36)}`;
  await sql.query(`INSERT INTO articles (slug, title, paragraphs, source_site, published_at, last_activity_at) VALUES ($1, '两个实例', ARRAY['正文'], '测试', now(), now())`, [slug]);
  await cachedOnOther(`/articles/${slug}`);
  const m = await member();
  const headers = { cookie: `${SESSION_COOKIE}=${await sessionCookie(m)}`, origin: baseURL!, 'content-type': 'application/json' };
  const body = `在实例甲发表 ${Date.now()}`;
  const res = await fetch(`${baseURL}/api/v1/articles/${slug}/comments`, { method: 'POST', headers, body: JSON.stringify({ body }) });
  expect(res.status).toBe(201);
  const { comment } = await res.json();
  const posted = Date.now();
  await expect.poll(async () => (await (await fetch(`${otherBase}/articles/${slug}`)).text()).includes(body), { timeout: 1_000, intervals: [50] }).toBe(true);
  expect(Date.now() - posted).toBeLessThan(1_000);

  // A moderator removes it on the first instance: gone from the second's cache too.
  await cachedOnOther(`/articles/${slug}`);
  const mod = await member({ role: 'moderator' });
  const modHeaders = { cookie: `${SESSION_COOKIE}=${await sessionCookie(mod)}`, origin: baseURL!, 'content-type': 'application/json' };
  expect((await fetch(`${baseURL}/api/v1/mod/comments/${comment.id}`, { method: 'POST', headers: modHeaders, body: JSON.stringify({ action: 'remove', reason: '测试' }) })).status).toBe(200);
  await expect.poll(async () => (await (await fetch(`${otherBase}/articles/${slug}`)).text()).includes(body), { timeout: 1_000, intervals: [50] }).toBe(false);
});

test('an import from the command line shows at once on both instances, where each had answered "not found"', async ({ baseURL }) => {
  const slug = `imported-${Date.now().toString(36)}`;
  // Each instance answers the address 404, and keeps no entry for it (any address can be made
  // up: a 404 is never stored, lib/cache/handler.js).
  for (const base of [baseURL!, otherBase]) {
    for (let i = 0; i < 2; i++) {
      const r = await fetch(`${base}/articles/${slug}`);
      expect(r.status).toBe(404);
      expect(r.headers.get('x-nextjs-cache') ?? 'none').not.toBe('HIT');
      await r.arrayBuffer();
    }
  }
  const title = `命令行导入的文章${Date.now().toString(36)}`;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'yilun-import-')), 'page.txt');
  fs.writeFileSync(file, generateArticlePage({ title, comments: 3 }));
  // Not spawnSync: a blocked event loop outlives the server's keep-alive and the next fetch
  // finds its pooled connection closed (issue 19).
  const run = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'scripts/import.ts', file, '--slug', slug], { env: process.env, encoding: 'utf8' }, (err, _out, stderr) =>
      resolve({ status: err ? ((err as { code?: number }).code ?? 1) : 0, stderr }),
    );
  });
  expect(run.status, run.stderr).toBe(0);
  for (const base of [baseURL!, otherBase]) {
    await expect.poll(async () => (await (await fetch(`${base}/articles/${slug}`)).text()).includes(title), { timeout: 1_000, intervals: [50] }).toBe(true);
  }
});

test('two readers on two instances: a comment posted through the first appears behind the button on the second within a second; a ban there ends the session here', async ({ browser, baseURL, member, sql }) => {
  const slug = `two-readers-${Date.now().toString(36)}`;
  await sql.query(`INSERT INTO articles (slug, title, paragraphs, source_site, published_at, last_activity_at) VALUES ($1, '两个读者', ARRAY['正文'], '测试', now(), now())`, [slug]);
  const writer = await member();
  const reader = await member();
  // The reader is signed in on the second instance.
  const context = await browser.newContext({ locale: 'zh-CN' });
  await context.addCookies([{ name: SESSION_COOKIE, value: await sessionCookie(reader), url: otherBase }]);
  const page = await context.newPage();
  await page.goto(`${otherBase}/articles/${slug}`);
  await expect(page.getByRole('form', { name: '发表评论' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-live-stream', 'open');
  const headers = { cookie: `${SESSION_COOKIE}=${await sessionCookie(writer)}`, origin: baseURL!, 'content-type': 'application/json' };
  const posted = Date.now();
  expect((await fetch(`${baseURL}/api/v1/articles/${slug}/comments`, { method: 'POST', headers, body: JSON.stringify({ body: '从另一个实例来的评论' }) })).status).toBe(201);
  await expect(page.getByRole('button', { name: '有 1 条新评论，点击显示' })).toBeVisible({ timeout: 1_000 });
  expect(Date.now() - posted).toBeLessThan(1_500);
  // A moderator bans the reader through the first instance: the second no longer knows them.
  const mod = await member({ role: 'moderator' });
  const modHeaders = { cookie: `${SESSION_COOKIE}=${await sessionCookie(mod)}`, origin: baseURL!, 'content-type': 'application/json' };
  expect((await fetch(`${baseURL}/api/v1/mod/users/${reader.username}`, { method: 'POST', headers: modHeaders, body: JSON.stringify({ action: 'ban' }) })).status).toBe(200);
  await page.reload();
  await expect(page.getByRole('form', { name: '发表评论' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: '登录' }).first()).toBeVisible();
  await context.close();
});
