import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { dataDir } from './database.ts';
import { env } from '../../lib/env.ts';

/** AUTH_SECRET from the environment, or one generated once and kept under .data/. */
export function ensureAuthSecret(log: (m: string) => void = console.log): string {
  const configured = env().AUTH_SECRET;
  if (configured) return configured;
  const file = path.join(dataDir, 'auth-secret');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = crypto.randomBytes(32).toString('base64url');
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  log(`AUTH_SECRET is not set: generated one and kept it in .data/auth-secret (set AUTH_SECRET to use your own)`);
  return secret;
}
