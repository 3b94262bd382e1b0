// Another instance of the forum, as `npm start` runs one (scripts/serve.ts, the production
// build the suite made), on a free port with its own environment: for the tests of what sits
// between the app and PostgreSQL (PgBouncer, a replica).
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { E2E_AUTH_SECRET } from './env.ts';

export interface Instance {
  child: ChildProcess;
  base: string;
  /** Everything it logged so far. */
  output: () => string;
}

export function serve(env: Record<string, string>): Instance {
  const port = 5100 + Math.floor(Math.random() * 400);
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('scripts', 'serve.ts')], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production', AUTH_SECRET: E2E_AUTH_SECRET, YILUN_WORKERS: '1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d));
  child.stderr!.on('data', (d: Buffer) => (out += d));
  return { child, base: `http://127.0.0.1:${port}`, output: () => out };
}
