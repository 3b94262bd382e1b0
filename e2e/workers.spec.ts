// One app process per core: the workers share the port; a worker that dies is replaced and
// logged while the others keep serving; SIGTERM drains them all.
import { spawn } from 'node:child_process';
import { test, expect, SEED_SLUG, sessionCookie } from './fixtures.ts';
import { freePort } from '../lib/db/embedded.ts';
import { serverArgs } from '../scripts/lib/server-entry.ts';
import { E2E_AUTH_SECRET, SESSION_COOKIE } from './support/env.ts';

test('two workers share the port; a killed one is replaced and logged; SIGTERM stops them all', async () => {
  test.setTimeout(180_000);
  const port = await freePort(0);
  const primary = spawn(process.execPath, await serverArgs(), {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production', AUTH_SECRET: E2E_AUTH_SECRET, YILUN_WORKERS: '2', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  primary.stdout!.on('data', (d: Buffer) => (out += d));
  primary.stderr!.on('data', (d: Buffer) => (out += d));
  const exited = new Promise<number | null>((r) => primary.once('exit', (code) => r(code)));
  const base = `http://127.0.0.1:${port}`;
  const pids = () => [...out.matchAll(/worker \d+ started \(pid (\d+)\)/g)].map((m) => Number(m[1]));
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  try {
    await expect.poll(() => pids().length, { timeout: 30_000 }).toBe(2);
    await expect.poll(async () => (await fetch(`${base}/api/ready`).catch(() => null))?.status, { timeout: 30_000 }).toBe(200);
    // Both workers listen.
    await expect.poll(() => (out.match(/"msg":"listening on/g) ?? []).length, { timeout: 30_000 }).toBe(2);
    const [first, second] = pids();
    process.kill(first, 'SIGKILL');
    await expect.poll(() => out.includes(`(pid ${first}) died (SIGKILL); starting another`), { timeout: 10_000 }).toBe(true);
    // The other keeps serving while the new one starts. (A connection the primary handed to
    // the worker in the instant it died is lost with it; once the primary knows, none is.)
    for (let i = 0; i < 20; i++) expect((await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(5_000) })).status).toBe(200);
    await expect.poll(() => pids().length, { timeout: 30_000 }).toBe(3);
    const third = pids()[2];
    await expect.poll(() => (out.match(/"msg":"listening on/g) ?? []).length, { timeout: 30_000 }).toBe(3);
    primary.kill('SIGTERM');
    expect(await exited).toBe(0);
    for (const pid of [second, third]) await expect.poll(() => alive(pid), { timeout: 15_000 }).toBe(false);
  } catch (err) {
    console.log(`serve.ts said:\n${out}`);
    throw err;
  } finally {
    if (primary.exitCode === null) primary.kill('SIGKILL');
    for (const pid of pids()) if (alive(pid)) process.kill(pid, 'SIGKILL');
  }
});

test('every connection a process holds is counted in YILUN_DB_POOL_SIZE, under load of pages, member pages, writes and streams', async ({ sql, member }) => {
  test.setTimeout(120_000);
  const port = await freePort(0);
  const SIZE = 6;
  const app = spawn(process.execPath, await serverArgs(), {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production', AUTH_SECRET: E2E_AUTH_SECRET, YILUN_WORKERS: '1', YILUN_DB_POOL_SIZE: String(SIZE), LOG_LEVEL: 'warn', YILUN_RATE_LIMITS: 'off' },
    stdio: 'ignore',
  });
  const base = `http://127.0.0.1:${port}`;
  const held = async () =>
    (await sql.query<{ n: number; parts: string[] }>(`SELECT count(*)::int AS n, array_agg(split_part(application_name, ':', 3) ORDER BY application_name) AS parts FROM pg_stat_activity WHERE application_name LIKE $1`, [`yilun:${app.pid}:%`])).rows[0];
  try {
    await expect.poll(async () => (await fetch(`${base}/api/ready`).catch(() => null))?.status, { timeout: 30_000 }).toBe(200);
    const m = await member();
    const cookie = `${SESSION_COOKIE}=${await sessionCookie(m)}`;
    // A thread of its own to post into: the seeded one is read exactly by other tests.
    const slug = `pools-${Date.now().toString(36)}`;
    await sql.query(`INSERT INTO articles (slug, title, paragraphs, source_site, published_at, last_activity_at) VALUES ($1, '连接', ARRAY['正文'], '测试', now(), now())`, [slug]);
    let most = 0;
    let busiest: string[] = [];
    const parts = new Set<string>();
    let running = true;
    const watch = (async () => {
      while (running) {
        const h = await held();
        if (h.n > most) busiest = h.parts;
        most = Math.max(most, h.n);
        for (const p of h.parts ?? []) parts.add(p);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const streams = await Promise.all(Array.from({ length: 5 }, () => fetch(`${base}/api/v1/articles/${SEED_SLUG}/events`)));
    await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const kind = i % 4;
        const res =
          kind === 0 ? await fetch(`${base}/articles/${SEED_SLUG}?sort=new`)
          : kind === 1 ? await fetch(`${base}/articles/${SEED_SLUG}`, { headers: { cookie } })
          : kind === 2 ? await fetch(`${base}/api/v1/articles/${slug}/comments`, { method: 'POST', headers: { cookie, origin: base, 'content-type': 'application/json' }, body: JSON.stringify({ body: `连接数测试 ${i}` }) })
          : await fetch(`${base}/api/v1/me`, { headers: { cookie } });
        await res.arrayBuffer();
        expect(res.status).toBeLessThan(300);
      }),
    );
    running = false;
    await watch;
    for (const s of streams) await s.body?.cancel();
    // The main pool, the bus and the health check all showed up, and never more than the size.
    expect([...parts].sort()).toEqual(expect.arrayContaining(['bus', 'health', 'main']));
    expect(most).toBeGreaterThan(2);
    expect(most, `the most at once: ${busiest.join(', ')}`).toBeLessThanOrEqual(SIZE);
  } finally {
    app.kill('SIGTERM');
  }
});
