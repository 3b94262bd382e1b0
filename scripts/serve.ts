// The app's HTTP server: Next.js's request handler behind the front door
// (lib/server/front-door.ts), which settles the client's address, refuses methods the app
// does not have and malformed paths before Next sees them. `npm start` runs it once the
// database is ready; the tests and the benchmark run it the same way.
import cluster from 'node:cluster';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import next from 'next';
import { YilunResponse } from '../lib/server/response.ts';
import { frontDoor } from '../lib/server/front-door.ts';
import { newGeneration } from '../lib/cache/handler.js';
import { configurationProblem, env } from '../lib/env.ts';
import { logger } from '../lib/log.ts';
import { logRequests } from '../lib/server/request-log.ts';
import { CHANNEL, listen } from '../lib/bus/bus.ts';
import { db } from '../lib/db/client.ts';
import { applyToPageCache } from '../lib/bus/apply.ts';
import { announcements } from '../lib/live/thread-events.ts';
import { DRAIN_MS, stopWhenAsked, SUPERVISOR_GRACE_MS } from '../lib/server/supervise.ts';

const problem = configurationProblem();
if (problem) {
  console.error(problem);
  process.exit(2);
}
const { PORT: port, HOST: hostname, YILUN_TRUSTED_PROXIES: trustedProxies, YILUN_WORKERS, YILUN_WORKER_HEAP_MB } = env();
// One app process per core (Node's cluster: the workers share the port); YILUN_WORKERS=N overrides.
const workers = YILUN_WORKERS ?? os.availableParallelism();

// The page cache's folder for this start (lib/cache/handler.js), shared by its workers: the
// folders of servers that are gone are removed.
if (cluster.isPrimary) newGeneration(path.resolve(import.meta.dirname, '..', '.next'));

if (cluster.isPrimary && workers > 1) await runPrimary(workers);
else await runWorker();

/**
 * The primary only supervises: it starts the workers, replaces one that dies (and logs it),
 * and on SIGTERM or Ctrl-C has every worker drain its requests before all of them stop.
 */
async function runPrimary(count: number) {
  let stopping = false;
  const deaths: number[] = [];
  // Each worker's heap, when bounded (a worker is a fresh node process: the flag goes with it).
  if (YILUN_WORKER_HEAP_MB) cluster.setupPrimary({ execArgv: [...process.execArgv, `--max-old-space-size=${YILUN_WORKER_HEAP_MB}`] });
  const start = () => {
    const w = cluster.fork();
    w.once('online', () => logger.info({ worker: w.id, pid: w.process.pid }, `worker ${w.id} started (pid ${w.process.pid})`));
  };
  for (let i = 0; i < count; i++) start();
  cluster.on('exit', (w, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    logger.error({ worker: w.id, pid: w.process.pid, code, signal }, `worker ${w.id} (pid ${w.process.pid}) died (${signal ?? code}); starting another`);
    // A worker that cannot stay up (five deaths in ten seconds) is a broken app, not bad luck.
    const now = Date.now();
    deaths.push(now);
    while (deaths.length && deaths[0] < now - 10_000) deaths.shift();
    if (deaths.length >= 5) {
      logger.fatal('workers keep dying: stopping');
      stop('workers keep dying', 1);
      return;
    }
    start();
  });
  const stop = (why: string, code = 0) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${why}: every worker finishes its requests in flight, then stops`);
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
    setTimeout(() => {
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGKILL');
      process.exit(code);
    }, SUPERVISOR_GRACE_MS).unref();
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(code);
  };
  stopWhenAsked((why) => stop(why));
}

async function runWorker() {
  // Next builds its own URLs from this name (the server below listens on HOST). It must be
  // "localhost", as Next's middleware URLs call 127.0.0.1 too: with any other name a rewrite
  // from proxy.ts (the members' shared pages) would not be seen as Next's own and would be
  // proxied over HTTP to this very server.
  const app = next({ dev: false, dir: path.resolve(import.meta.dirname, '..'), hostname: 'localhost', port });
  const handle = app.getRequestHandler();
  await app.prepare();
  // Caches agree across processes and machines: what another one changed expires here too.
  // LISTEN needs a session of its own: DIRECT_URL when DATABASE_URL is a transaction pooler.
  // Its probes go out the way events do (the app's pool), and must come back here.
  const { DATABASE_URL, DIRECT_URL } = env();
  const bus = DATABASE_URL
    ? listen(DIRECT_URL ?? DATABASE_URL, (event) => {
        applyToPageCache(event);
        // Live streams of this process hear what another one recorded.
        if (event.t === 'thread') announcements().emit('article', event.a);
        if (event.t === 'queue') announcements().emit('queue');
        // After a gap, every stream re-reads its thread's events from where it was.
        if (event.t === 'resync') announcements().emit('resync');
      }, { probe: (payload) => db().$executeRaw`SELECT pg_notify(${CHANNEL}, ${payload})` })
    : null;

  // Every response holds to the headers the front door decides (lib/server/response.ts).
  const server = http.createServer({ ServerResponse: YilunResponse }, (req, res) => {
    logRequests(logger, req, res, trustedProxies);
    void frontDoor(req, res, trustedProxies).then((go) => (go ? handle(req, res) : undefined));
  });
  // A connection kept alive outlasts the clients' own idle timeouts (undici's 4 s, a proxy's
  // 60 s): the server must not be the one to close a socket a client is about to reuse, or
  // that request fails with "other side closed".
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.listen(port, hostname, () => logger.info({ port, host: hostname ?? 'localhost', pid: process.pid }, `listening on http://${hostname ?? 'localhost'}:${port}`));

  // SIGTERM and Ctrl-C, or the launcher (or primary) killed outright: stop taking connections,
  // let requests in flight finish (DRAIN_MS at most).
  stopWhenAsked((why) => {
    logger.info(`${why}: finishing requests in flight, taking no new ones`);
    void bus?.stop();
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), DRAIN_MS).unref();
  });
}
