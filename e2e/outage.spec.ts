// A database outage: a second app server reaches PostgreSQL through a TCP relay that this
// test can cut and restore. While it is cut, pages are a 503 in the reader's language and
// the API a 503 JSON error; once it is back, the site recovers without a restart.
import net from 'node:net';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { test, expect, SEED_SLUG } from './fixtures.ts';

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

test('a database outage shows a 503 page and the site recovers by itself', async ({ browser }) => {
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
    [path.join('node_modules', 'next', 'dist', 'bin', 'next'), 'start', '--port', String(appPort), '--hostname', '127.0.0.1'],
    { env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: viaRelay.toString(), AUTH_SECRET: 'outage-test-secret-0000000000000000' }, stdio: 'ignore' },
  );
  const base = `http://127.0.0.1:${appPort}`;
  try {
    await expect.poll(async () => (await fetch(`${base}/api/v1/articles`).catch(() => null))?.status, { timeout: 30_000 }).toBe(200);
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    expect((await page.goto(`${base}/articles/${SEED_SLUG}`))?.status()).toBe(200);

    await relay.cut();
    await expect.poll(async () => (await page.goto(`${base}/articles/${SEED_SLUG}`))?.status(), { timeout: 15_000 }).toBe(503);
    await expect(page.getByRole('heading', { name: '服务暂时不可用' })).toBeVisible();
    await expect(page.locator('body')).not.toContainText(/Error|at .*\.js/);
    const api = await fetch(`${base}/api/v1/articles/${SEED_SLUG}/comments`);
    expect(api.status).toBe(503);
    expect((await api.json()).error.code).toBe('unavailable');
    const en = await fetch(`${base}/`, { headers: { 'Accept-Language': 'en' } });
    expect(en.status).toBe(503);
    expect(await en.text()).toContain('Service temporarily unavailable');

    await relay.open();
    await expect.poll(async () => (await page.goto(`${base}/articles/${SEED_SLUG}`))?.status(), { timeout: 30_000 }).toBe(200);
    await expect(page.getByRole('heading', { name: '评论 (15)' })).toBeVisible();
    await context.close();
  } finally {
    app.kill('SIGTERM');
    await relay.cut().catch(() => {});
  }
});
