import type { Db } from '../db/client.ts';
import { DomainError } from '../errors.ts';
import { deviceCookieFor, reserveSignInAttempt, signInWait, trustedDevice } from './sign-in-limits.ts';
import { usernameKey } from '../users/username.ts';
import { storable } from '../text/storable.ts';
import { burnVerifyTime, verifyPassword } from './password.ts';

export interface SignedInMember {
  id: number;
  displayName: string;
  sessionVersion: number;
  /** The device cookie to set: this browser has now signed in to this account. */
  deviceCookie: string;
}

/**
 * Checks a username and password. Each attempt is reserved against the limits before the
 * password is verified, and given back when it succeeds: keyed by the account and the address
 * together, by the address, and by the account (with a growing pause rather than a wall) —
 * or, for a browser with the account's device cookie, by that device instead of the account
 * (lib/auth/sign-in-limits.ts). An unknown user, a wrong password,
 * an imported member without a password get `null`: the caller shows one message for all of
 * them. A banned member with the right password is refused as banned (403 banned_sign_in).
 */
export async function verifyCredentials(
  prisma: Db,
  input: { username: unknown; password: unknown },
  address: string,
  deviceCookie: string | null = null,
): Promise<SignedInMember | null> {
  const username = typeof input.username === 'string' ? input.username.trim() : '';
  const password = typeof input.password === 'string' ? input.password : '';
  if (!username || !password || password.length > 1024 || username.length > 200 || !storable(username)) return null;
  const key = usernameKey(username);
  const reservation = await reserveSignInAttempt(prisma, key, address, trustedDevice(key, deviceCookie));
  const user = await prisma.user.findUnique({
    where: { usernameKey: key },
    select: { id: true, displayName: true, passwordHash: true, status: true, sessionVersion: true },
  });
  if (!user?.passwordHash) {
    await burnVerifyTime(password);
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, password))) return null;
  await reservation.release();
  // Only with the right password is a banned member told why they cannot sign in; a wrong
  // one gets the one answer everybody gets.
  if (user.status === 'banned') throw new DomainError(403, 'banned_sign_in');
  return { id: user.id, displayName: user.displayName, sessionVersion: user.sessionVersion, deviceCookie: deviceCookieFor(key) };
}

/** Seconds until a refused sign-in may be tried again, or 0 (for a Retry-After header). */
export async function signInRetryAfter(prisma: Db, username: string, address: string, deviceCookie: string | null = null): Promise<number> {
  const key = usernameKey(username.trim());
  return signInWait(prisma, key, address, trustedDevice(key, deviceCookie));
}

export function isRateLimited(err: unknown): err is DomainError {
  return err instanceof DomainError && err.status === 429;
}
