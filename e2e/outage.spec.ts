// A database outage: a second app server reaches PostgreSQL through a TCP relay that this
// test can cut and restore. While it is cut, anonymous readers keep getting the pages already
// in the cache; pages that need the database are a 503 in the reader's language and the API
// a 503 JSON error; once it is back, the site recovers without a restart.
import net from 'node:net';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { test, expect, SEED_SLUG, sessionCookie } from './fixtures.ts';
import { E2E_AUTH_SECRET, SESSION_COOKIE } from './support/env.ts';

class Relay {
  private server: net.Server | null = null;
  private sockets = new Set<net.Socket>();
  constructor(
    readonly port: number,
    private target: { host: string; port: number },
  ) {}
  async open() {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }
  async cut() {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}

test('in a database outage cached pages keep serving, the rest is a 503, and the site recovers by itself', async ({ browser, member }) => {
  test.setTimeout(120_000);
  const db = new URL(process.env.DATABASE_URL!);
  const relayPort = 3300 + Math.floor(Math.random() * 500);
  const relay = new Relay(relayPort, { host: db.hostname, port: Number(db.port || 5432) });
  await relay.open();
  const viaRelay = new URL(db);
  viaRelay.hostname = '127.0.0.1';
  viaRelay.port = String(relayPort);
  const appPort = 3900 + Math.floor(Math.random() * 90);
  const app: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', path.join('scripts', 'serve.ts')],
    { env: { ...process.env, PORT: String(appPort), HOST: '127.0.0.1', NODE_ENV: 'production', DATABASE_URL: viaRelay.toString(), AUTH_SECRET: E2E_AUTH_SECRET }, stdio: 'ignore' },
  );
  const base = `http://127.0.0.1:${appPort}`;
  try {
    await expect.poll(async () => (await fetch(`${base}/api/v1/articles`).catch(() => null))?.status, { timeout: 30_000 }).toBe(200);
    const m = await member();
    const asMember = { cookie: `${SESSION_COOKIE}=${await sessionCookie(m)}` };
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    expect((await page.goto(`${base}/articles/${SEED_SLUG}`))?.status()).toBe(200);
    expect((await fetch(`${base}/articles/${SEED_SLUG}`, { headers: asMember })).status).toBe(200);

    expect(await (await fetch(`${base}/api/ready`)).json()).toEqual({ status: 'ready' });
    await relay.cut();
    // A member's page needs the database: the localized 503.
    await expect.poll(async () => (await fetch(`${base}/articles/${SEED_SLUG}`, { headers: asMember })).status, { timeout: 15_000 }).toBe(503);
    const memberContext = await browser.newContext({ locale: 'zh-CN' });
    await memberContext.addCookies([{ name: SESSION_COOKIE, value: await sessionCookie(m), url: base }]);
    const memberPage = await memberContext.newPage();
    expect((await memberPage.goto(`${base}/signin`))?.status()).toBe(503);
    await expect(memberPage.getByRole('heading', { name: '服务暂时不可用' })).toBeVisible();
    await expect(memberPage.locator('body')).not.toContainText(/Error|at .*\.js/);
    // The anonymous page rendered before the outage is still served, whole.
    expect((await page.goto(`${base}/articles/${SEED_SLUG}`))?.status()).toBe(200);
    await expect(page.getByRole('heading', { name: '评论 (15)' })).toBeVisible();
    // One never rendered cannot be: it says so in both languages, never with a stack trace.
    expect((await page.goto(`${base}/articles/${SEED_SLUG}?sort=old`))?.status()).toBe(500);
    await expect(page.getByRole('heading', { name: '服务暂时不可用' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Service temporarily unavailable' })).toBeVisible();
    await expect(page.locator('body')).not.toContainText(/Error|at .*\.js/);
    // The process is alive; it is not ready.
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
    const ready = await fetch(`${base}/api/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'unavailable', reason: 'database_unreachable' });
    const api = await fetch(`${base}/api/v1/articles/${SEED_SLUG}/comments`);
    expect(api.status).toBe(503);
    expect((await api.json()).error.code).toBe('unavailable');
    const en = await fetch(`${base}/signup`, { headers: { 'Accept-Language': 'en' } });
    expect(en.status).toBe(503);
    expect(await en.text()).toContain('Service temporarily unavailable');

    await relay.open();
    await expect.poll(async () => (await fetch(`${base}/api/ready`)).status, { timeout: 30_000 }).toBe(200);
    await expect.poll(async () => (await fetch(`${base}/articles/${SEED_SLUG}`, { headers: asMember })).status, { timeout: 30_000 }).toBe(200);
    await expect.poll(async () => (await page.goto(`${base}/articles/${SEED_SLUG}?sort=old`))?.status(), { timeout: 30_000 }).toBe(200);
    await expect(page.getByRole('heading', { name: '评论 (15)' })).toBeVisible();
    await context.close();
    await memberContext.close();
  } finally {
    app.kill('SIGTERM');
    await relay.cut().catch(() => {});
  }
});
