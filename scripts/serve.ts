// The app's HTTP server: Next.js's request handler behind the front door
// (lib/server/front-door.ts), which settles the client's address, refuses methods the app
// does not have and malformed paths before Next sees them. `npm start` runs it once the
// database is ready; the tests and the benchmark run it the same way.
import http from 'node:http';
import path from 'node:path';
import next from 'next';
import { frontDoor } from '../lib/server/front-door.ts';

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST || undefined;
const trustedProxies = Number(process.env.YILUN_TRUSTED_PROXIES ?? 0);
if (!Number.isInteger(trustedProxies) || trustedProxies < 0 || trustedProxies > 10) {
  console.error(`YILUN_TRUSTED_PROXIES must be a whole number from 0 to 10, not "${process.env.YILUN_TRUSTED_PROXIES}"`);
  process.exit(2);
}

const app = next({ dev: false, dir: path.resolve(import.meta.dirname, '..'), hostname: hostname ?? 'localhost', port });
const handle = app.getRequestHandler();
await app.prepare();
const server = http.createServer((req, res) => {
  if (frontDoor(req, res, trustedProxies)) void handle(req, res);
});
server.listen(port, hostname, () => console.log(`[yilun] listening on http://${hostname ?? 'localhost'}:${port}`));

// SIGTERM and Ctrl-C: stop taking connections, let requests in flight finish (10 s at most).
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  });
}
