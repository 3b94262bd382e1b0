// npm run bench — measures the forum under `next start` on a fresh database:
//   thread page (HTML) and comments API for the seeded article and for a 10 000-comment
//   thread: median and p95 of sequential requests, then throughput with 10 connections.
// Results are printed as a table (and written to bench-results/latest.json).
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import autocannon from 'autocannon';
import pg from 'pg';
import { startEmbeddedPostgres, withDatabase } from '../lib/db/embedded.ts';
import { migrate } from '../lib/db/migrate.ts';
import { encode } from 'next-auth/jwt';
import { generateThread } from '../tests/support/generate-thread.ts';
import { createMembers } from '../tests/support/members.ts';
import { buildIfNeeded } from './lib/build.ts';
import { dataDir, ensureDatabaseExists, projectRoot } from './lib/database.ts';
import { seedIfEmpty } from './lib/seed.ts';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 40);
const WRITERS = 20;
const WRITES_EACH = Number(process.env.BENCH_WRITES ?? 25);
const SECRET = 'bench-secret-00000000000000000000000';
const port = Number(process.env.BENCH_PORT ?? 3200);

let serverUrl = process.env.DATABASE_URL ? withDatabase(process.env.DATABASE_URL, 'postgres') : '';
let stopDb = async () => {};
if (!serverUrl) {
  const server = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'test-postgres'), port: 54339, log: () => {} });
  serverUrl = server.url;
  stopDb = server.stop;
}
const dbName = `yilun_bench_${Date.now().toString(36)}`;
await ensureDatabaseExists(serverUrl, dbName);
const url = withDatabase(serverUrl, dbName);
const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

let app: ReturnType<typeof spawn> | null = null;
try {
  await migrate(url);
  await seedIfEmpty(url, () => {});
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  await generateThread(pool, { slug: 'bench-10k', topLevel: 9_000, rootsWithReplies: 200, repliesPerRoot: 5 });
  const seedSlug = (await pool.query<{ slug: string }>("SELECT slug FROM articles WHERE slug <> 'bench-10k' LIMIT 1")).rows[0].slug;
  await pool.end();

  buildIfNeeded();
  app = spawn(process.execPath, [path.join(projectRoot, 'node_modules/next/dist/bin/next'), 'start', '--port', String(port), '--hostname', '127.0.0.1'], {
    cwd: projectRoot,
    env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: url, AUTH_SECRET: SECRET, NEXT_TELEMETRY_DISABLED: '1', YILUN_RATE_LIMITS: 'off' },
    stdio: 'ignore',
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    const ok = await fetch(`${base}/api/v1/articles`).then((r) => r.ok, () => false);
    if (ok) break;
    if (i > 300) throw new Error('the app did not start');
    await new Promise((r) => setTimeout(r, 100));
  }

  const targets: [string, string][] = [
    ['thread page, seeded article (15 comments)', `/articles/${seedSlug}`],
    ['thread page, 10 000 comments', '/articles/bench-10k'],
    ['thread page, 10 000 comments, sort=new', '/articles/bench-10k?sort=new'],
    ['comments API, seeded article', `/api/v1/articles/${seedSlug}/comments`],
    ['comments API, 10 000 comments', '/api/v1/articles/bench-10k/comments'],
    ['thread list', '/'],
  ];
  const results: Record<string, unknown>[] = [];
  for (const [name, p] of targets) {
    for (let i = 0; i < 5; i++) await (await fetch(base + p)).arrayBuffer(); // warm up
    const times: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const t = performance.now();
      const res = await fetch(base + p, { headers: { 'Accept-Language': 'zh-CN' } });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${p}: ${res.status}`);
      times.push(performance.now() - t);
    }
    const load = await autocannon({ url: base + p, connections: 10, duration: 5 });
    results.push({
      name,
      median_ms: +quantile(times, 0.5).toFixed(1),
      p95_ms: +quantile(times, 0.95).toFixed(1),
      req_per_s_10_conn: Math.round(load.requests.average),
      p50_ms_10_conn: load.latency.p50,
      errors: load.errors + load.non2xx,
    });
  }
  // Writes: 20 members writing at once, each WRITES_EACH times.
  const wpool = new pg.Pool({ connectionString: url, max: 2 });
  const writers = await createMembers(wpool, 'benchw', WRITERS);
  const ids = (await wpool.query<{ id: number }>("SELECT c.id FROM comments c JOIN articles a ON a.id = c.article_id WHERE a.slug = 'bench-10k' AND c.depth = 0 ORDER BY c.id LIMIT 500")).rows.map((r) => r.id);
  await wpool.end();
  const cookies = await Promise.all(
    writers.map(async (m) => `authjs.session-token=${await encode({ token: { sub: String(m.id), sv: 0 }, secret: SECRET, salt: 'authjs.session-token' })}`),
  );
  const timed = async (fn: () => Promise<Response>) => {
    const t = performance.now();
    const res = await fn();
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`write failed: ${res.status}`);
    return performance.now() - t;
  };
  const writeBench = async (name: string, op: (w: number, i: number) => Promise<Response>) => {
    const times: number[] = [];
    const t0 = performance.now();
    await Promise.all(writers.map(async (_, w) => {
      for (let i = 0; i < WRITES_EACH; i++) times.push(await timed(() => op(w, i)));
    }));
    results.push({
      name: `${name} (${WRITERS} concurrent writers)`,
      median_ms: +quantile(times, 0.5).toFixed(1),
      p95_ms: +quantile(times, 0.95).toFixed(1),
      req_per_s_10_conn: Math.round(times.length / ((performance.now() - t0) / 1000)),
      p50_ms_10_conn: '-',
      errors: 0,
    });
  };
  const headers = (w: number) => ({ cookie: cookies[w], origin: base, 'content-type': 'application/json' });
  await writeBench('comment post', (w, i) =>
    fetch(`${base}/api/v1/articles/${seedSlug}/comments`, { method: 'POST', headers: headers(w), body: JSON.stringify({ body: `压测评论 ${w}-${i}` }) }),
  );
  await writeBench('like toggle', (w, i) =>
    fetch(`${base}/api/v1/comments/${ids[(w * 7 + Math.floor(i / 2)) % ids.length]}/like`, { method: i % 2 === 0 ? 'PUT' : 'DELETE', headers: headers(w) }),
  );
  console.table(results);
  fs.mkdirSync(path.join(projectRoot, 'bench-results'), { recursive: true });
  fs.writeFileSync(path.join(projectRoot, 'bench-results/latest.json'), JSON.stringify({ at: new Date().toISOString(), samples: SAMPLES, results }, null, 2));
} finally {
  app?.kill('SIGTERM');
  await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch(() => {});
  await admin.end();
  await stopDb();
}
