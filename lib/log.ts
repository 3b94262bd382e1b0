// One logger for the whole app: JSON lines (level, time, message and fields), pretty in a
// terminal; LOG_LEVEL sets the level. Secrets never reach it: cookies, authorization
// headers, passwords, password hashes, secrets and connection strings are redacted wherever
// they appear in a logged object, and messages never interpolate them.
import pino from 'pino';
import pretty from 'pino-pretty';
import { env } from './env.ts';

/** Keys whose values are never written, at any depth that pino's redaction reaches. */
export const REDACTED_KEYS = ['password', 'passwordHash', 'password_hash', 'secret', 'authSecret', 'cookie', 'authorization', 'set-cookie', 'token', 'csrfToken', 'url', 'connectionString', 'DATABASE_URL', 'AUTH_SECRET'];

const key = (k: string) => (/^\w+$/.test(k) ? `.${k}` : `["${k}"]`);
const paths = REDACTED_KEYS.flatMap((k) => [key(k).replace(/^\./, ''), `*${key(k)}`, `*.*${key(k)}`]).map((p) => (p.startsWith('[') ? p.slice(2, -2) : p));

export function createLogger(destination?: pino.DestinationStream) {
  // A bad configuration is reported by the launcher's check, in one line; the logger still works.
  let level = 'info';
  try {
    level = env().LOG_LEVEL;
  } catch {}
  const options: pino.LoggerOptions = {
    level,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths, censor: '[redacted]' },
  };
  if (destination) return pino(options, destination);
  // In a terminal: readable lines; anywhere else (a file, a collector): JSON.
  return process.stdout.isTTY ? pino(options, pretty({ sync: true, colorize: true })) : pino(options);
}

const globalForLog = globalThis as unknown as { yilunLogger?: pino.Logger };

/** The process's logger. */
export const logger: pino.Logger = (globalForLog.yilunLogger ??= createLogger());
