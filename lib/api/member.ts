import 'server-only';
import { currentMember } from '../auth/current-member.ts';
import { assertSameOrigin } from './origin.ts';
import { assertCan, type Permission } from '../policy.ts';

/** For API writes: the same-origin check, then the signed-in member (or null). */
export async function sameOriginMember(req: Request) {
  assertSameOrigin(req);
  return currentMember();
}

/**
 * For staff API writes: the same-origin check, the session and the permission, before
 * anything in the request (its path parameters included) is read.
 */
export async function staffWriter(req: Request, permission: Permission) {
  const member = await sameOriginMember(req);
  assertCan(member, permission);
  return member;
}
