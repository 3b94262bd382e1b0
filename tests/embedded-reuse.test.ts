// `npm run admin` and `npm run import` while `npm start` serves: they use the running
// embedded PostgreSQL and never stop it; a server left by a killed command is cleaned up.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { run } from './support/run.ts';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../lib/db/embedded.ts';
import { withPgClient } from '../lib/db/with-client.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yilun-reuse-'));
fs.chmodSync(dir, 0o755);
const dataDir = path.join(dir, 'postgres');
const child = (code: string) =>
  `import { startEmbeddedPostgres } from ${JSON.stringify(path.resolve('lib/db/embedded.ts'))};
   const db = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, log: () => {} });
   ${code}`;
const runChild = (code: string) => run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', child(code)]);
const answers = (url: string) => withPgClient(url, async (c) => (await c.query('SELECT 1 AS one')).rows[0].one === 1).catch(() => false);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('one embedded PostgreSQL per data directory', () => {
  it('a second command uses the running server and leaves it running', async () => {
    const serving = await startEmbeddedPostgres({ dataDir, log: () => {} });
    try {
      const other = await runChild('console.log(db.port); await db.stop();');
      expect(other.status, other.stderr).toBe(0);
      expect(Number(other.stdout.trim())).toBe(serving.port);
      expect(await answers(serving.url)).toBe(true);
    } finally {
      await serving.stop();
    }
  });

  it('a server left behind by a killed command is stopped and replaced', async () => {
    const orphan = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', child('console.log(db.port); setInterval(() => {}, 1000);')], { stdio: ['ignore', 'pipe', 'inherit'] });
    const port = await new Promise<number>((resolve) => orphan.stdout!.once('data', (d) => resolve(Number(String(d).trim()))));
    orphan.kill('SIGKILL');
    await new Promise((r) => orphan.once('exit', r));
    const fresh = await startEmbeddedPostgres({ dataDir, log: () => {} });
    try {
      expect(await answers(fresh.url)).toBe(true);
      const password = fs.readFileSync(`${dataDir}.password`, 'utf8').trim();
      expect(fresh.port === port || !(await answers(`postgresql://postgres:${password}@127.0.0.1:${port}/postgres`))).toBe(true);
    } finally {
      await fresh.stop();
    }
  });
});

describe('the embedded superuser', () => {
  it('has a password of its own, kept where only this user can read it, and no password file is left behind', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'yilun-pw-'));
    fs.chmodSync(tmp, 0o755);
    const before = new Set(fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('pg-password-')));
    const db = await startEmbeddedPostgres({ dataDir: path.join(tmp, 'postgres'), log: () => {} });
    try {
      const file = path.join(tmp, 'postgres.password');
      expect(fs.statSync(file).mode & 0o077).toBe(0);
      const password = fs.readFileSync(file, 'utf8').trim();
      expect(password).toMatch(/^[0-9a-f]{48}$/);
      expect(db.url).toContain(password);
      expect(await answers(db.url.replace(password, 'postgres'))).toBe(false);
      expect(fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('pg-password-') && !before.has(f))).toEqual([]);
      expect(fs.existsSync(path.join(tmp, 'postgres.init'))).toBe(false);
    } finally {
      await db.stop();
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});

// Root only: as any other user the server runs as that user and reaches what the user can.
describe.skipIf(process.getuid?.() !== 0)('as root, in a directory the postgres user cannot enter', () => {
  it('the cluster lives where the postgres user can reach it, the log says where, and the private directory holds no half-made cluster', async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'yilun-pg-home-'));
    const privateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yilun-private-'));
    fs.chmodSync(privateDir, 0o700);
    const before = process.env.YILUN_PG_HOME;
    process.env.YILUN_PG_HOME = home;
    const said: string[] = [];
    try {
      const db = await startEmbeddedPostgres({ dataDir: path.join(privateDir, '.data', 'postgres'), log: (m) => said.push(m) });
      try {
        expect(await answers(db.url)).toBe(true);
        expect(said.join('\n')).toContain(`lives in ${path.join(home, 'clusters')}`);
        expect(fs.existsSync(path.join(privateDir, '.data', 'postgres'))).toBe(false);
        // A second start finds the same cluster (and its data).
        await withPgClient(db.url, (c) => c.query('CREATE TABLE kept (v int); INSERT INTO kept VALUES (7)'));
      } finally {
        await db.stop();
      }
      const again = await startEmbeddedPostgres({ dataDir: path.join(privateDir, '.data', 'postgres'), log: () => {} });
      try {
        expect(await withPgClient(again.url, async (c) => (await c.query('SELECT v FROM kept')).rows)).toEqual([{ v: 7 }]);
      } finally {
        await again.stop();
      }
    } finally {
      if (before === undefined) delete process.env.YILUN_PG_HOME;
      else process.env.YILUN_PG_HOME = before;
      fs.rmSync(home, { recursive: true, force: true });
      fs.rmSync(privateDir, { recursive: true, force: true });
    }
  }, 120_000);
});
