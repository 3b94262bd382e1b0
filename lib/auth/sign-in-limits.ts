// The limits on sign-in attempts, counting failures only (lib/rate-limit.ts has the numbers).
// Each counter is one row that forgets itself after a quiet window: a failure sets its
// expiry to now + window, so "expires_at - window" is the time of the last failure.
import type { Db } from '../db/client.ts';
import { rateLimit, rateLimitsOn, sweepExpiredBuckets, rateLimited } from '../rate-limit.ts';

const EPOCH = new Date(0);
/** Longest pause between attempts on an account that keeps failing. */
const MAX_BACKOFF_SECONDS = 60;

const keys = (account: string, address: string) => ({
  signInPair: `signInPair:${account}:${address}`,
  signInAddress: `signInAddress:${address}`,
  signInAccount: `signInAccount:${account}`,
});

/** Seconds until this address may try this account again; 0 when it may now. */
export async function signInWait(prisma: Db, account: string, address: string): Promise<number> {
  if (!rateLimitsOn()) return 0;
  const k = keys(account, address);
  const rows = await prisma.rateLimitBucket.findMany({
    where: { key: { in: Object.values(k) }, windowStart: EPOCH, expiresAt: { gt: new Date() } },
    select: { key: true, count: true, expiresAt: true },
  });
  const now = Date.now();
  let wait = 0;
  for (const row of rows) {
    const name = (Object.keys(k) as (keyof typeof k)[]).find((n) => k[n] === row.key)!;
    const { limit, seconds } = rateLimit(name);
    if (row.count < limit) continue;
    const until =
      name === 'signInAccount'
        ? row.expiresAt.getTime() - seconds * 1000 + Math.min(2 ** (row.count - limit + 1), MAX_BACKOFF_SECONDS) * 1000
        : row.expiresAt.getTime();
    wait = Math.max(wait, Math.ceil((until - now) / 1000));
  }
  return wait;
}

/** Refuses the attempt with a 429 that says the real wait, or returns when it may go ahead. */
export async function assertMayTrySignIn(prisma: Db, account: string, address: string): Promise<void> {
  const seconds = await signInWait(prisma, account, address);
  if (seconds > 0) throw rateLimited(seconds);
}

/** Counts one failed attempt against the pair, the address and the account. */
export async function recordSignInFailure(prisma: Db, account: string, address: string): Promise<void> {
  if (!rateLimitsOn()) return;
  const k = keys(account, address);
  const names = Object.keys(k) as (keyof typeof k)[];
  await prisma.$executeRaw`
    INSERT INTO rate_limit_buckets (key, window_start, count, expires_at)
    SELECT key, ${EPOCH}, 1, now() + make_interval(secs => secs)
    FROM unnest(${names.map((n) => k[n])}::text[], ${names.map((n) => rateLimit(n).seconds)}::int[]) AS t(key, secs)
    ON CONFLICT (key, window_start) DO UPDATE
    SET count = CASE WHEN rate_limit_buckets.expires_at < now() THEN 1 ELSE rate_limit_buckets.count + 1 END,
        expires_at = EXCLUDED.expires_at`;
  await sweepExpiredBuckets(prisma);
}
