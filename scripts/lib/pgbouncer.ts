// Debian's PgBouncer in transaction mode (the mode people run for many app processes) in
// front of a PostgreSQL server, on a free port (e2e/pgbouncer.spec.ts and
// `npm run bench -- --pgbouncer`).
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { freePort } from '../../lib/db/embedded.ts';

export const pgbouncerBinary = ['/usr/sbin/pgbouncer', '/usr/bin/pgbouncer'].find((p) => fs.existsSync(p)) ?? null;

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect(port, '127.0.0.1', () => (s.end(), resolve(true)));
    s.on('error', () => resolve(false));
  });

/** PgBouncer for the server of `direct` (any database on it, by name); `url(db)` goes through it. */
export async function startPgBouncer(direct: URL, asked?: number): Promise<{ url: (db: string) => string; stop: () => void }> {
  // A port nothing listens on now (the system's pick), unless one is asked for.
  const port = asked ?? (await freePort(0));
  if (!pgbouncerBinary) throw new Error('PgBouncer is not installed (Debian package pgbouncer; .ci/run installs it)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yilun-pgbouncer-'));
  // As root, PgBouncer runs as another user: what it reads and writes must be theirs to use.
  fs.chmodSync(dir, 0o777);
  // Clients are trusted here; PgBouncer logs in to PostgreSQL with the server's own user and
  // password (the embedded server has one, a local one may not).
  const user = decodeURIComponent(direct.username) || 'postgres';
  const password = decodeURIComponent(direct.password);
  fs.writeFileSync(path.join(dir, 'users.txt'), `"${user}" "${password}"\n`, { mode: 0o644 });
  fs.writeFileSync(
    path.join(dir, 'pgbouncer.ini'),
    [
      '[databases]',
      `* = host=${direct.hostname} port=${direct.port || 5432} user=${user}${password ? ` password=${password}` : ''}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'auth_type = trust',
      `auth_file = ${path.join(dir, 'users.txt')}`,
      'pool_mode = transaction',
      'max_client_conn = 500',
      'default_pool_size = 20',
      'unix_socket_dir =',
      'ignore_startup_parameters = extra_float_digits,options',
      ...(process.getuid?.() === 0 ? ['user = nobody'] : []),
    ].join('\n'),
    { mode: 0o644 },
  );
  const child = spawn(pgbouncerBinary, [path.join(dir, 'pgbouncer.ini')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d));
  child.stderr!.on('data', (d: Buffer) => (out += d));
  const stop = () => {
    child.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; !(await listening(port)); i++) {
    if (i > 100) {
      stop();
      throw new Error(`PgBouncer did not start:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url: (db) => `postgresql://${encodeURIComponent(user)}@127.0.0.1:${port}/${db}`, stop };
}
