// Cursors are sealed: a keyset cursor ends with a MAC of what it says, keyed by AUTH_SECRET,
// so that only cursors the forum handed out open a page. A made-up cursor is a bad cursor —
// the first page for a page address, `bad_cursor` for the API — and never a page of its own
// to render and keep in the cache (issue 19: each random `?cursor=` used to store a new entry
// in every worker). The front door (lib/server/front-door.ts) checks the seal before it routes
// a reader to a cached page (lib/cache/public-pages.js takes the check as an argument).
import crypto from 'node:crypto';
import { env } from '../env.ts';

/** Length of the seal at the end of a cursor (base64url characters: 96 bits). */
export const SEAL_LENGTH = 16;

let key: Buffer | null = null;
const sealKey = () => (key ??= crypto.createHash('sha256').update(`yilun cursor seal\0${env().AUTH_SECRET ?? ''}`).digest());
const sealOf = (payload: string) => crypto.createHmac('sha256', sealKey()).update(payload).digest('base64url').slice(0, SEAL_LENGTH);

/** The payload (base64url) followed by its seal. */
export function seal(payload: string): string {
  return payload + sealOf(payload);
}

/** The payload of a sealed cursor, or null when the seal does not match. */
export function unseal(cursor: string): string | null {
  if (cursor.length <= SEAL_LENGTH) return null;
  const payload = cursor.slice(0, -SEAL_LENGTH);
  const given = Buffer.from(cursor.slice(-SEAL_LENGTH));
  const expected = Buffer.from(sealOf(payload));
  return given.length === expected.length && crypto.timingSafeEqual(given, expected) ? payload : null;
}

/** Whether a cursor is one the forum handed out (for lib/cache/public-pages.js). */
export const isSealed = (cursor: string) => unseal(cursor) !== null;
