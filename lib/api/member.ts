import 'server-only';
import { currentMember } from '../auth/current-member.ts';
import { assertSameOrigin } from './origin.ts';

/** For API writes: the same-origin check, then the signed-in member (or null). */
export async function writer(req: Request) {
  assertSameOrigin(req);
  return currentMember();
}
