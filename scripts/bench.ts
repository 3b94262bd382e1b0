// npm run bench — the forum under `next start` on a fresh database, side by side with what
// this machine can do at all, in one run so that the noise of a shared machine cancels:
//
//   * each page and API answer is loaded with wrk (autocannon where wrk is not installed),
//     then the same bytes are served by a bare node:http server and loaded the same way:
//     that is the ceiling, and the table gives each page's share of its own ceiling;
//   * a 10 000-comment thread, written as an article page of the seed's shape and imported
//     with `npm run import` (so the importer is measured at that size too);
//   * a signed-in member's thread page;
//   * 20 writers toggling likes on one comment, and posting comments into one thread;
//   * the app's resident memory.
//
// `-- --nginx`: the anonymous page through deploy/nginx.conf too. `-- --pgbouncer`: the
// seeded pages and the writes again through PgBouncer in transaction mode (DIRECT_URL for the
// bus), beside the direct run measured just before. `-- --replica`: the whole run on a primary
// with a streaming standby (scripts/lib/replica-pair.ts), and the same rows again with
// DATABASE_REPLICA_URL.
//
// `-- --writes`: only the write rows (likes and posts), for working on the write path; the
// README's table is left as it is.
//
// BENCH_DURATION (seconds per load, default 10), BENCH_CONNECTIONS (50), BENCH_WRITES (25 per
// writer). Results go to bench-results/latest.json and latest.md, and the table into README.md.
import { env } from '../lib/env.ts';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';
import pg from 'pg';
import { encode } from 'next-auth/jwt';
import { startEmbeddedPostgres, withDatabase } from '../lib/db/embedded.ts';
import { migrate } from '../lib/db/migrate.ts';
import { createMembers } from '../tests/support/members.ts';
import { generateArticlePage } from '../tests/support/generate-page.ts';
import { nginxBinary, startNginx } from './lib/nginx.ts';
import { pgbouncerBinary, startPgBouncer } from './lib/pgbouncer.ts';
import { startReplicaPair } from './lib/replica-pair.ts';
import { buildIfNeeded } from './lib/build.ts';
import { serverArgs } from './lib/server-entry.ts';
import { dataDir, ensureDatabaseExists, projectRoot } from './lib/database.ts';
import { seedIfEmpty } from './lib/seed.ts';

const DURATION = env().BENCH_DURATION;
const CONNECTIONS = env().BENCH_CONNECTIONS;
/**
 * Text for the 100 000 imported comments that search is measured over (issue 23): words of the
 * seeded article (its runs of two to four Han characters), a dozen or so to a comment, drawn by
 * a fixed generator so that every run has the same corpus.
 */
const BENCH_VOCABULARY = [...new Set(fs.readFileSync(path.join(projectRoot, 'prisma/seed/000_97667f3ccc073977.txt'), 'utf8').match(/[\u4e00-\u9fff]{2,4}/g) ?? [])];
let benchSeed = 20261207;
const benchRandom = () => (benchSeed = (benchSeed * 1103515245 + 12345) % 2147483648) / 2147483648;
const benchWord = () => BENCH_VOCABULARY[Math.floor(benchRandom() * BENCH_VOCABULARY.length)];
const benchSentence = () => Array.from({ length: 6 + Math.floor(benchRandom() * 12) }, () => benchWord() + (benchRandom() < 0.25 ? '，' : '')).join('') + '。';

/** A publisher's site whose page the seeded thread is (the embed's row). */
const BENCH_SITE = 'sbench00000';
const EMBED_ROW = 'embedded thread page, seeded (anonymous, under a publisher\'s page)';
const WRITERS = 20;
const WRITES_EACH = env().BENCH_WRITES;
const SECRET = 'bench-secret-00000000000000000000000';
const port = env().BENCH_PORT;
const CEILING_PORT = port + 1;
const hasWrk = spawnSync('wrk', ['--version']).error === undefined;
const writesOnly = process.argv.includes('--writes');

interface Load {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

/** Parses "1.23ms", "850.00us", "1.20s" into milliseconds. */
const ms = (s: string) => {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(s.trim());
  if (!m) return NaN;
  return Number(m[1]) * { us: 0.001, ms: 1, s: 1000, m: 60_000 }[m[2] as 'us' | 'ms' | 's' | 'm'];
};

async function load(url: string, headers: Record<string, string> = {}): Promise<Load> {
  if (hasWrk) {
    const args = ['-t2', `-c${CONNECTIONS}`, `-d${DURATION}s`, '--latency', ...Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]), url];
    const out = await new Promise<string>((resolve, reject) => {
      const p = spawn('wrk', args);
      let text = '';
      p.stdout.on('data', (d) => (text += d));
      p.on('error', reject);
      p.on('close', () => resolve(text));
    });
    const num = (re: RegExp) => re.exec(out)?.[1];
    const errors = Number(num(/Non-2xx or 3xx responses: (\d+)/) ?? 0) + (num(/Socket errors: (.*)/) ?? '').split(',').reduce((n, s) => n + Number(/(\d+)/.exec(s)?.[1] ?? 0), 0);
    return { rps: Number(num(/Requests\/sec:\s+([\d.]+)/)), p50: ms(num(/ 50%\s+(\S+)/) ?? ''), p99: ms(num(/ 99%\s+(\S+)/) ?? ''), errors };
  }
  const r = await autocannon({ url, headers, connections: CONNECTIONS, duration: DURATION });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx };
}

/** A bare node:http server answering every request with these bytes and headers. */
async function ceiling(body: Buffer, contentType: string): Promise<http.Server> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': contentType, 'content-length': body.length });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(CEILING_PORT, '127.0.0.1', resolve));
  return server;
}

/**
 * The member takes part in the article: likes one comment, and wrote one of their own a day
 * ago (their page is the shared render with their part over it: docs/decisions/010-viewer.md).
 * With `held`, that comment waits for review: only they may see it, drawn for them over the
 * shared render from their part (components/own-cards.tsx).
 */
async function takePart(url: string, userId: number, slug: string, held = false) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(
      `WITH one AS (SELECT c.id FROM comments c JOIN articles a ON a.id = c.article_id WHERE a.slug = $2 ORDER BY c.id DESC LIMIT 1),
            liked AS (INSERT INTO likes (user_id, comment_id) SELECT $1, id FROM one RETURNING comment_id)
       UPDATE comments SET like_count = like_count + 1 WHERE id IN (SELECT comment_id FROM liked)`,
      [userId, slug],
    );
    await c.query(
      `WITH mine AS (INSERT INTO comments (article_id, author_id, body, status, created_at)
                     SELECT id, $1, '我昨天写的评论。', $3::"CommentStatus", now() - interval '1 day' FROM articles WHERE slug = $2 RETURNING article_id, status)
       UPDATE articles SET comment_count = comment_count + 1 WHERE id IN (SELECT article_id FROM mine WHERE status = 'visible')`,
      [userId, slug, held ? 'held' : 'visible'],
    );
  } finally {
    await c.end();
  }
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

const rssKbOf = (pid: number) => {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
};
const rssOf = (pid: number) => Math.round(rssKbOf(pid) / 1024);

const configuredUrl = env().DATABASE_URL;
let serverUrl = configuredUrl ? withDatabase(configuredUrl, 'postgres') : '';
let stopDb = async () => {};
// --replica: the whole run on a primary with a streaming standby of its own (the direct rows
// read the primary; the replica's rows add DATABASE_REPLICA_URL).
const pair = process.argv.includes('--replica') ? await startReplicaPair() : null;
if (pair) {
  serverUrl = pair.primary.url;
  stopDb = pair.stop;
} else if (!serverUrl) {
  const server = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'test-postgres'), port: 54339, log: () => {} });
  serverUrl = server.url;
  stopDb = server.stop;
}
const dbName = `yilun_bench_${Date.now().toString(36)}`;
await ensureDatabaseExists(serverUrl, dbName);
const url = withDatabase(serverUrl, dbName);
const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();

let app: ChildProcess | null = null;
const rows: Record<string, string | number>[] = [];
const summaryExtra: string[] = [];

/** The app's workers (the primary only supervises). */
function workerPids(pid: number): number[] {
  const children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  return children.length ? children : [pid];
}

/**
 * STREAMS open live streams of one thread, then one comment posted: the share of streams it
 * reached, and when (from the moment the post was sent). Memory is read before and after the
 * streams open, for the cost of one stream.
 */
async function streamBench(base: string, slug: string, cookie: string, workers: number[]) {
  const STREAMS = env().BENCH_STREAMS;
  const before = workers.reduce((a, p) => a + rssKbOf(p), 0);
  const arrivals = new Map<number, number>();
  let sentAt = 0;
  const sockets: http.ClientRequest[] = [];
  let opened = 0;
  let refused = 0;
  await new Promise<void>((resolve) => {
    for (let i = 0; i < STREAMS; i++) {
      const localAddress = `127.0.${1 + Math.floor(i / 20 / 250)}.${2 + (Math.floor(i / 20) % 250)}`;
      const req = http.get({ host: '127.0.0.1', port: Number(new URL(base).port), path: `/api/v1/articles/${slug}/events`, localAddress, agent: false }, (res) => {
        if (res.statusCode !== 200) {
          refused++;
          res.resume();
        } else {
          // Nothing else is posted to the thread meanwhile: the first comment event is the one.
          res.setEncoding('utf8');
          res.on('data', (d: string) => {
            if (!arrivals.has(i) && d.includes('event: comment')) arrivals.set(i, performance.now());
          });
        }
        if (++opened === STREAMS) resolve();
      });
      req.on('error', () => {
        refused++;
        if (++opened === STREAMS) resolve();
      });
      sockets.push(req);
    }
  });
  // Settled: what the streams hold, not the garbage of opening them.
  await new Promise((r) => setTimeout(r, 2_000));
  const after = workers.reduce((a, p) => a + rssKbOf(p), 0);
  sentAt = performance.now();
  const posting = fetch(`${base}/api/v1/articles/${slug}/comments`, { method: 'POST', headers: { cookie, origin: base, 'content-type': 'application/json' }, body: JSON.stringify({ body: '给五千位读者的一条评论' }) });
  if ((await posting).status !== 201) throw new Error('the streams bench could not post its comment');
  const live = STREAMS - refused;
  const deadline = performance.now() + 10_000;
  while (arrivals.size < live && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const times = [...arrivals.values()].map((t) => t - sentAt);
  for (const r of sockets) r.destroy();
  const perStreamKb = live > 0 ? (after - before) / live : NaN;
  return {
    row: {
      what: `${STREAMS} open live streams, one new comment: delivered`,
      'kB': '-',
      'req/s': `${arrivals.size}/${live}`,
      'p50 ms': +quantile(times, 0.5).toFixed(1),
      'p99 ms': +quantile(times, 0.99).toFixed(1),
      'ceiling req/s': '-',
      'share of ceiling': `max ${Math.max(...times).toFixed(0)} ms`,
      errors: refused,
    },
    note: `${STREAMS} live streams: RSS ${Math.round(before / 1024)} → ${Math.round(after / 1024)} MB in ${workers.length} workers (${Number.isFinite(perStreamKb) ? perStreamKb.toFixed(1) : '?'} kB a stream); ${refused} refused`,
  };
}
try {
  await migrate(url);
  await seedIfEmpty(url, () => {});
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  // Writers post hundreds of comments a minute into one thread: keep the breaker out of it.
  await pool.query(`INSERT INTO settings (key, value, updated_at) VALUES ('autoPremod', '{"postsPerMinute":1000000,"reportsPerMinute":1000000,"minutes":1}', now())`);

  // The 10 000-comment thread, through the importer.
  const file = path.join(os.tmpdir(), `yilun-bench-${process.pid}.txt`);
  fs.writeFileSync(file, generateArticlePage({ title: '一万条评论的话题', comments: 9_000, repliesEvery: 45, repliesEach: 5 }));
  const t0 = performance.now();
  const imported = spawnSync(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'scripts/import.ts'), file, '--slug', 'bench-10k'], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: url },
    encoding: 'utf8',
  });
  const importSeconds = (performance.now() - t0) / 1000;
  fs.rmSync(file, { force: true });
  if (imported.status !== 0) throw new Error(`npm run import failed:\n${imported.stdout}\n${imported.stderr}`);
  const seedSlug = (await pool.query<{ slug: string }>("SELECT slug FROM articles WHERE slug <> 'bench-10k' LIMIT 1")).rows[0].slug;
  // 100 000 comments of a Disqus export (issue 22), through `npm run import -- --from disqus`.
  let disqusSeconds = NaN;
  if (!writesOnly) {
    const xml = path.join(os.tmpdir(), `yilun-bench-${process.pid}.xml`);
    const parts: string[] = ['<?xml version="1.0" encoding="utf-8"?><disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">'];
    for (let t = 0; t < 100; t++) parts.push(`<thread dsq:id="t${t}"><link>https://publisher.example/p/${t}</link><title>Disqus ${t}</title><createdAt>2024-01-01T00:00:00Z</createdAt></thread>`);
    for (let i = 0; i < 100_000; i++)
      parts.push(`<post dsq:id="p${i}"><message><![CDATA[<p>${benchSentence()}</p>]]></message><createdAt>2024-01-02T00:00:00Z</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam><author><name>读者${i % 3000}</name></author><thread dsq:id="t${i % 100}"/>${i >= 100 && i % 4 === 0 ? `<parent dsq:id="p${i - 100}"/>` : ''}</post>`);
    parts.push('</disqus>');
    fs.writeFileSync(xml, parts.join('\n'));
    const t1 = performance.now();
    const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'scripts/import.ts'), '--from', 'disqus', xml], { cwd: projectRoot, env: { ...process.env, DATABASE_URL: url }, encoding: 'utf8' });
    disqusSeconds = (performance.now() - t1) / 1000;
    fs.rmSync(xml, { force: true });
    if (run.status !== 0) throw new Error(`npm run import -- --from disqus failed:\n${run.stdout}\n${run.stderr}`);
  }
  const reader = (await createMembers(pool, 'benchr', 1))[0];
  // A member who liked a comment of the seeded thread and wrote one (shared render, their part
  // over it), and one whose comment there waits for review (drawn for them over it).
  const [partaker, heldAuthor] = await createMembers(pool, 'benchp', 2);
  const writers = await createMembers(pool, 'benchw', WRITERS);
  // Members of standing, as a lively thread's are: a month old, with comments behind them (the
  // surge breaker counts the others' posts: lib/moderation/auto-premod.ts).
  await pool.query("UPDATE users SET created_at = now() - interval '30 days' WHERE id = ANY($1)", [writers.map((w) => w.id)]);
  await pool.query(
    `INSERT INTO comments (article_id, author_id, body, created_at)
     SELECT a.id, w, '以前的评论', now() - interval '2 days' FROM articles a, unnest($1::int[]) w, generate_series(1, 3) WHERE a.slug = 'bench-10k'`,
    [writers.map((w) => w.id)],
  );
  // The seeded thread is also a publisher's page (issue 22): its embedded page is measured beside the plain one.
  await pool.query(`INSERT INTO sites (id, name, origins, sso_secret, updated_at) VALUES ($1, 'bench', '{http://publisher.example}', 'bench', now()) ON CONFLICT (id) DO NOTHING`, [BENCH_SITE]);
  await pool.query(`UPDATE articles SET site_id = $1, page_url = 'http://publisher.example/seed' WHERE slug = $2`, [BENCH_SITE, seedSlug]);
  const hot = (await pool.query<{ id: number }>("SELECT c.id FROM comments c JOIN articles a ON a.id = c.article_id WHERE a.slug = $1 ORDER BY c.id LIMIT 1", [seedSlug])).rows[0].id;
  const spread = (await pool.query<{ id: number }>("SELECT c.id FROM comments c JOIN articles a ON a.id = c.article_id WHERE a.slug = 'bench-10k' AND c.status = 'visible' ORDER BY c.id LIMIT $1", [WRITERS])).rows.map((r) => r.id);
  await pool.end();

  buildIfNeeded();
  const base = `http://127.0.0.1:${port}`;
  /** The app as `npm start` serves it, with this many workers (one per core by default). */
  const startApp = async (workers: number, extra: Record<string, string> = {}) => {
    const child = spawn(process.execPath, await serverArgs(), {
      cwd: projectRoot,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production', DATABASE_URL: url, AUTH_SECRET: SECRET, NEXT_TELEMETRY_DISABLED: '1', YILUN_RATE_LIMITS: 'off', YILUN_WORKERS: String(workers), LOG_LEVEL: 'warn', ...extra },
      stdio: 'ignore',
    });
    for (let i = 0; ; i++) {
      if (await fetch(`${base}/api/v1/articles`).then((r) => r.ok, () => false)) break;
      if (i > 300) throw new Error('the app did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
    // Every worker up: each answers its share once warm.
    for (let i = 0; i < 40; i++) await (await fetch(`${base}/api/v1/articles`)).arrayBuffer();
    return child;
  };
  const stopApp = async (child: ChildProcess) => {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  const WORKERS = os.availableParallelism();
  const session = async (id: number) => `authjs.session-token=${await encode({ token: { sub: String(id), sv: 0 }, secret: SECRET, salt: 'authjs.session-token' })}`;
  const memberCookie = await session(reader.id);
  const partCookie = await session(partaker.id);
  const heldCookie = await session(heldAuthor.id);
  await takePart(url, partaker.id, seedSlug);
  await takePart(url, heldAuthor.id, seedSlug, true);
  const seededPages: [string, string, Record<string, string>][] = [
    ['thread page, seeded (anonymous)', `/articles/${seedSlug}`, {}],
    ['thread page, seeded (member who took no part: shared render)', `/articles/${seedSlug}`, { cookie: memberCookie }],
    ['thread page, seeded (member who liked and posted: shared render)', `/articles/${seedSlug}`, { cookie: partCookie }],
  ];
  // One worker first, on the same pages before any write changes them; then one per core.
  const oneWorker: Record<string, number> = {};
  if (WORKERS > 1 && !writesOnly) {
    app = await startApp(1);
    for (const [name, p, headers] of seededPages) {
      for (let i = 0; i < 20; i++) await (await fetch(base + p, { headers })).arrayBuffer();
      const one = await load(base + p, headers);
      oneWorker[name] = one.rps;
      rows.push({ what: `${name}, 1 worker`, 'kB': '-', 'req/s': Math.round(one.rps), 'p50 ms': +one.p50.toFixed(1), 'p99 ms': +one.p99.toFixed(1), 'ceiling req/s': '-', 'share of ceiling': '-', errors: one.errors });
      console.log(rows.at(-1));
    }
    await stopApp(app);
  }
  app = await startApp(WORKERS);

  // Live streams first, on the fresh workers (their memory is steadiest now): STREAMS readers
  // on one thread (from 250 loopback addresses, 20 each, the per-address limit), one new
  // comment; how long it takes to reach each of them, and what a stream costs in memory.
  if (!writesOnly) {
    const streamRow = await streamBench(base, seedSlug, await session(writers[0].id), workerPids(app.pid!));
    rows.push(streamRow.row);
    console.log(rows.at(-1));
    summaryExtra.push(streamRow.note);
  }

  const targets: [string, string, Record<string, string>][] = [
    ['thread page, seeded (anonymous)', `/articles/${seedSlug}`, {}],
    [EMBED_ROW, `/embed/${BENCH_SITE}/zh-CN/${seedSlug}`, {}],
    ['thread page, 10 000 comments (anonymous)', '/articles/bench-10k', {}],
    ['thread page, 10 000 comments, sort=new (anonymous)', '/articles/bench-10k?sort=new', {}],
    ['thread page, seeded (member who took no part: shared render)', `/articles/${seedSlug}`, { cookie: memberCookie }],
    ['thread page, 10 000 comments (member who took no part: shared render)', '/articles/bench-10k', { cookie: memberCookie }],
    ['  + its own part: GET /api/v1/me', '/api/v1/me', { cookie: memberCookie }],
    ['thread page, seeded (member who liked and posted: shared render)', `/articles/${seedSlug}`, { cookie: partCookie }],
    ['  + their part: GET /api/v1/me?article=SLUG', `/api/v1/me?article=${seedSlug}`, { cookie: partCookie }],
    ['thread page, seeded (member with a comment held for review: shared render)', `/articles/${seedSlug}`, { cookie: heldCookie }],
    ['comments API, seeded', `/api/v1/articles/${seedSlug}/comments`, {}],
    ['comments API, 10 000 comments', '/api/v1/articles/bench-10k/comments', {}],
    ['thread list (anonymous)', '/', {}],
  ];
  /** One page against a bare server sending its bytes (the ceiling), measured in turn. */
  const measurePage = async (name: string, url: string, headers: Record<string, string> = {}) => {
    const warm = await fetch(url, { headers });
    const body = Buffer.from(await warm.arrayBuffer());
    if (!warm.ok) throw new Error(`${url}: ${warm.status}`);
    // A row that says "shared render" measures the cached page, or it says nothing.
    if (name.includes('shared render') && !warm.headers.get('x-nextjs-cache')) throw new Error(`${name}: not served from the shared render`);
    for (let i = 0; i < 20; i++) await (await fetch(url, { headers })).arrayBuffer();
    const page = await load(url, headers);
    const bare = await ceiling(body, warm.headers.get('content-type') ?? 'text/html');
    const top = await load(`http://127.0.0.1:${CEILING_PORT}/`);
    await new Promise((r) => bare.close(r));
    rows.push({
      what: name,
      'kB': +(body.length / 1024).toFixed(1),
      'req/s': Math.round(page.rps),
      'p50 ms': +page.p50.toFixed(1),
      'p99 ms': +page.p99.toFixed(1),
      'ceiling req/s': Math.round(top.rps),
      'share of ceiling': `${((page.rps / top.rps) * 100).toFixed(2)} %`,
      errors: page.errors,
    });
    console.log(rows.at(-1));
  };
  if (!writesOnly) {
    for (const [name, p, headers] of targets) await measurePage(name, base + p, headers);
    // Issue 23's goal: a two-word query over the 100 000 imported comments (and the rest), p95 ≤ 50 ms.
    // One request at a time (the latency a searcher waits), twenty different queries in turn.
    {
      const queries = Array.from({ length: 20 }, (_, i) => `${BENCH_VOCABULARY[(i * 37 + 3) % BENCH_VOCABULARY.length]} ${BENCH_VOCABULARY[(i * 91 + 7) % BENCH_VOCABULARY.length]}`);
      const found: number[] = [];
      for (const q of queries) found.push(((await (await fetch(`${base}/api/v1/search?q=${encodeURIComponent(q)}`)).json()) as { comments: unknown[] }).comments.length);
      const times: number[] = [];
      let errors = 0;
      const t0 = performance.now();
      for (let i = 0; i < 400; i++) {
        const s0 = performance.now();
        const res = await fetch(`${base}/api/v1/search?q=${encodeURIComponent(queries[i % queries.length])}`);
        await res.arrayBuffer();
        if (!res.ok) errors++;
        times.push(performance.now() - s0);
      }
      const total = (await (async () => {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        const n = (await c.query('SELECT count(*)::int AS n FROM comments')).rows[0].n as number;
        await c.end();
        return n;
      })());
      rows.push({ what: `search, two words, ${total.toLocaleString('en')} comments (GET /api/v1/search, one at a time)`, 'kB': '-', 'req/s': Math.round(times.length / ((performance.now() - t0) / 1000)), 'p50 ms': +quantile(times, 0.5).toFixed(1), 'p99 ms': +quantile(times, 0.99).toFixed(1), 'ceiling req/s': '-', 'share of ceiling': `p95 ${quantile(times, 0.95).toFixed(1)} ms`, errors });
      console.log(rows.at(-1));
      summaryExtra.push(`search: 20 two-word queries over ${total} comments, ${found.filter((n) => n > 0).length} of them with results (a first page of up to 20: ${found.join(', ')})`);
    }
    // Issue 22's goal: the embedded thread within 10 % of the plain one, measured back to back.
    const plain = rows.find((r) => r.what === 'thread page, seeded (anonymous)');
    const framed = rows.find((r) => r.what === EMBED_ROW);
    if (plain && framed) summaryExtra.push(`embedded thread page against the plain one: ${framed['req/s']} against ${plain['req/s']} req/s (${((Number(framed['req/s']) / Number(plain['req/s']) - 1) * 100).toFixed(1)} %), shares of their ceilings ${framed['share of ceiling']} against ${plain['share of ceiling']}`);
  }

  // Through nginx (deploy/nginx.conf) in front, when asked and installed: the same page, the
  // same ceiling, the same run.
  if (process.argv.includes('--nginx') && !writesOnly) {
    if (!nginxBinary) console.log('--nginx: nginx is not installed (Debian package nginx); skipped');
    else {
      const edge = await startNginx(`127.0.0.1:${port}`, port + 7);
      try {
        await measurePage('thread page, seeded (anonymous), through nginx', `${edge.url}/articles/${seedSlug}`);
      } finally {
        edge.stop();
      }
    }
  }

  // Writes: 20 members at once, on one comment (likes and unlikes in turn) and into one thread.
  const cookies = await Promise.all(writers.map((m) => session(m.id)));
  const writeBench = async (name: string, method: (n: number) => 'PUT' | 'DELETE' | 'POST', p: string | string[], body?: (w: number, n: number) => string) => {
    // Warmed first, as the pages are: a write path's first seconds in a fresh worker (its code
    // not yet optimised, its statements not yet planned) measured 30 % slower.
    if (hasWrk) await writeWithWrk(method, p, body, 3);
    const result = hasWrk
      ? await writeWithWrk(method, p, body)
      : await writeWithFetch(method, p, body);
    rows.push({
      what: `${name} (${WRITERS} members, one connection each)`,
      'kB': '-',
      'req/s': Math.round(result.rps),
      'p50 ms': +result.p50.toFixed(1),
      'p99 ms': +result.p99.toFixed(1),
      'ceiling req/s': '-',
      'share of ceiling': `p95 ${result.p95.toFixed(1)} ms`,
      errors: result.errors,
    });
    console.log(rows.at(-1));
  };
  /**
   * wrk as people write: one thread and one connection per member (setup() gives each thread
   * its member), each toggling their own like (PUT, DELETE, PUT, … : every request a real
   * change) or posting their own comments. Members are never shared across threads.
   */
  const writeWithWrk = async (method: (n: number) => string, p: string | string[], body?: (w: number, n: number) => string, seconds = DURATION) => {
    const script = path.join(os.tmpdir(), `yilun-bench-${process.pid}.lua`);
    fs.writeFileSync(
      script,
      `local cookies = { ${cookies.map((c) => JSON.stringify(c)).join(', ')} }
local paths = { ${cookies.map((_, i) => JSON.stringify(Array.isArray(p) ? p[i] : p)).join(', ')} }
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("member", threads)
end
init = function(args)
  n = 0
end
request = function()
  n = n + 1
  local method = ${method(0) === 'POST' ? '"POST"' : '(n % 2 == 1) and "PUT" or "DELETE"'}
  local body = ${body ? `'{"body":"压测评论 ' .. member .. '-' .. n .. '"}'` : 'nil'}
  return wrk.format(method, paths[member], { ["Cookie"] = cookies[member], ["Origin"] = ${JSON.stringify(base)}, ["Content-Type"] = "application/json" }, body)
end
done = function(summary, latency, requests)
  io.write(string.format("P95 %dus\\n", latency:percentile(95)))
end
`,
    );
    const out = await new Promise<string>((resolve, reject) => {
      const w = spawn('wrk', [`-t${WRITERS}`, `-c${WRITERS}`, `-d${seconds}s`, '--latency', '-s', script, base + (Array.isArray(p) ? p[0] : p)]);
      let text = '';
      w.stdout.on('data', (d) => (text += d));
      w.on('error', reject);
      w.on('close', () => resolve(text));
    });
    fs.rmSync(script, { force: true });
    const num = (re: RegExp) => re.exec(out)?.[1];
    return {
      rps: Number(num(/Requests\/sec:\s+([\d.]+)/)),
      p50: ms(num(/ 50%\s+(\S+)/) ?? ''),
      p95: ms(num(/P95 (\d+us)/) ?? ''),
      p99: ms(num(/ 99%\s+(\S+)/) ?? ''),
      errors: Number(num(/Non-2xx or 3xx responses: (\d+)/) ?? 0),
    };
  };
  /** Without wrk: 20 fetch loops, WRITES_EACH requests each. */
  const writeWithFetch = async (method: (n: number) => string, p: string | string[], body?: (w: number, n: number) => string) => {
    const times: number[] = [];
    let errors = 0;
    const t = performance.now();
    await Promise.all(
      cookies.map(async (cookie, w) => {
        for (let i = 0; i < WRITES_EACH; i++) {
          const s = performance.now();
          const res = await fetch(base + (Array.isArray(p) ? p[w] : p), { method: method(i), headers: { cookie, origin: base, 'content-type': 'application/json' }, body: body?.(w, i) });
          await res.arrayBuffer();
          if (!res.ok) errors++;
          times.push(performance.now() - s);
        }
      }),
    );
    return { rps: times.length / ((performance.now() - t) / 1000), p50: quantile(times, 0.5), p95: quantile(times, 0.95), p99: quantile(times, 0.99), errors };
  };
  await writeBench('like toggles on one comment', (n) => (n % 2 === 0 ? 'PUT' : 'DELETE'), `/api/v1/comments/${hot}/like`);
  // The same toggles, each member on a comment of their own: what one comment's row costs.
  await writeBench('like toggles, each member on a different comment', (n) => (n % 2 === 0 ? 'PUT' : 'DELETE'), spread.map((id) => `/api/v1/comments/${id}/like`));
  await writeBench('comment posts into one thread', () => 'POST', `/api/v1/articles/${seedSlug}/comments`, (w, n) => JSON.stringify({ body: `压测评论 ${w}-${n}` }));
  // Like counts are folded in about a second after the last like (lib/likes/like-counts.ts).
  await new Promise((r) => setTimeout(r, 2_500));
  const check = new pg.Client({ connectionString: url });
  await check.connect();
  const drift = (
    await check.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM comments c WHERE like_count <> base_like_count + (SELECT count(*) FROM likes l WHERE l.comment_id = c.id)',
    )
  ).rows[0].n;
  // Posts are measured as members of standing make them: none held by the surge breaker.
  const heldPosts = (await check.query<{ n: number }>("SELECT count(*)::int AS n FROM comments WHERE status = 'held' AND body LIKE '压测评论 %'")).rows[0].n;
  await check.end();

  // Memory: the workers' (the primary only supervises).
  const perWorker = workerPids(app.pid!).map(rssOf);
  const rss = perWorker.reduce((a, b) => a + b, 0);

  // --pgbouncer, --replica: the same pages and writes through each, against the direct run
  // measured again just before (the writes above have grown the seeded thread since).
  const topologies: { label: string; env: () => Promise<Record<string, string>>; stop?: () => void }[] = [];
  if (process.argv.includes('--pgbouncer')) {
    if (!pgbouncerBinary) console.log('--pgbouncer: PgBouncer is not installed (Debian package pgbouncer); skipped');
    else {
      let bouncer: Awaited<ReturnType<typeof startPgBouncer>> | null = null;
      topologies.push({
        label: 'through PgBouncer (transaction mode)',
        env: async () => {
          bouncer = await startPgBouncer(new URL(serverUrl), port + 8);
          return { DATABASE_URL: bouncer.url(dbName), DIRECT_URL: url };
        },
        stop: () => bouncer?.stop(),
      });
    }
  }
  if (pair) topologies.push({ label: 'with a replica', env: async () => ({ DATABASE_REPLICA_URL: withDatabase(pair.standby.url, dbName) }) });
  if (topologies.length) {
    topologies.unshift({ label: 'direct', env: async () => ({}) });
    const subset = targets.filter(([name]) => /seeded \((anonymous|member who liked and posted|member with a comment held)/.test(name) || name.includes('their part') || name === 'comments API, seeded');
    for (const t of topologies) {
      await stopApp(app);
      app = await startApp(WORKERS, await t.env());
      try {
        for (const [name, p, headers] of subset) await measurePage(`${name.trim()}, ${t.label}`, base + p, headers);
        await writeBench(`like toggles on one comment, ${t.label}`, (n) => (n % 2 === 0 ? 'PUT' : 'DELETE'), `/api/v1/comments/${hot}/like`);
        await writeBench(`comment posts into one thread, ${t.label}`, () => 'POST', `/api/v1/articles/${seedSlug}/comments`, (w, n) => JSON.stringify({ body: `压测评论 ${t.label} ${w}-${n}` }));
      } finally {
        t.stop?.();
      }
    }
  }

  // One worker against one per core, on the same pages.
  const scaling: string[] = [];
  for (const [name] of seededPages) {
    const many = Number(rows.find((r) => r.what === name)?.['req/s']);
    if (oneWorker[name]) scaling.push(`${name}: ${WORKERS} workers ${many} req/s, 1 worker ${Math.round(oneWorker[name])} req/s (×${(many / oneWorker[name]).toFixed(2)})`);
  }

  const summary = [
    `wrk ${hasWrk ? `-t2 -c${CONNECTIONS} -d${DURATION}s` : '(autocannon)'}; ${os.cpus().length} cores; ${new Date().toISOString()}`,
    `import of the 10 000-comment page: ${importSeconds.toFixed(1)} s; of a Disqus export of 100 000 comments in 100 threads: ${Number.isNaN(disqusSeconds) ? '-' : `${disqusSeconds.toFixed(1)} s`}; app RSS after the run: ${rss} MB in ${perWorker.length} workers (${perWorker.join(' + ')} MB); like counts that drifted from their rows: ${drift}; posts held: ${heldPosts}`,
    `rows above are with ${WORKERS} workers (one per core), except those marked "1 worker"`,
    ...scaling,
    ...summaryExtra,
  ];
  console.table(rows);
  console.log(summary.join('\n'));
  const header = Object.keys(rows[0]);
  const md = [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${header.map((h) => r[h]).join(' | ')} |`),
    '',
    ...summary.map((s) => `${s}  `),
  ].join('\n');
  fs.mkdirSync(path.join(projectRoot, 'bench-results'), { recursive: true });
  if (writesOnly) fs.writeFileSync(path.join(projectRoot, 'bench-results/writes.md'), `${md}\n`);
  else {
    fs.writeFileSync(path.join(projectRoot, 'bench-results/latest.json'), JSON.stringify({ at: new Date().toISOString(), rows, importSeconds, rssMb: rss, rssPerWorkerMb: perWorker, workers: WORKERS, scaling, drift }, null, 2));
    fs.writeFileSync(path.join(projectRoot, 'bench-results/latest.md'), `${md}\n`);
    // The README shows the latest table.
    const readme = path.join(projectRoot, 'README.md');
    fs.writeFileSync(readme, fs.readFileSync(readme, 'utf8').replace(/(<!-- bench:start -->\n)[\s\S]*?(<!-- bench:end -->)/, `$1${md}\n$2`));
  }
} finally {
  app?.kill('SIGTERM');
  await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch(() => {});
  await admin.end();
  await stopDb();
}
