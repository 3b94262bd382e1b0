import { env } from '../env.ts';
import 'server-only';
import { cache } from 'react';
import { cookies } from 'next/headers';
import { decode } from 'next-auth/jwt';
import { auth } from '@/auth.ts';
import { SESSION_COOKIES } from '../cache/public-pages.js';
import { db } from '../db/client.ts';

export type Member = NonNullable<Awaited<ReturnType<typeof loadMember>>>;

/** Sessions older than this are renewed (sliding expiry) where the response can set a cookie. */
const RENEW_AFTER_SECONDS = 24 * 3600;

export interface Session {
  id: number;
  sessionVersion: number;
  /** The session's own id (sessions from before ids were issued have none). */
  sid: string | null;
  /** When the token expires, in seconds since the epoch. */
  exp: number;
}

/**
 * The session of this request: the session cookie decrypted and verified once (what Auth.js
 * does too, without re-encrypting a new cookie on every request). Once a day a session is
 * handed to Auth.js, which renews it where the response can carry a cookie.
 */
async function readSession(): Promise<Session | null> {
  const jar = await cookies();
  for (const name of SESSION_COOKIES) {
    const value = jar.get(name)?.value;
    if (!value) continue;
    const token = await decode({ token: value, secret: env().AUTH_SECRET ?? '', salt: name }).catch(() => null);
    if (!token?.sub) return null;
    if (typeof token.iat === 'number' && Date.now() / 1000 - token.iat > RENEW_AFTER_SECONDS) await auth().catch(() => null);
    return {
      id: Number(token.sub),
      sessionVersion: typeof token.sv === 'number' ? token.sv : -1,
      sid: typeof token.sid === 'string' ? token.sid : null,
      exp: typeof token.exp === 'number' ? token.exp : Math.floor(Date.now() / 1000),
    };
  }
  return null;
}

/** The session cookie of this request, verified, or null. */
export const currentSession = cache(readSession);

async function loadMember() {
  const session = await currentSession();
  const id = session?.id;
  if (!id || !Number.isSafeInteger(id) || id <= 0) return null;
  const [user, revoked] = await Promise.all([
    db().user.findUnique({
      where: { id },
      select: { id: true, username: true, displayName: true, role: true, status: true, suspendedUntil: true, statusReason: true, sessionVersion: true, passwordHash: true },
    }),
    session.sid ? db().revokedSession.findUnique({ where: { sid: session.sid }, select: { sid: true } }) : null,
  ]);
  // Members without a password (imported commenters) can never hold a session; a session
  // signed out of, or older than the member's last "sign out everywhere" or ban, is over.
  if (!user?.passwordHash || revoked || user.sessionVersion !== session.sessionVersion || user.status === 'banned') return null;
  const { passwordHash: _, ...member } = user;
  return member;
}

/** The signed-in member of this request, checked against the database, or null. */
export const currentMember = cache(loadMember);
