// Configuration, logs and the request id: what operators rely on.
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { configurationProblem, env, ENV_DOCS, envTable, RATE_LIMIT_NAMES } from '../lib/env.ts';
import { createLogger } from '../lib/log.ts';
import { RATE_LIMITS } from '../lib/rate-limit.ts';
import { logRequests } from '../lib/server/request-log.ts';

const capture = () => {
  let out = '';
  const stream = new Writable({
    write(chunk, _enc, done) {
      out += chunk;
      done();
    },
  });
  return { stream, lines: () => out.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)), text: () => out };
};

describe('configuration (lib/env.ts)', () => {
  it('reads defaults, and refuses bad values with one line naming the variable', () => {
    expect(env({})).toMatchObject({ PORT: 3000, LOG_LEVEL: 'info', YILUN_TRUSTED_PROXIES: 0, YILUN_DB_POOL_SIZE: 16, YILUN_RATE_LIMITS: 'on' });
    expect(configurationProblem({ PORT: 'abc' })).toBe('bad configuration: PORT="abc": must be a whole number from 1 to 65535');
    expect(configurationProblem({ PORT: '70000' })).toContain('PORT="70000"');
    expect(configurationProblem({ DATABASE_URL: 'localhost:5432/db' })).toContain('DATABASE_URL="localhost:5432/db": must be a PostgreSQL URL');
    expect(configurationProblem({ DATABASE_URL: 'mysql://x@h/db' })).toContain('DATABASE_URL');
    expect(configurationProblem({ YILUN_RATE_LIMIT_COMMENT_BURST: 'fast' })).toContain('YILUN_RATE_LIMIT_COMMENT_BURST="fast": must be COUNT/SECONDS');
    expect(configurationProblem({ LOG_LEVEL: 'loud' })).toContain('LOG_LEVEL="loud"');
    expect(configurationProblem({ YILUN_TRUSTED_PROXIES: '-1' })).toContain('YILUN_TRUSTED_PROXIES');
    expect(configurationProblem({ PORT: '8080', DATABASE_URL: 'postgresql://u:p@db:5432/forum', YILUN_RATE_LIMIT_LIKES: '5/60' })).toBeNull();
    // Empty counts as unset.
    expect(env({ PORT: '' }).PORT).toBe(3000);
  });

  it('has a variable for every rate limit, and the README documents every variable', () => {
    const fromLimits = Object.keys(RATE_LIMITS).map((n) => n.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase());
    expect([...RATE_LIMIT_NAMES].sort()).toEqual(fromLimits.sort());
    const readme = fs.readFileSync('README.md', 'utf8');
    for (const name of Object.keys(ENV_DOCS)) expect(readme, name).toContain(`\`${name}\``);
    expect(readme, 'run npm run env:table').toContain(`<!-- env:start -->\n${envTable()}\n<!-- env:end -->`);
  });

  it('nothing but lib/env.ts reads process.env', () => {
    const files = spawnSync('git', ['ls-files', 'app', 'lib', 'components', 'scripts', 'i18n', 'auth.ts', 'proxy.ts', 'next.config.js', 'instrumentation.ts'], { encoding: 'utf8' }).stdout.split('\n').filter((f) => /\.(ts|tsx|js|mjs)$/.test(f) && f !== 'lib/env.ts');
    const readers = files.filter((f) => fs.existsSync(f) && /process\.env(?:\.[A-Z_]+\b(?!\s*=[^=])|\[)/.test(fs.readFileSync(f, 'utf8').replace(/\{ \.\.\.process\.env/g, '')));
    expect(readers).toEqual([]);
  });

  it('`npm start` stops at once with one line on a bad value', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { encoding: 'utf8', env: { ...process.env, PORT: 'abc' }, timeout: 30_000 });
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('[yilun] bad configuration: PORT="abc": must be a whole number from 1 to 65535');
  });
});

describe('logs', () => {
  it('are JSON lines with level and time; secrets and passwords never appear', () => {
    const out = capture();
    const log = createLogger(out.stream);
    log.info({ password: 'hunter2-secret', user: { passwordHash: '$argon2id$xyz' }, req: { headers: { cookie: 'authjs.session-token=abc', authorization: 'Bearer tok' } }, url: 'postgresql://u:pw@h/db' }, 'sign-in');
    const [line] = out.lines();
    expect(line).toMatchObject({ level: 'info', msg: 'sign-in', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    for (const secret of ['hunter2-secret', '$argon2id$xyz', 'authjs.session-token=abc', 'Bearer tok', 'u:pw@h']) expect(out.text()).not.toContain(secret);
  });

  it('every request: an id (returned as X-Request-Id), method, path without the query, status and duration', async () => {
    const out = capture();
    const log = createLogger(out.stream);
    const server = http.createServer((req, res) => {
      logRequests(log, req, res, 0);
      res.statusCode = req.url?.startsWith('/fail') ? 503 : 200;
      res.end('ok');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as import('node:net').AddressInfo;
    try {
      const a = await fetch(`http://127.0.0.1:${port}/articles/x?token=secret-token`, { headers: { 'x-request-id': 'forged-by-a-client' } });
      const b = await fetch(`http://127.0.0.1:${port}/fail`);
      await new Promise((r) => setTimeout(r, 50));
      const id = a.headers.get('x-request-id')!;
      // Without a trusted proxy in front, a client's own id is not taken.
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(b.headers.get('x-request-id')).not.toBe(id);
      const lines = out.lines();
      expect(lines[0]).toMatchObject({ level: 'info', reqId: id, method: 'GET', path: '/articles/x', status: 200, ms: expect.any(Number) });
      expect(lines[1]).toMatchObject({ level: 'error', path: '/fail', status: 503 });
      expect(out.text()).not.toContain('secret-token');
    } finally {
      server.close();
    }
  });
});

describe('slow queries', () => {
  it('are logged with their table and operation, never their values', async () => {
    const { vi } = await import('vitest');
    const { createPrisma, describeQuery } = await import('../lib/db/client.ts');
    const { logger } = await import('../lib/log.ts');
    const { freshDatabase } = await import('./support/db.ts');
    expect(describeQuery('SELECT "public"."users"."id" FROM "public"."users" WHERE "id" = $1')).toEqual({ model: 'users', operation: 'SELECT' });
    expect(describeQuery('WITH x AS (SELECT 1) INSERT INTO comments (body) VALUES ($1)')).toEqual({ model: 'comments', operation: 'INSERT' });
    const { url } = await freshDatabase();
    const prisma = createPrisma(url, 1);
    const warn = vi.spyOn(logger, 'warn');
    try {
      await prisma.$queryRaw`SELECT pg_sleep(0.15)::text AS s, ${'secret-typed-text'}::text AS t FROM users RIGHT JOIN (SELECT 1) one ON true`;
      await prisma.$queryRaw`SELECT 1`;
      const slow = warn.mock.calls.filter((c) => c[1] === 'slow query');
      expect(slow).toHaveLength(1);
      expect(slow[0][0]).toMatchObject({ model: 'users', operation: 'SELECT', ms: expect.any(Number) });
      expect(JSON.stringify(slow)).not.toContain('secret-typed-text');
    } finally {
      warn.mockRestore();
      await prisma.$disconnect();
    }
  });
});

describe('database connections (lib/db/pools.ts)', () => {
  it('every pool of a process is a share of YILUN_DB_POOL_SIZE, and the shares add up to it', async () => {
    const { poolShares } = await import('../lib/db/pools.ts');
    for (const total of [4, 5, 8, 16, 17, 40, 200]) {
      const s = poolShares(total);
      expect(s.main + s.shell + s.health + s.bus, String(total)).toBe(total);
      expect(Math.min(s.main, s.shell, s.health, s.bus)).toBeGreaterThanOrEqual(1);
    }
    // The default keeps Prisma's pool at 10, as it was before the other pools were counted.
    expect(poolShares(16).main).toBe(10);
  });
});
