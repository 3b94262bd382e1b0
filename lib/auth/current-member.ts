import 'server-only';
import { cache } from 'react';
import { cookies } from 'next/headers';
import { auth } from '@/auth.ts';
import { db } from '../db/client.ts';
import type { Actor } from '../policy.ts';
import { readSessionToken, renewalDue, type SessionToken } from './session-token.ts';

/** The signed-in member: who the policy judges (an Actor), with their names and session. */
export interface Member extends Actor {
  username: string;
  displayName: string;
  statusReason: string | null;
  sessionVersion: number;
}

export type Session = Omit<SessionToken, 'issuedAt'>;

/**
 * The session of this request: the session cookie decrypted and verified once (what Auth.js
 * does too, without re-encrypting a new cookie on every request). Once a day a session is
 * handed to Auth.js, which renews it where the response can carry a cookie.
 */
async function readSession(): Promise<Session | null> {
  const jar = await cookies();
  const token = await readSessionToken((name) => jar.get(name)?.value);
  if (!token) return null;
  if (renewalDue(token)) await auth().catch(() => null);
  return { id: token.id, sessionVersion: token.sessionVersion, sid: token.sid, exp: token.exp };
}

/** The session cookie of this request, verified, or null. */
export const currentSession = cache(readSession);

async function loadMember() {
  return memberOfSession(await currentSession());
}

/**
 * The member a session belongs to, read afresh from the database, or null when the session
 * is over. Long-lived answers (a staff event stream) ask again on every event: a role taken
 * away, a ban or a sign-out ends what the session was allowed.
 */
export async function memberOfSession(session: Session | null) {
  const id = session?.id;
  if (!id || !Number.isSafeInteger(id) || id <= 0) return null;
  // One statement (every member request makes it): the member, and whether this session was
  // signed out of.
  const [user] = await db().$queryRaw<(Member & { canSignIn: boolean; revoked: boolean })[]>`
    SELECT u.id, u.username, u.display_name AS "displayName", u.role::text AS role, u.status::text AS status,
           u.suspended_until AS "suspendedUntil", u.status_reason AS "statusReason", u.session_version AS "sessionVersion",
           u.password_hash IS NOT NULL AS "canSignIn",
           ${session.sid ?? null}::text IS NOT NULL AND EXISTS (SELECT 1 FROM revoked_sessions r WHERE r.sid = ${session.sid ?? null}::text) AS revoked
    FROM users u WHERE u.id = ${id}`;
  // Members without a password (imported commenters) can never hold a session; a session
  // signed out of, or older than the member's last "sign out everywhere" or ban, is over.
  if (!user?.canSignIn || user.revoked || user.sessionVersion !== session.sessionVersion || user.status === 'banned') return null;
  const { canSignIn: _c, revoked: _r, ...member } = user;
  return member;
}

/** The signed-in member of this request, checked against the database, or null. */
export const currentMember = cache(loadMember);
