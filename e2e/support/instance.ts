// Another instance of the forum, as `npm start` runs one (scripts/serve.ts, the production
// build the suite made), on a free port with its own environment: for the tests of what sits
// between the app and PostgreSQL (PgBouncer, a replica).
import { spawn, type ChildProcess } from 'node:child_process';
import { E2E_AUTH_SECRET } from './env.ts';
import { freePort } from '../../lib/db/embedded.ts';
import { serverArgs } from '../../scripts/lib/server-entry.ts';

export interface Instance {
  child: ChildProcess;
  base: string;
  /** Everything it logged so far. */
  output: () => string;
}

export async function serve(env: Record<string, string>): Promise<Instance> {
  // A port nothing listens on now (the system's pick).
  const port = await freePort(0);
  const child = spawn(process.execPath, await serverArgs(), {
    // A small pool: the suite's server and its other instances share one PostgreSQL (CI's
    // embedded one allows 100 connections).
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production', AUTH_SECRET: E2E_AUTH_SECRET, YILUN_WORKERS: '1', YILUN_DB_POOL_SIZE: '6', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d));
  child.stderr!.on('data', (d: Buffer) => (out += d));
  return { child, base: `http://127.0.0.1:${port}`, output: () => out };
}

/** Waits until the instance says it is ready; its log is the message when it never does. */
export async function untilReady(instance: Instance, timeout = 90_000): Promise<void> {
  const end = Date.now() + timeout;
  for (;;) {
    const status = (await fetch(`${instance.base}/api/ready`).catch(() => null))?.status;
    if (status === 200) return;
    if (Date.now() > end || instance.child.exitCode !== null) throw new Error(`the instance at ${instance.base} was not ready (last answer: ${status ?? 'none'}); its log:\n${instance.output().slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
