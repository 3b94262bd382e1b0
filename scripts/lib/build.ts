// Builds the app when the sources changed since the last build (or there is none).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { projectRoot } from './database.ts';

const INPUTS = ['app', 'auth.ts', 'components', 'lib', 'i18n', 'messages', 'public', 'prisma/schema.prisma', 'proxy.ts', 'next.config.js', 'tsconfig.json', 'package-lock.json'];
const STAMP = path.join(projectRoot, '.next', 'yilun-sources.sha256');

function walk(p: string, out: string[]) {
  const st = fs.statSync(p, { throwIfNoEntry: false });
  if (!st) return;
  if (st.isDirectory()) {
    for (const name of fs.readdirSync(p).sort()) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      walk(path.join(p, name), out);
    }
  } else out.push(p);
}

export function sourceHash(): string {
  const files: string[] = [];
  for (const input of INPUTS) walk(path.join(projectRoot, input), files);
  const hash = crypto.createHash('sha256');
  for (const f of files) hash.update(path.relative(projectRoot, f)).update('\0').update(fs.readFileSync(f)).update('\0');
  return hash.digest('hex');
}

export function buildIfNeeded(log: (m: string) => void = console.log): void {
  const hash = sourceHash();
  const built = fs.existsSync(path.join(projectRoot, '.next', 'BUILD_ID')) && fs.readFileSync(STAMP, { encoding: 'utf8', flag: 'a+' }) === hash;
  if (built) return;
  log('building the app (the sources changed since the last build) …');
  const t = Date.now();
  const res = spawnSync(process.execPath, [path.join(projectRoot, 'node_modules/next/dist/bin/next'), 'build'], {
    cwd: projectRoot,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (res.status !== 0) throw new Error('next build failed');
  fs.writeFileSync(STAMP, hash);
  log(`built in ${((Date.now() - t) / 1000).toFixed(1)} s`);
}
