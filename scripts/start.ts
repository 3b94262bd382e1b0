// npm start: build when needed, start (or reuse) the database, migrate, seed an empty
// database, then serve the forum. Ctrl-C or SIGTERM stops everything this started.
import { spawn } from 'node:child_process';
import { openDatabase, projectRoot } from './lib/database.ts';
import { buildIfNeeded } from './lib/build.ts';
import { serverArgs } from './lib/server-entry.ts';
import { ensureAuthSecret } from './lib/auth-secret.ts';
import { seedIfEmpty } from './lib/seed.ts';
import { configurationProblem, env } from '../lib/env.ts';
import { logger } from '../lib/log.ts';
import { stopWhenAsked } from '../lib/server/supervise.ts';

const log = (m: string) => logger.info(m);
const started = Date.now();
process.env.NEXT_TELEMETRY_DISABLED = '1';
process.env.CHECKPOINT_DISABLE = '1';

// Every variable is checked before anything starts: a bad one stops here, in one line.
const problem = configurationProblem();
if (problem) {
  console.error(`[yilun] ${problem}`);
  process.exit(2);
}
const { PORT: port, AUTH_TRUST_HOST } = env();

const authSecret = ensureAuthSecret(log);
buildIfNeeded(log);
const database = await openDatabase(log);
let stopping = false;
let signalled = false;
const stop = async (code: number) => {
  if (stopping) return;
  stopping = true;
  await database.close().catch((err) => console.error(err));
  process.exit(code);
};

try {
  await seedIfEmpty(database.url, log);
} catch (err) {
  console.error(err);
  await stop(1);
}

const server = spawn(
  process.execPath,
  await serverArgs(),
  {
    cwd: projectRoot,
    stdio: 'inherit',
    env: { ...process.env, PORT: String(port), NODE_ENV: 'production', DATABASE_URL: database.url, ...(database.directUrl !== database.url ? { DIRECT_URL: database.directUrl } : {}), AUTH_SECRET: authSecret, AUTH_TRUST_HOST: AUTH_TRUST_HOST ?? 'true' },
  },
);
log(`serving on http://localhost:${port} (ready ${Date.now() - started} ms after npm start)`);

// A signal, or whoever started us gone without one (npm killed, terminal closed): the server
// drains and stops, then the database (lib/server/supervise.ts).
stopWhenAsked((why) => {
  log(`${why}: stopping`);
  signalled = true;
  server.kill('SIGTERM');
}, ['SIGINT', 'SIGTERM', 'SIGHUP']);
server.on('exit', (code, signal) => {
  if (!signalled) log(`server exited (${signal ?? code})`);
  void stop(signalled ? 0 : (code ?? 1));
});
