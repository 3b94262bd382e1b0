import type { Db } from '../db/client.ts';
import { DomainError } from '../errors.ts';
import { hit, rateLimit, rateLimitsOn, type RateLimitName } from '../rate-limit.ts';
import { usernameKey } from '../users/username.ts';
import { storable } from '../text/storable.ts';
import { burnVerifyTime, verifyPassword } from './password.ts';

export interface SignedInMember {
  id: number;
  displayName: string;
  sessionVersion: number;
}

/**
 * Checks a username and password. Every attempt counts against the account's and the
 * address's limits (in their own transaction, so failures count). An unknown user, a wrong
 * password, an imported member without a password and a banned member all get `null`:
 * the caller shows one message for all of them.
 */
export async function verifyCredentials(
  prisma: Db,
  input: { username: unknown; password: unknown },
  address: string,
): Promise<SignedInMember | null> {
  const username = typeof input.username === 'string' ? input.username.trim() : '';
  const password = typeof input.password === 'string' ? input.password : '';
  if (!username || !password || password.length > 1024 || username.length > 200 || !storable(username)) return null;
  const key = usernameKey(username);
  await prisma.$transaction(async (tx) => {
    await hit(tx, 'signInAddress', address);
    await hit(tx, 'signInAccount', key);
  });
  const user = await prisma.user.findUnique({
    where: { usernameKey: key },
    select: { id: true, displayName: true, passwordHash: true, status: true, sessionVersion: true },
  });
  if (!user?.passwordHash) {
    await burnVerifyTime(password);
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, password))) return null;
  if (user.status === 'banned') return null;
  return { id: user.id, displayName: user.displayName, sessionVersion: user.sessionVersion };
}

/** Seconds until a full sign-in window opens again, or 0 (for a Retry-After header). */
export async function signInRetryAfter(prisma: Db, username: string, address: string): Promise<number> {
  if (!rateLimitsOn()) return 0;
  const check = async (name: RateLimitName, subject: string) => {
    const { limit } = rateLimit(name);
    const rows = await prisma.rateLimitBucket.findMany({
      where: { key: `${name}:${subject}`, expiresAt: { gt: new Date() }, count: { gt: limit } },
      select: { expiresAt: true },
    });
    return rows.length ? Math.ceil((rows[0].expiresAt.getTime() - Date.now()) / 1000) : 0;
  };
  return Math.max(await check('signInAccount', usernameKey(username.trim())), await check('signInAddress', address));
}

export function isRateLimited(err: unknown): err is DomainError {
  return err instanceof DomainError && err.status === 429;
}
