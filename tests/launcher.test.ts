// `npm start` itself, end to end, on the embedded PostgreSQL, in a copy of the project in a
// private directory (mode 700, as a clone under /root is): a fresh start builds and seeds; a
// second reuses the build and the data; a changed source file rebuilds; PORT is honoured;
// SIGTERM and Ctrl-C stop everything, finishing a request in flight while refusing new
// connections; a PostgreSQL left by a launcher killed outright is cleaned up on the next start.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { freePort } from '../lib/db/embedded.ts';

const root = path.resolve(import.meta.dirname, '..');
const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'yilun-launcher-'));
fs.chmodSync(copy, 0o700);
const pgHome = fs.mkdtempSync(path.join(os.tmpdir(), 'yilun-launcher-pg-'));

/** The project as a fresh clone has it (tracked files), with this checkout's installed packages. */
function makeCopy() {
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
  for (const f of files) {
    if (!fs.existsSync(path.join(root, f))) continue;
    fs.mkdirSync(path.dirname(path.join(copy, f)), { recursive: true });
    fs.copyFileSync(path.join(root, f), path.join(copy, f));
  }
  // Installed packages and the generated client, as `npm ci` would leave them.
  const linked = spawnSync('cp', ['-al', path.join(root, 'node_modules'), path.join(copy, 'node_modules')]);
  if (linked.status !== 0) fs.symlinkSync(path.join(root, 'node_modules'), path.join(copy, 'node_modules'));
  fs.cpSync(path.join(root, 'lib/generated'), path.join(copy, 'lib/generated'), { recursive: true });
}

interface Launched {
  child: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<number | null>;
}

async function launch(): Promise<Launched> {
  const port = await freePort(0);
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), YILUN_PG_HOME: pgHome, LOG_LEVEL: 'info' };
  delete env.DATABASE_URL;
  delete env.AUTH_SECRET;
  // Its own process group, as a terminal gives it: Ctrl-C reaches every process in it.
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { cwd: copy, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d));
  child.stderr!.on('data', (d: Buffer) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 180_000;
  for (;;) {
    const ready = await fetch(`http://127.0.0.1:${port}/api/ready`).then((r) => r.status === 200, () => false);
    if (ready) break;
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`npm start did not become ready:\n${out}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  return { child, port, output: () => out, exited };
}

/** Processes whose command line mentions the copy or its PostgreSQL's home. */
function leftovers(): string[] {
  const ps = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return ps.split('\n').filter((l) => (l.includes(copy) || l.includes(pgHome)) && !l.includes('ps -eo'));
}

async function gone() {
  for (let i = 0; i < 50 && leftovers().length; i++) await new Promise((r) => setTimeout(r, 200));
  return leftovers();
}

afterAll(() => {
  for (const l of leftovers()) {
    try {
      process.kill(Number(l.trim().split(/\s+/)[0]), 'SIGKILL');
    } catch {}
  }
  fs.rmSync(copy, { recursive: true, force: true });
  fs.rmSync(pgHome, { recursive: true, force: true });
});

describe('npm start', () => {
  it('builds, seeds, serves on PORT; stops on SIGTERM after finishing a request in flight, refusing new connections; nothing left behind', async () => {
    makeCopy();
    const first = await launch();
    expect(first.output()).toContain('building the app');
    expect(first.output()).toContain('seeded /articles/05afd521a51e');
    // Root in a private directory: the cluster lives where the postgres user can reach it.
    if (process.getuid?.() === 0) expect(first.output()).toContain(`lives in ${path.join(pgHome, 'clusters')}`);
    const home = await fetch(`http://127.0.0.1:${first.port}/`);
    expect(home.status).toBe(200);
    expect(home.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await home.text()).toContain('美媒:美国跑错赛道');

    // A request in flight (its headers not finished yet) when SIGTERM arrives.
    const socket = net.connect(first.port, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    socket.write('GET /api/health HTTP/1.1\r\nHost: localhost\r\n');
    await new Promise((r) => setTimeout(r, 200));
    first.child.kill('SIGTERM');
    // New connections are refused meanwhile (as soon as the signal has arrived).
    await vi.waitFor(async () => {
      const refused = await fetch(`http://127.0.0.1:${first.port}/api/health`, { headers: { connection: 'close' } }).then(() => false, () => true);
      if (!refused) throw new Error('still accepting connections');
    }, { timeout: 10_000, interval: 50 });
    let answer = '';
    socket.on('data', (d) => (answer += d));
    socket.write('Connection: close\r\n\r\n');
    await new Promise((r) => socket.once('close', r));
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    expect(await first.exited).toBe(0);
    expect(await gone()).toEqual([]);
  }, 300_000);

  it('a second start reuses the build and the data; Ctrl-C stops it all', async () => {
    const second = await launch();
    expect(second.output()).not.toContain('building the app');
    expect(second.output()).not.toContain('seeded');
    expect((await fetch(`http://127.0.0.1:${second.port}/articles/05afd521a51e`)).status).toBe(200);
    process.kill(-second.child.pid!, 'SIGINT');
    expect(await second.exited).toBe(0);
    expect(await gone()).toEqual([]);
  }, 300_000);

  it('a change to any source file rebuilds, a file nobody listed included', async () => {
    fs.appendFileSync(path.join(copy, 'instrumentation.ts'), '\n// changed\n');
    const third = await launch();
    expect(third.output()).toContain('building the app');
    third.child.kill('SIGTERM');
    expect(await third.exited).toBe(0);
    expect(await gone()).toEqual([]);
  }, 300_000);

  it('a PostgreSQL left by a launcher killed outright is stopped and replaced on the next start', async () => {
    const killed = await launch();
    process.kill(killed.child.pid!, 'SIGKILL');
    await killed.exited;
    // The app server notices its launcher is gone and stops; PostgreSQL is left behind.
    await vi.waitFor(() => {
      if (leftovers().some((l) => !/postgres/.test(l))) throw new Error('the app server is still running');
    }, { timeout: 15_000, interval: 100 });
    expect(leftovers().some((l) => /postgres/.test(l))).toBe(true);
    const next = await launch();
    expect(next.output()).toContain('stopping a PostgreSQL left running');
    next.child.kill('SIGTERM');
    expect(await next.exited).toBe(0);
    expect(await gone()).toEqual([]);
  }, 300_000);
});
