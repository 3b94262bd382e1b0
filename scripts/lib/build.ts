// Builds the app when the sources changed since the last build (or there is none).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { projectRoot } from './database.ts';

// Every file of the project is an input of the build, except what the build provably never
// reads: the tests, the scripts that run around it, documents, and what is generated or
// installed. A new file anywhere else (a new top-level module such as auth.ts or
// instrumentation.ts) is an input without anyone having to list it.
const NOT_INPUTS = new Set(['node_modules', 'tests', 'e2e', 'scripts', 'docs', 'test-results', 'playwright-report', 'backups', 'README.md', 'playwright.config.ts', 'vitest.config.ts', 'eslint.config.mjs', 'tsconfig.tsbuildinfo', 'next-env.d.ts']);
const STAMP = path.join(projectRoot, '.next', 'yilun-sources.sha256');

function walk(p: string, out: string[], top: boolean) {
  const st = fs.statSync(p, { throwIfNoEntry: false });
  if (!st) return;
  if (st.isDirectory()) {
    for (const name of fs.readdirSync(p).sort()) {
      // Dot entries: .next (the build itself), .data, .git, .ci, .env files are not read by it.
      if (name.startsWith('.') || (top && NOT_INPUTS.has(name)) || name === 'node_modules') continue;
      walk(path.join(p, name), out, false);
    }
  } else out.push(p);
}

export function sourceHash(root = projectRoot): string {
  const files: string[] = [];
  walk(root, files, true);
  const hash = crypto.createHash('sha256');
  for (const f of files) hash.update(path.relative(root, f)).update('\0').update(fs.readFileSync(f)).update('\0');
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
