// Past one database (issue 25): through Debian's PgBouncer in transaction mode, LISTEN hears
// nothing. A process started that way says so (the log names the cause and the fix) and is
// not ready; with DIRECT_URL beside it, the bus works and a comment posted through one
// instance reaches the other's cached page at once.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { serve } from './support/instance.ts';
import { test, expect, sessionCookie } from './fixtures.ts';
import { SESSION_COOKIE } from './support/env.ts';

const PGBOUNCER = ['/usr/sbin/pgbouncer', '/usr/bin/pgbouncer'].find((p) => fs.existsSync(p));

/** PgBouncer in transaction mode in front of the test database's server, on a free port. */
async function startPgBouncer(direct: URL): Promise<{ url: (db: string) => string; stop: () => void }> {
  if (!PGBOUNCER) throw new Error('PgBouncer is not installed (Debian package pgbouncer; .ci/run installs it)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yilun-pgbouncer-'));
  // As root, PgBouncer runs as another user: what it reads and writes must be theirs to use.
  fs.chmodSync(dir, 0o777);
  const port = 6500 + Math.floor(Math.random() * 400);
  // Clients are trusted here; PgBouncer logs in to PostgreSQL with the test database's own
  // user and password (the embedded server has one, a local one may not).
  const user = decodeURIComponent(direct.username) || 'postgres';
  const password = decodeURIComponent(direct.password);
  fs.writeFileSync(path.join(dir, 'users.txt'), `"${user}" "${password}"\n`, { mode: 0o644 });
  fs.writeFileSync(
    path.join(dir, 'pgbouncer.ini'),
    [
      '[databases]',
      `* = host=${direct.hostname} port=${direct.port || 5432} user=${user}${password ? ` password=${password}` : ''}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'auth_type = trust',
      `auth_file = ${path.join(dir, 'users.txt')}`,
      'pool_mode = transaction',
      'max_client_conn = 500',
      'default_pool_size = 20',
      'unix_socket_dir =',
      'ignore_startup_parameters = extra_float_digits,options',
      ...(process.getuid?.() === 0 ? ['user = nobody'] : []),
    ].join('\n'),
    { mode: 0o644 },
  );
  const child = spawn(PGBOUNCER, [path.join(dir, 'pgbouncer.ini')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d));
  child.stderr!.on('data', (d: Buffer) => (out += d));
  const net = await import('node:net');
  await expect
    .poll(
      () =>
        new Promise<boolean>((resolve) => {
          const s = net.connect(port, '127.0.0.1', () => (s.end(), resolve(true)));
          s.on('error', () => resolve(false));
        }),
      { timeout: 10_000, message: `PgBouncer did not start:\n${out}` },
    )
    .toBe(true);
  return {
    url: (db) => `postgresql://${direct.username || 'postgres'}@127.0.0.1:${port}/${db}`,
    stop: () => {
      child.kill('SIGTERM');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}


test('through PgBouncer in transaction mode: without DIRECT_URL the silent bus is named and the process is not ready; with it, two instances act as one site', async ({ sql, member }) => {
  test.setTimeout(120_000);
  const direct = new URL(process.env.DATABASE_URL!);
  const database = direct.pathname.slice(1);
  const bouncer = await startPgBouncer(direct);
  const running: ChildProcess[] = [];
  try {
    // Without DIRECT_URL: everything through the pooler, the bus's LISTEN too.
    const silent = serve({ DATABASE_URL: bouncer.url(database) });
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
    const env = { DATABASE_URL: bouncer.url(database), DIRECT_URL: direct.toString() };
    const [one, two] = [serve(env), serve(env)];
    running.push(one.child, two.child);
    for (const s of [one, two]) await expect.poll(async () => (await fetch(`${s.base}/api/ready`).catch(() => null))?.status, { timeout: 30_000 }).toBe(200);
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
    expect(one.output()).not.toContain('LISTEN receives nothing');
  } finally {
    for (const c of running) c.kill('SIGTERM');
    bouncer.stop();
  }
});
