// Signing in with an identity people already have: a newsroom's OpenID Connect provider
// (Keycloak, Authentik, its CMS) or GitHub, through Auth.js's providers (auth.ts). An identity
// is the provider's id for a person, linked to one member:
//
// - known: that member signs in (bans and session revocation apply as to a password);
// - new, while a member asked in settings to connect one (a signed, short-lived intent):
//   linked to them;
// - new, with an address the provider says is verified that belongs to a member: not linked
//   (linking by address needs the member's consent: they sign in as they always do and connect
//   it in settings);
// - otherwise: a new member, with the provider's name, and its address as their verified one
//   when the provider verified it and nobody has it.
import crypto from 'node:crypto';
import type { Db } from '../db/client.ts';
import { DomainError } from '../errors.ts';
import { isUniqueViolation } from '../db/errors.ts';
import { assertCan, type Actor } from '../policy.ts';
import { env } from '../env.ts';
import { hashPassword } from './password.ts';
import { logAction } from '../moderation/log.ts';
import { displayNameSchema, emailKey, emailSchema } from '../users/schemas.ts';
import { displayNameSkeleton, usernameKey, usernameSkeleton } from '../users/username.ts';

import type { ProviderId } from './provider-origins.ts';
export { configuredProviders, type ProviderId } from './provider-origins.ts';

export interface ProviderProfile {
  provider: ProviderId | `site:${string}`;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  username: string | null;
}

export type IdentityOutcome =
  | { ok: true; userId: number; sessionVersion: number; displayName: string; created: boolean }
  | { ok: false; error: 'banned' | 'link_needed' | 'identity_taken' | 'gone' };

// ---- The intent to connect, made by an authenticated settings action --------------------

export const LINK_COOKIE = 'yilun-link';
export const LINK_SECONDS = 600;

const linkMac = (payload: string) => crypto.createHmac('sha256', env().AUTH_SECRET ?? '').update(`link:${payload}`).digest('base64url');

export function makeLinkIntent(memberId: number, now = Date.now()): string {
  const payload = `${memberId}.${Math.floor(now / 1000) + LINK_SECONDS}`;
  return `${payload}.${linkMac(payload)}`;
}

export function readLinkIntent(value: string | undefined | null, now = Date.now()): number | null {
  const m = value ? /^([1-9]\d{0,9})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(value) : null;
  if (!m || !env().AUTH_SECRET) return null;
  const expected = Buffer.from(linkMac(`${m[1]}.${m[2]}`));
  if (expected.length !== Buffer.from(m[3]).length || !crypto.timingSafeEqual(expected, Buffer.from(m[3]))) return null;
  return Number(m[2]) * 1000 > now ? Number(m[1]) : null;
}

// ---- Signing in ----------------------------------------------------------------------------

/** A username from what the provider calls the person: letters, digits and _, 3–32, free. */
function usernameBase(p: ProviderProfile): string {
  const raw = (p.username ?? p.email?.split('@')[0] ?? p.name ?? '').normalize('NFKC');
  const cleaned = raw.replace(/[^\p{L}0-9_]+/gu, '_').replace(/_+/g, '_').replace(/^_|_$/g, '');
  const cut = [...cleaned].slice(0, 26).join('');
  return [...cut].length >= 3 ? cut : `member_${cut}`.replace(/_$/, '') || 'member';
}

async function createMember(prisma: Db, p: ProviderProfile): Promise<{ id: number; sessionVersion: number; displayName: string }> {
  const passwordHash = await hashPassword(crypto.randomBytes(32).toString('base64url'));
  const email = p.email && p.emailVerified ? emailSchema.safeParse(p.email) : null;
  const base = usernameBase(p);
  for (let i = 1; i <= 50; i++) {
    const username = i === 1 ? base : `${base}_${i}`;
    try {
      return await prisma.$transaction(async (tx) => {
        const key = usernameKey(username);
        const looks = usernameSkeleton(username);
        if (await tx.user.findFirst({ where: { OR: [{ usernameKey: key }, { usernameSkeleton: looks }, { displayNameSkeleton: looks }] }, select: { id: true } })) throw new Taken();
        const shown = p.name ? displayNameSchema.safeParse(p.name) : null;
        let displayName = username;
        if (shown?.success && !(await tx.user.findFirst({ where: { OR: [{ displayNameSkeleton: displayNameSkeleton(shown.data) }, { usernameSkeleton: displayNameSkeleton(shown.data) }] }, select: { id: true } })))
          displayName = shown.data;
        const freeAddress = email?.success && !(await tx.user.findFirst({ where: { emailKey: emailKey(email.data) }, select: { id: true } }));
        const user = await tx.user.create({
          data: {
            username, usernameKey: key, usernameSkeleton: looks, displayName, displayNameSkeleton: displayNameSkeleton(displayName), passwordHash, hasPassword: false,
            ...(freeAddress && email?.success ? { email: email.data, emailKey: emailKey(email.data), emailVerifiedAt: new Date() } : {}),
          },
          select: { id: true, sessionVersion: true, displayName: true },
        });
        await tx.identity.create({ data: { userId: user.id, provider: p.provider, subject: p.subject, email: p.email } });
        return user;
      });
    } catch (err) {
      if (err instanceof Taken || isUniqueViolation(err)) {
        // The identity itself made by a parallel sign-in: that member is the one.
        const made = await prisma.identity.findUnique({ where: { provider_subject: { provider: p.provider, subject: p.subject } }, select: { user: { select: { id: true, sessionVersion: true, displayName: true } } } });
        if (made) return made.user;
        continue;
      }
      throw err;
    }
  }
  throw new Error('no free username for a new member');
}
class Taken extends Error {}

/**
 * The member an identity signs in as (or the refusal to show), per the rules above.
 * `linkTo`: the member who asked in settings to connect a new identity.
 */
export async function signInWithIdentity(prisma: Db, p: ProviderProfile, linkTo: number | null): Promise<IdentityOutcome> {
  if (!p.subject) return { ok: false, error: 'gone' };
  const known = await prisma.identity.findUnique({ where: { provider_subject: { provider: p.provider, subject: p.subject } }, select: { userId: true } });
  let userId: number;
  let created = false;
  if (linkTo !== null) {
    if (known && known.userId !== linkTo) return { ok: false, error: 'identity_taken' };
    if (!known) {
      try {
        await prisma.$transaction(async (tx) => {
          await tx.identity.create({ data: { userId: linkTo, provider: p.provider, subject: p.subject, email: p.email } });
          await logAction(tx, { moderatorId: null, memberId: linkTo, action: 'member:identity-connect', details: { provider: p.provider } });
        });
      } catch (err) {
        if (isUniqueViolation(err)) return { ok: false, error: 'identity_taken' };
        throw err;
      }
    }
    userId = linkTo;
  } else if (known) {
    userId = known.userId;
  } else {
    if (p.email && p.emailVerified) {
      const owner = await prisma.user.findFirst({ where: { emailKey: emailKey(p.email), emailVerifiedAt: { not: null } }, select: { id: true } });
      if (owner) return { ok: false, error: 'link_needed' };
    }
    const member = await createMember(prisma, p);
    userId = member.id;
    created = true;
  }
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { id: true, status: true, deletedAt: true, sessionVersion: true, displayName: true, importedFrom: true } });
  if (!user || user.deletedAt || user.importedFrom) return { ok: false, error: 'gone' };
  if (user.status === 'banned') return { ok: false, error: 'banned' };
  if (!created && p.email) await prisma.identity.updateMany({ where: { provider: p.provider, subject: p.subject }, data: { email: p.email } });
  return { ok: true, userId: user.id, sessionVersion: user.sessionVersion, displayName: user.displayName, created };
}

// ---- Settings ------------------------------------------------------------------------------

export async function listIdentities(prisma: Db, memberId: number): Promise<{ id: number; provider: string; email: string | null }[]> {
  return prisma.identity.findMany({ where: { userId: memberId }, orderBy: { id: 'asc' }, select: { id: true, provider: true, email: true } });
}

/** Disconnects one of the member's identities, never their last way in. */
export async function disconnectIdentity(prisma: Db, actor: Actor | null, provider: unknown): Promise<void> {
  assertCan(actor, 'account:write');
  await prisma.$transaction(async (tx) => {
    // The member's row is locked: two disconnections at once cannot both leave them a way in.
    const [me] = await tx.$queryRaw<{ has_password: boolean }[]>`SELECT has_password FROM users WHERE id = ${actor.id} FOR UPDATE`;
    const mine = await tx.identity.findMany({ where: { userId: actor.id }, select: { id: true, provider: true } });
    const target = mine.find((i) => i.provider === provider);
    if (!target) throw new DomainError(404, 'not_found');
    if (!me?.has_password && mine.length === 1) throw new DomainError(409, 'last_way_in');
    await tx.identity.delete({ where: { id: target.id } });
    await logAction(tx, { moderatorId: null, memberId: actor.id, action: 'member:identity-disconnect', details: { provider: target.provider } });
  });
}
