// `npm run admin` and `npm run import` while `npm start` serves: they use the running
// embedded PostgreSQL and never stop it; a server left by a killed command is cleaned up.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
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
const runChild = (code: string) => spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', child(code)], { encoding: 'utf8' });
const answers = (url: string) => withPgClient(url, async (c) => (await c.query('SELECT 1 AS one')).rows[0].one === 1).catch(() => false);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('one embedded PostgreSQL per data directory', () => {
  it('a second command uses the running server and leaves it running', async () => {
    const serving = await startEmbeddedPostgres({ dataDir, log: () => {} });
    try {
      const other = runChild('console.log(db.port); await db.stop();');
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
