// The session cookie, read the one way: for the pages (lib/auth/current-member.ts) and for the
// proxy that routes members to their shared pages (lib/cache/member-shell.ts).
import { env } from '../env.ts';
import { decode } from 'next-auth/jwt';
import { SESSION_COOKIES } from '../cache/public-pages.js';

/** Sessions older than this are renewed (sliding expiry) where the response can set a cookie. */
const RENEW_AFTER_SECONDS = 24 * 3600;

export interface SessionToken {
  id: number;
  sessionVersion: number;
  /** The session's own id (sessions from before ids were issued have none). */
  sid: string | null;
  /** When the token expires, in seconds since the epoch. */
  exp: number;
  /** When it was issued, in seconds since the epoch (null when the token does not say). */
  issuedAt: number | null;
}

/**
 * Tokens this process has verified, by their exact text: a request with a session cookie
 * reads it up to three times (the front door, the proxy, the page), and decrypting one costs a
 * key derivation, an AES decryption and a MAC, about a tenth of a member's API write. The text
 * is the proof (it was authenticated once), so the same text needs no second check; its
 * expiry is checked on every read. Shared by the modules of the server and of Next's bundle
 * (globalThis), bounded by count.
 */
const VERIFIED_MAX = 5_000;
function verified(): Map<string, SessionToken> {
  const g = globalThis as unknown as { yilunVerifiedSessions?: Map<string, SessionToken> };
  return (g.yilunVerifiedSessions ??= new Map());
}

/** The first session cookie present, decrypted and verified; null when there is none or it does not verify. */
export async function readSessionToken(cookie: (name: string) => string | undefined): Promise<SessionToken | null> {
  for (const name of SESSION_COOKIES) {
    const value = cookie(name);
    if (!value) continue;
    const key = `${name}=${value}`;
    const cache = verified();
    const known = cache.get(key);
    if (known) {
      if (known.exp > Date.now() / 1000) return known;
      cache.delete(key);
      return null;
    }
    const token = await decode({ token: value, secret: env().AUTH_SECRET ?? '', salt: name }).catch(() => null);
    if (!token?.sub) return null;
    const session: SessionToken = {
      id: Number(token.sub),
      sessionVersion: typeof token.sv === 'number' ? token.sv : -1,
      sid: typeof token.sid === 'string' ? token.sid : null,
      exp: typeof token.exp === 'number' ? token.exp : Math.floor(Date.now() / 1000),
      issuedAt: typeof token.iat === 'number' ? token.iat : null,
    };
    // Kept when it says when it ends (Auth.js's always do); the oldest makes room (a Map
    // iterates in insertion order).
    if (typeof token.exp === 'number') {
      if (cache.size >= VERIFIED_MAX) cache.delete(cache.keys().next().value!);
      cache.set(key, Object.freeze(session));
    }
    return session;
  }
  return null;
}

/** Whether the session is old enough to be renewed by Auth.js. */
export const renewalDue = (token: SessionToken) => token.issuedAt !== null && Date.now() / 1000 - token.issuedAt > RENEW_AFTER_SECONDS;
