// npm test [unit|e2e] [-- extra args for the runner]
// Runs the suite against a real PostgreSQL: the server DATABASE_URL names (fresh databases
// are created on it and dropped afterwards) or, when it is unset, an embedded one under
// .data/test-postgres. Unit and integration tests (Vitest) get a template database that
// each test file copies; the browser tests (Playwright) get a seeded database of their own.
import { env } from '../lib/env.ts';
import crypto from 'node:crypto';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { startEmbeddedPostgres, withDatabase } from '../lib/db/embedded.ts';
import { migrate } from '../lib/db/migrate.ts';
import { withPgClient } from '../lib/db/with-client.ts';
import { assertLocalDatabase } from '../tests/support/assert-local-database.ts';
import { buildIfNeeded } from './lib/build.ts';
import { dataDir, ensureDatabaseExists, projectRoot } from './lib/database.ts';
import { seedIfEmpty } from './lib/seed.ts';

const [which = 'all', ...rest] = process.argv.slice(2).filter((a) => a !== '--');
if (!['all', 'unit', 'e2e'].includes(which)) {
  console.error('usage: npm test [-- unit|e2e] [runner arguments]');
  process.exit(2);
}
process.env.NEXT_TELEMETRY_DISABLED = '1';
process.env.CHECKPOINT_DISABLE = '1';

const runId = `yilun_test_${Date.now().toString(36)}_${crypto.randomBytes(3).toString('hex')}`;
let serverUrl: string;
let stopServer = async () => {};
const configuredUrl = env().DATABASE_URL;
if (configuredUrl) {
  serverUrl = withDatabase(configuredUrl, 'postgres');
  assertLocalDatabase(serverUrl);
} else {
  const server = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'test-postgres'), port: 54339, log: (m) => console.log(`[test db] ${m}`) });
  serverUrl = server.url;
  stopServer = server.stop;
}

async function dropRunDatabases() {
  await withPgClient(serverUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${runId}%`]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  });
}

const run = (cmd: string, args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, [path.join(projectRoot, cmd), ...args], { cwd: projectRoot, stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;

let status = 0;
try {
  const template = `${runId}_template`;
  await ensureDatabaseExists(serverUrl, template);
  await migrate(withDatabase(serverUrl, template));
  const env = { TEST_PG_SERVER_URL: serverUrl, TEST_TEMPLATE_DB: template, TEST_RUN_ID: runId };

  if (which === 'all' || which === 'unit') {
    status ||= run('node_modules/vitest/vitest.mjs', ['run', ...(which === 'unit' ? rest : [])], env);
  }
  if ((which === 'all' && status === 0) || which === 'e2e') {
    buildIfNeeded();
    const e2eDb = `${runId}_e2e`;
    await ensureDatabaseExists(serverUrl, e2eDb);
    const url = withDatabase(serverUrl, e2eDb);
    await migrate(url);
    await seedIfEmpty(url, (m) => console.log(`[e2e] ${m}`));
    // Browser tests post hundreds of comments into one thread within a minute; the automatic
    // pre-moderation they would trigger is tested in tests/moderation.test.ts.
    await withPgClient(url, (c) =>
      c.query(`INSERT INTO settings (key, value, updated_at) VALUES ('autoPremod', '{"postsPerMinute":100000,"reportsPerMinute":100000,"minutes":10}', now())`),
    );
    status ||= run('node_modules/@playwright/test/cli.js', ['test', ...(which === 'e2e' ? rest : [])], { ...env, DATABASE_URL: url });
  }
} catch (err) {
  console.error(err);
  status = 1;
} finally {
  await dropRunDatabases().catch((err) => console.error('could not drop the test databases:', err));
  await stopServer();
}
process.exit(status);
