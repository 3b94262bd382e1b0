// Signed in inside a frame under another site (issue 22). Browsers do not send the forum's
// own cookies to a frame under a publisher's page (third-party cookies are blocked), so the
// frame gets a session of its own, in a partitioned cookie (CHIPS: `Partitioned`, kept only
// under that top-level site) with the session cookie's own name: everything that reads a
// session (pages, actions, the API) reads it there as anywhere.
//
// Two ways to it, both exchanged by the frame itself (POST /api/v1/embed/session):
// - a grant: a first-party window (/embed-signin/SITE) where the reader signs in as on the
//   forum hands the frame a one-time code (60 seconds, stored as its SHA-256);
// - a single sign-on token the publisher signed for its reader (lib/embed/sso.ts).
import crypto from 'node:crypto';
import { encode } from 'next-auth/jwt';
import type { Db } from '../db/client.ts';
import { env } from '../env.ts';
import { DomainError } from '../errors.ts';
import { createToken, takeToken } from '../auth/account-tokens.ts';
import { SESSION_COOKIES } from '../cache/public-pages.js';
import { requestScheme } from '../api/origin.ts';

export const GRANT_SECONDS = 60;
/** As long as a first-party session (auth.ts). */
export const FRAME_SESSION_SECONDS = 30 * 24 * 3600;

export async function issueGrant(prisma: Db, memberId: number): Promise<string> {
  return createToken(prisma, { userId: memberId, purpose: 'embed', seconds: GRANT_SECONDS });
}

/** The member a grant was made for, once; refused when used, expired or made up. */
export async function redeemGrant(prisma: Db, code: unknown): Promise<number> {
  const row = await takeToken(prisma, code, 'embed');
  if (!row) throw new DomainError(401, 'grant_invalid');
  return row.userId;
}

/** The member who may have a frame session: not banned, not deleted, able to sign in. */
export async function frameMember(prisma: Db, memberId: number): Promise<{ id: number; sessionVersion: number; displayName: string }> {
  const user = await prisma.user.findUnique({ where: { id: memberId }, select: { id: true, status: true, deletedAt: true, importedFrom: true, sessionVersion: true, displayName: true } });
  if (!user || user.deletedAt || user.importedFrom) throw new DomainError(401, 'grant_invalid');
  if (user.status === 'banned') throw new DomainError(403, 'banned_sign_in');
  return { id: user.id, sessionVersion: user.sessionVersion, displayName: user.displayName };
}

/** The session cookie's name for this request (Auth.js's: `__Secure-` over https). */
export const sessionCookieName = (https: boolean) => SESSION_COOKIES.find((name) => name.startsWith('__Secure-') === https)!;

/** Whether the request came over https (as the proxy in front says, or the address). */
export const overHttps = (req: Request) => requestScheme(req) === 'https';

/**
 * The Set-Cookie of a frame session: the same encrypted token Auth.js makes (subject, session
 * version, session id), `Secure; SameSite=None; Partitioned` so that it lives in the frame.
 * Browsers treat http://localhost as secure, which the tests use.
 */
export async function frameSessionCookie(member: { id: number; sessionVersion: number; displayName: string }, https: boolean): Promise<string> {
  const name = sessionCookieName(https);
  const value = await encode({
    token: { sub: String(member.id), name: member.displayName, sv: member.sessionVersion, sid: crypto.randomUUID() },
    secret: env().AUTH_SECRET ?? '',
    salt: name,
    maxAge: FRAME_SESSION_SECONDS,
  });
  return `${name}=${value}; Path=/; Max-Age=${FRAME_SESSION_SECONDS}; HttpOnly; Secure; SameSite=None; Partitioned`;
}

/** Ends the frame's session cookie (the partitioned one: it is a cookie of its own). */
export const clearFrameSessionCookie = (https: boolean) => `${sessionCookieName(https)}=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=None; Partitioned`;
