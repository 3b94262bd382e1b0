// Every rate limit in one place, shared by all app instances through PostgreSQL.
// Fixed windows: a counter per (key, window start), bumped atomically by an upsert.
// Change one with YILUN_RATE_LIMIT_<NAME>=COUNT/SECONDS (e.g. YILUN_RATE_LIMIT_COMMENT_BURST=1/10);
// YILUN_RATE_LIMITS=off switches them all off (load tests).
import { Prisma } from './generated/prisma/client.ts';
import { DomainError } from './errors.ts';
import { env, rateLimitOverride } from './env.ts';
import type { Db } from './db/client.ts';

type Tx = Pick<Db, '$queryRaw' | '$executeRaw'>;

export const RATE_LIMITS = {
  // Sign-in attempts (reserved before the password is checked, given back on success), each forgotten after 15 quiet minutes: one
  // address on one account gets 10, one address 60 over all accounts; an account gets 10 from
  // anywhere before each further attempt waits 2, 4, 8 … up to 60 seconds (a slope, not a
  // wall: failures from elsewhere cannot lock its owner out).
  signInPair: { limit: 10, seconds: 15 * 60 },
  signInAddress: { limit: 60, seconds: 15 * 60 },
  signInAccount: { limit: 10, seconds: 15 * 60 },
  // A browser that has signed in to the account before (its device cookie): its attempts
  // skip the account's pause, which an attacker elsewhere may have set off, and have a wall
  // of their own instead.
  signInDevice: { limit: 10, seconds: 15 * 60 },
  signUpAddress: { limit: 20, seconds: 60 * 60 },
  // Password resets by mail: requests from one network address, and mails to one account (a
  // request past that limit gets the same answer as any other, and no mail: lib/users/password-reset.ts).
  resetAddress: { limit: 10, seconds: 60 * 60 },
  resetAccount: { limit: 3, seconds: 60 * 60 },
  // Links to verify an address a member may have sent (sign-up and settings).
  addressMails: { limit: 5, seconds: 60 * 60 },
  commentBurst: { limit: 1, seconds: 10 },
  commentHourly: { limit: 30, seconds: 60 * 60 },
  likes: { limit: 120, seconds: 60 },
  reports: { limit: 10, seconds: 60 * 60 },
  commentEdits: { limit: 20, seconds: 10 * 60 },
  // A signed-in session guessing its member's password (changing it, deleting the account).
  passwordChecks: { limit: 10, seconds: 15 * 60 },
  // Frames under publishers' pages taking a session (a grant or a single sign-on token), per address.
  embedSessions: { limit: 60, seconds: 10 * 60 },
  // Readers' searches, per address: each one the database answers itself (no page cache).
  searches: { limit: 60, seconds: 60 },
} as const;
export type RateLimitName = keyof typeof RATE_LIMITS;

/** The one refusal for every limit: 429, the wait in the message and in Retry-After. */
export function rateLimited(seconds: number): DomainError {
  const wait = Math.max(1, Math.ceil(seconds));
  return new DomainError(429, 'rate_limited', undefined, { seconds: wait }, { 'Retry-After': String(wait) });
}

export function rateLimitsOn(): boolean {
  return env().YILUN_RATE_LIMITS !== 'off';
}

export function rateLimit(name: RateLimitName): { limit: number; seconds: number } {
  return rateLimitOverride(name) ?? RATE_LIMITS[name];
}

/** One attempt against a limit, as SQL: the bucket's upsert, and how to judge its count. */
export interface LimitCount {
  name: RateLimitName;
  limit: number;
  /** `INSERT … RETURNING count`: bumps the current window's counter by one. */
  upsert: Prisma.Sql;
  /** The refusal for a count over the limit. */
  refusal: () => DomainError;
}

export function limitCount(name: RateLimitName, subject: string | number): LimitCount {
  const { limit, seconds } = rateLimit(name);
  const now = Date.now();
  const windowStart = new Date(Math.floor(now / (seconds * 1000)) * seconds * 1000);
  const expiresAt = new Date(windowStart.getTime() + seconds * 1000);
  const key = `${name}:${subject}`;
  return {
    name,
    limit,
    upsert: Prisma.sql`
      INSERT INTO rate_limit_buckets (key, window_start, count, expires_at)
      VALUES (${key}, ${windowStart}, 1, ${expiresAt})
      ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limit_buckets.count + 1
      RETURNING count`,
    refusal: () => rateLimited((expiresAt.getTime() - now) / 1000),
  };
}

/** Now and then, the expired windows go. */
export async function sweepExpiredBuckets(tx: Tx): Promise<void> {
  if (Math.random() < 0.01) await tx.$executeRaw`DELETE FROM rate_limit_buckets WHERE expires_at < now() - interval '1 hour'`;
}

/**
 * Counts one attempt against a limit and refuses it with a 429 when the window is full.
 * Run it inside the write's transaction so that a refused or failed write counts nothing
 * (or fold `limitCount(…).upsert` into the write's own statement, as comment posts do).
 */
export async function hit(tx: Tx, name: RateLimitName, subject: string | number): Promise<void> {
  if (!rateLimitsOn()) return;
  const count = limitCount(name, subject);
  const rows = await tx.$queryRaw<{ count: number }[]>(count.upsert);
  await sweepExpiredBuckets(tx);
  if (rows[0].count > count.limit) throw count.refusal();
}
