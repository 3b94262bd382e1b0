import type { Db } from '../db/client.ts';
import { DomainError } from '../errors.ts';
import { assertMayTrySignIn, recordSignInFailure, signInWait } from './sign-in-limits.ts';
import { usernameKey } from '../users/username.ts';
import { storable } from '../text/storable.ts';
import { burnVerifyTime, verifyPassword } from './password.ts';

export interface SignedInMember {
  id: number;
  displayName: string;
  sessionVersion: number;
}

/**
 * Checks a username and password. Only failures count against the limits, keyed by the
 * account and the address together, by the address, and by the account (with a growing
 * pause rather than a wall: lib/auth/sign-in-limits.ts). An unknown user, a wrong password,
 * an imported member without a password get `null`: the caller shows one message for all of
 * them. A banned member with the right password is refused as banned (403 banned_sign_in).
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
  await assertMayTrySignIn(prisma, key, address);
  const user = await prisma.user.findUnique({
    where: { usernameKey: key },
    select: { id: true, displayName: true, passwordHash: true, status: true, sessionVersion: true },
  });
  if (!user?.passwordHash) {
    await burnVerifyTime(password);
    await recordSignInFailure(prisma, key, address);
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, password))) {
    await recordSignInFailure(prisma, key, address);
    return null;
  }
  // Only with the right password is a banned member told why they cannot sign in; a wrong
  // one gets the one answer everybody gets.
  if (user.status === 'banned') throw new DomainError(403, 'banned_sign_in');
  return { id: user.id, displayName: user.displayName, sessionVersion: user.sessionVersion };
}

/** Seconds until a refused sign-in may be tried again, or 0 (for a Retry-After header). */
export async function signInRetryAfter(prisma: Db, username: string, address: string): Promise<number> {
  return signInWait(prisma, usernameKey(username.trim()), address);
}

export function isRateLimited(err: unknown): err is DomainError {
  return err instanceof DomainError && err.status === 429;
}
