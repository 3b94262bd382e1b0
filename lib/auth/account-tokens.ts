// Links that prove who holds them: a password reset, an address to verify. The token is 32
// random bytes in the link's query string (never its path, which the request log records);
// only its SHA-256 is stored. A token works once, until it expires.
import crypto from 'node:crypto';
import type { Db } from '../db/client.ts';

type Tx = Pick<Db, '$queryRaw' | '$executeRaw'>;

export type TokenPurpose = 'reset' | 'verify' | 'embed';

export const RESET_MINUTES = 30;
/** A reset link an admin hands over themselves (lib/users/password-reset.ts). */
export const ADMIN_RESET_HOURS = 24;
export const VERIFY_HOURS = 24;

export const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/** A plausible token: 43 base64url characters. Anything else is refused before a look-up. */
export const wellFormed = (token: unknown): token is string => typeof token === 'string' && /^[A-Za-z0-9_-]{43}$/.test(token);

export async function createToken(tx: Tx, t: { userId: number; purpose: TokenPurpose; email?: string | null; createdBy?: number | null; seconds: number }): Promise<string> {
  const token = crypto.randomBytes(32).toString('base64url');
  await tx.$executeRaw`
    INSERT INTO account_tokens (token_hash, user_id, purpose, email, created_by, expires_at)
    VALUES (${hashToken(token)}, ${t.userId}, ${t.purpose}, ${t.email ?? null}, ${t.createdBy ?? null}, now() + ${`${t.seconds} seconds`}::interval)`;
  // Now and then, the long-expired ones go.
  if (Math.random() < 0.05) await tx.$executeRaw`DELETE FROM account_tokens WHERE expires_at < now() - interval '7 days'`;
  return token;
}

export interface TokenRow {
  userId: number;
  email: string | null;
  createdBy: number | null;
}

/** The live token's row, without using it up (the reset page shows whose password it sets). */
export async function peekToken(tx: Tx, token: unknown, purpose: TokenPurpose): Promise<TokenRow | null> {
  if (!wellFormed(token)) return null;
  const rows = await tx.$queryRaw<{ user_id: number; email: string | null; created_by: number | null }[]>`
    SELECT user_id, email, created_by FROM account_tokens
    WHERE token_hash = ${hashToken(token)} AND purpose = ${purpose} AND used_at IS NULL AND expires_at > now()`;
  return rows[0] ? { userId: rows[0].user_id, email: rows[0].email, createdBy: rows[0].created_by } : null;
}

/** Uses the token up, in the caller's transaction: its row, or null when it was not live. */
export async function takeToken(tx: Tx, token: unknown, purpose: TokenPurpose): Promise<TokenRow | null> {
  if (!wellFormed(token)) return null;
  const rows = await tx.$queryRaw<{ user_id: number; email: string | null; created_by: number | null }[]>`
    UPDATE account_tokens SET used_at = now()
    WHERE token_hash = ${hashToken(token)} AND purpose = ${purpose} AND used_at IS NULL AND expires_at > now()
    RETURNING user_id, email, created_by`;
  return rows[0] ? { userId: rows[0].user_id, email: rows[0].email, createdBy: rows[0].created_by } : null;
}

/** Every live token of a member for one purpose stops working (a reset done, an address changed). */
export async function retireTokens(tx: Tx, userId: number, purpose: TokenPurpose): Promise<void> {
  await tx.$executeRaw`UPDATE account_tokens SET used_at = now() WHERE user_id = ${userId} AND purpose = ${purpose} AND used_at IS NULL`;
}
