// Signing in with another identity (lib/auth/identities.ts), against the database: who an
// identity signs in as, when it is linked, and that the last way in stays.
import { beforeAll, describe, expect, it } from 'vitest';
import { disconnectIdentity, makeLinkIntent, readLinkIntent, signInWithIdentity, type ProviderProfile } from '../lib/auth/identities.ts';
import { changePassword, deleteAccount } from '../lib/users/account.ts';
import { adminResetLink, resetPassword } from '../lib/users/password-reset.ts';
import { freshDatabase } from './support/db.ts';
import { refusal } from './support/refusal.ts';
import { createMembers } from './support/members.ts';
import type { Actor } from '../lib/policy.ts';
import { displayNameSkeleton, usernameSkeleton } from '../lib/users/username.ts';

const { prisma, sql } = await freshDatabase();
const person = (subject: string, extra: Partial<ProviderProfile> = {}): ProviderProfile => ({
  provider: 'oidc', subject, email: `${subject}@news.example`, emailVerified: true, name: `记者 ${subject}`, username: subject, ...extra,
});
const actorOf = async (id: number): Promise<Actor> => {
  const { rows } = await sql.query('SELECT id, role, status, suspended_until AS "suspendedUntil" FROM users WHERE id = $1', [id]);
  return rows[0];
};

beforeAll(() => {
  process.env.YILUN_RATE_LIMITS = 'off';
  process.env.AUTH_SECRET ??= 'identities-test-secret-0123456789';
});

describe('an identity signs in', () => {
  it('a new one makes a member (name, verified address, no password); the next sign-in finds them', async () => {
    const first = await signInWithIdentity(prisma, person('alice'), null);
    expect(first).toMatchObject({ ok: true, created: true, displayName: '记者 alice' });
    const again = await signInWithIdentity(prisma, person('alice', { name: '改过名字' }), null);
    expect(again).toMatchObject({ ok: true, created: false, userId: first.ok ? first.userId : -1 });
    const { rows } = await sql.query('SELECT username, has_password, email, email_verified_at IS NOT NULL AS verified FROM users WHERE id = $1', [first.ok && first.userId]);
    expect(rows[0]).toEqual({ username: 'alice', has_password: false, email: 'alice@news.example', verified: true });
  });

  it('a taken username or display name gets another; an unverified or taken address is not kept; odd names are cleaned', async () => {
    const [m] = await createMembers(sql, 'bob', 1);
    // (The start of every process fills these for existing rows: lib/users/backfill-skeletons.ts.)
    await sql.query('UPDATE users SET display_name_skeleton = $2, username_skeleton = $3 WHERE id = $1', [m.id, displayNameSkeleton(`测试${m.username}`), usernameSkeleton(m.username)]);
    const taken = await signInWithIdentity(prisma, person('x1', { username: m.username, name: `测试${m.username}`, email: 'bob@news.example', emailVerified: false }), null);
    expect(taken.ok).toBe(true);
    const { rows } = await sql.query('SELECT username, display_name, email FROM users WHERE id = $1', [taken.ok && taken.userId]);
    expect(rows[0]).toEqual({ username: `${m.username}_2`, display_name: `${m.username}_2`, email: null });
    const odd = await signInWithIdentity(prisma, person('x2', { username: 'a.b-c d', email: null }), null);
    expect((await sql.query('SELECT username FROM users WHERE id = $1', [odd.ok && odd.userId])).rows[0].username).toBe('a_b_c_d');
  });

  it('an address verified by the provider that is a member\'s is not linked without them; with their intent it is', async () => {
    const [m] = await createMembers(sql, 'carol', 1);
    await sql.query(`UPDATE users SET email = 'carol@news.example', email_key = 'carol@news.example', email_verified_at = now() WHERE id = $1`, [m.id]);
    expect(await signInWithIdentity(prisma, person('carol'), null)).toEqual({ ok: false, error: 'link_needed' });
    expect((await sql.query(`SELECT count(*)::int AS n FROM identities WHERE subject = 'carol'`)).rows[0].n).toBe(0);
    const intent = readLinkIntent(makeLinkIntent(m.id));
    expect(intent).toBe(m.id);
    expect(await signInWithIdentity(prisma, person('carol'), intent)).toMatchObject({ ok: true, userId: m.id, created: false });
    expect(await signInWithIdentity(prisma, person('carol'), null)).toMatchObject({ ok: true, userId: m.id });
    // Another member cannot take it over.
    const [other] = await createMembers(sql, 'dave', 1);
    expect(await signInWithIdentity(prisma, person('carol'), other.id)).toEqual({ ok: false, error: 'identity_taken' });
  });

  it('an intent is the member\'s own, for ten minutes', () => {
    const good = makeLinkIntent(7);
    expect(readLinkIntent(good)).toBe(7);
    expect(readLinkIntent(good.replace(/^7\./, '8.'))).toBeNull();
    expect(readLinkIntent(makeLinkIntent(7, Date.now() - 11 * 60_000))).toBeNull();
    expect(readLinkIntent('nonsense')).toBeNull();
  });

  it('a ban stops it; a deleted account is gone', async () => {
    const made = await signInWithIdentity(prisma, person('erin'), null);
    const id = made.ok ? made.userId : -1;
    await sql.query(`UPDATE users SET status = 'banned' WHERE id = $1`, [id]);
    expect(await signInWithIdentity(prisma, person('erin'), null)).toEqual({ ok: false, error: 'banned' });
    const gone = await signInWithIdentity(prisma, person('frank'), null);
    const frank = await actorOf(gone.ok ? gone.userId : -1);
    // Without a password, deleting is confirmed by the username, and takes the identities too.
    expect(await refusal(deleteAccount(prisma, frank, { password: '', confirm: 'someone else' }))).toMatchObject({ fields: { confirm: 'confirm_username' } });
    await deleteAccount(prisma, frank, { password: '', confirm: 'FRANK' });
    expect((await sql.query(`SELECT count(*)::int AS n FROM identities WHERE subject = 'frank'`)).rows[0].n).toBe(0);
    expect(await signInWithIdentity(prisma, person('frank'), null)).toMatchObject({ ok: true, created: true });
  });
});

describe('the last way in', () => {
  it('a reset link gives a member without a password one of their own', async () => {
    const made = await signInWithIdentity(prisma, person('heidi'), null);
    const [admin] = await createMembers(sql, 'resetadmin', 1, { role: 'admin' });
    const { link, username } = await adminResetLink(prisma, admin, 'heidi', 'http://t');
    expect(username).toBe('heidi');
    await resetPassword(prisma, { token: new URL(link).searchParams.get('token'), newPassword: 'heidi chooses a passphrase now' });
    expect((await sql.query('SELECT has_password FROM users WHERE id = $1', [made.ok && made.userId])).rows[0].has_password).toBe(true);
  });

  it('a member without a password keeps their only identity; with a password set, it may go', async () => {
    const made = await signInWithIdentity(prisma, person('grace'), null);
    const grace = await actorOf(made.ok ? made.userId : -1);
    expect(await refusal(disconnectIdentity(prisma, grace, 'oidc'))).toMatchObject({ status: 409, code: 'last_way_in' });
    // A first password needs no current one; after it, the identity may be disconnected.
    await changePassword(prisma, grace, { currentPassword: '', newPassword: 'grace picks a long passphrase' });
    expect((await sql.query('SELECT has_password FROM users WHERE id = $1', [grace.id])).rows[0].has_password).toBe(true);
    await disconnectIdentity(prisma, grace, 'oidc');
    expect(await refusal(disconnectIdentity(prisma, grace, 'oidc'))).toMatchObject({ status: 404 });
    const log = await sql.query(`SELECT action FROM moderation_actions WHERE member_id = $1`, [grace.id]);
    expect(log.rows.map((r) => r.action)).toEqual(['member:identity-disconnect']);
  });
});
