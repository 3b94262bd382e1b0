// The limits on sign-in attempts (lib/rate-limit.ts has the numbers). Each counter is one row
// that forgets itself after a quiet window: an attempt sets its expiry to now + window, so
// "expires_at - window" is the time of the last attempt.
//
// An attempt is reserved before the password is verified — the rows are locked, checked and
// counted in one transaction — so that fifty guesses sent at once are counted one after the
// other and only as many as the limits allow reach argon2. A success gives its reservation
// back: only failures stay counted.
//
// The owner keeps a way in while an attacker elsewhere is slowed down (OWASP's "device
// cookies"): each successful sign-in leaves a signed cookie naming the account; a browser that
// presents one for the account it tries is exempt from that account's pause and has a wall of
// its own instead. The walls per address and per (account, address) stay for everyone.
import crypto from 'node:crypto';
import type { Db } from '../db/client.ts';
import { env } from '../env.ts';
import { rateLimit, rateLimitsOn, sweepExpiredBuckets, rateLimited } from '../rate-limit.ts';

const EPOCH = new Date(0);
/** Longest pause between attempts on an account that keeps failing. */
const MAX_BACKOFF_SECONDS = 60;
/** The device cookie: set at each successful sign-in, kept a year. */
export const DEVICE_COOKIE = 'yilun-device';
export const DEVICE_COOKIE_MAX_AGE = 365 * 24 * 3600;

type Name = 'signInPair' | 'signInAddress' | 'signInAccount' | 'signInDevice';

function keys(account: string, address: string, device: string | null): Partial<Record<Name, string>> {
  return {
    signInPair: `signInPair:${account}:${address}`,
    signInAddress: `signInAddress:${address}`,
    ...(device ? { signInDevice: `signInDevice:${device}` } : { signInAccount: `signInAccount:${account}` }),
  };
}

const deviceMac = (account: string, nonce: string) =>
  crypto.createHmac('sha256', `yilun device cookie\0${env().AUTH_SECRET ?? ''}`).update(`${account}\0${nonce}`).digest('base64url');

/** A device cookie's value for this account (a new one at each successful sign-in). */
export function deviceCookieFor(account: string): string {
  const nonce = crypto.randomBytes(12).toString('base64url');
  return `${nonce}.${deviceMac(account, nonce)}`;
}

/** The device's id when the cookie was made by a sign-in to this very account, else null. */
export function trustedDevice(account: string, cookie: string | undefined | null): string | null {
  const m = /^([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{43})$/.exec(cookie ?? '');
  if (!m) return null;
  const expected = Buffer.from(deviceMac(account, m[1]));
  const given = Buffer.from(m[2]);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given) ? m[1] : null;
}

type Row = { key: string; count: number; expires_at: Date };

/** Seconds to wait given the counters' rows (0: may try now). Expired rows count as nothing. */
function waitFor(rows: Row[], k: Partial<Record<Name, string>>, now: number): number {
  let wait = 0;
  for (const row of rows) {
    if (row.expires_at.getTime() <= now) continue;
    const name = (Object.keys(k) as Name[]).find((n) => k[n] === row.key)!;
    const { limit, seconds } = rateLimit(name);
    if (row.count < limit) continue;
    const until =
      name === 'signInAccount'
        ? row.expires_at.getTime() - seconds * 1000 + Math.min(2 ** (row.count - limit + 1), MAX_BACKOFF_SECONDS) * 1000
        : row.expires_at.getTime();
    wait = Math.max(wait, Math.ceil((until - now) / 1000));
  }
  return wait;
}

/** Seconds until this address (and device) may try this account again; 0 when it may now. */
export async function signInWait(prisma: Db, account: string, address: string, device: string | null = null): Promise<number> {
  if (!rateLimitsOn()) return 0;
  const k = keys(account, address, device);
  const rows = await prisma.$queryRaw<Row[]>`
    SELECT key, count, expires_at FROM rate_limit_buckets WHERE key = ANY(${Object.values(k)}::text[]) AND window_start = ${EPOCH}`;
  return waitFor(rows, k, Date.now());
}

export interface Reservation {
  /** Gives the attempt back (it succeeded): only failures stay counted. */
  release(): Promise<void>;
}

/**
 * Reserves one attempt, or refuses it with a 429 that says the real wait. Atomic: the
 * counters' rows are locked while they are read and counted.
 */
export async function reserveSignInAttempt(prisma: Db, account: string, address: string, device: string | null = null): Promise<Reservation> {
  if (!rateLimitsOn()) return { release: async () => {} };
  const k = keys(account, address, device);
  const names = Object.keys(k) as Name[];
  const list = names.map((n) => k[n]!);
  const windows = names.map((n) => rateLimit(n).seconds);
  const wait = await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`
      INSERT INTO rate_limit_buckets (key, window_start, count, expires_at)
      SELECT key, ${EPOCH}, 0, now() FROM unnest(${list}::text[]) AS t(key)
      ON CONFLICT (key, window_start) DO NOTHING`;
    const rows = await tx.$queryRaw<Row[]>`
      SELECT key, count, expires_at FROM rate_limit_buckets
      WHERE key = ANY(${list}::text[]) AND window_start = ${EPOCH} ORDER BY key FOR UPDATE`;
    const seconds = waitFor(rows, k, Date.now());
    if (seconds > 0) return seconds;
    await tx.$executeRaw`
      UPDATE rate_limit_buckets b
      SET count = CASE WHEN b.expires_at <= now() THEN 1 ELSE b.count + 1 END,
          expires_at = now() + make_interval(secs => t.secs)
      FROM unnest(${list}::text[], ${windows}::int[]) AS t(key, secs)
      WHERE b.key = t.key AND b.window_start = ${EPOCH}`;
    return 0;
  });
  if (wait > 0) throw rateLimited(wait);
  await sweepExpiredBuckets(prisma);
  return {
    release: async () => {
      // A counter left at nothing goes: a member who only ever succeeds leaves no rows.
      await prisma.$executeRaw`
        WITH gone AS (
          DELETE FROM rate_limit_buckets WHERE key = ANY(${list}::text[]) AND window_start = ${EPOCH} AND count <= 1 RETURNING key
        )
        UPDATE rate_limit_buckets SET count = count - 1
        WHERE key = ANY(${list}::text[]) AND window_start = ${EPOCH} AND count > 1 AND key NOT IN (SELECT key FROM gone)`;
    },
  };
}
