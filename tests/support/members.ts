import type pg from 'pg';
import { hashPassword } from '../../lib/auth/password.ts';
import type { Actor } from '../../lib/policy.ts';

let sharedHash: Promise<string> | null = null;
export const MEMBER_PASSWORD = 'a long test password 42';

/** Inserts members straight into the database (a real argon2id hash, computed once). */
export async function createMembers(
  sql: pg.Pool,
  prefix: string,
  count: number,
  extra: { role?: string; status?: string; suspendedUntil?: Date | null } = {},
): Promise<(Actor & { username: string })[]> {
  sharedHash ??= hashPassword(MEMBER_PASSWORD);
  const hash = await sharedHash;
  const { rows } = await sql.query<{ id: number; username: string; role: Actor['role']; status: Actor['status']; suspended_until: Date | null }>(
    `INSERT INTO users (username, username_key, display_name, password_hash, role, status, suspended_until)
     SELECT $1 || i, lower($1 || i), '测试' || $1 || i, $3, $4::"Role", $5::"UserStatus", $6
     FROM generate_series(1, $2) i
     RETURNING id, username, role, status, suspended_until`,
    [prefix, count, hash, extra.role ?? 'member', extra.status ?? 'active', extra.suspendedUntil ?? null],
  );
  return rows.map((r) => ({ id: r.id, username: r.username, role: r.role, status: r.status, suspendedUntil: r.suspended_until }));
}
