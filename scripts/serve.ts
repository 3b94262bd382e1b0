// The app's HTTP server: Next.js's request handler behind the front door
// (lib/server/front-door.ts), which settles the client's address, refuses methods the app
// does not have and malformed paths before Next sees them. `npm start` runs it once the
// database is ready; the tests and the benchmark run it the same way.
import http from 'node:http';
import path from 'node:path';
import next from 'next';
import { frontDoor } from '../lib/server/front-door.ts';
import { configurationProblem, env } from '../lib/env.ts';
import { logger } from '../lib/log.ts';
import { logRequests } from '../lib/server/request-log.ts';
import { listen } from '../lib/bus/bus.ts';
import { applyToPageCache } from '../lib/bus/apply.ts';

const problem = configurationProblem();
if (problem) {
  console.error(problem);
  process.exit(2);
}
const { PORT: port, HOST: hostname, YILUN_TRUSTED_PROXIES: trustedProxies } = env();

const app = next({ dev: false, dir: path.resolve(import.meta.dirname, '..'), hostname: hostname ?? 'localhost', port });
const handle = app.getRequestHandler();
await app.prepare();
// Caches agree across processes and machines: what another one changed expires here too.
const { DATABASE_URL } = env();
const bus = DATABASE_URL ? listen(DATABASE_URL, (event) => applyToPageCache(event)) : null;

const server = http.createServer((req, res) => {
  logRequests(logger, req, res, trustedProxies);
  if (frontDoor(req, res, trustedProxies)) void handle(req, res);
});
server.listen(port, hostname, () => logger.info({ port, host: hostname ?? 'localhost' }, `listening on http://${hostname ?? 'localhost'}:${port}`));

// SIGTERM and Ctrl-C: stop taking connections, let requests in flight finish (10 s at most).
let stopping = false;
const stop = (why: string) => {
  if (stopping) return;
  stopping = true;
  logger.info(`${why}: finishing requests in flight, taking no new ones`);
  void bus?.stop();
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 10_000).unref();
};
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => stop(signal));
// Started by a launcher that was killed outright: stop too, rather than hold the port.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) stop('launcher gone');
}, 1_000).unref();
