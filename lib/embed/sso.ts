// Single sign-on with a publisher's accounts (issue 22). The host page passes a short-lived
// token it signed for its reader (embed.js's data-sso): HS256 with the site's secret, or
// RS256 with a key from the site's JWKS address. Claims:
//
//   sub    the reader's id on the publisher's site (required)
//   name   the name to show (optional; else the id)
//   email  an address (optional; kept with the identity, never used to join members)
//   avatar a picture's address (optional; not shown yet)
//   iat, exp  at most ten minutes apart (exp required)
//   jti    an id for the token (optional: without it the token itself is its id)
//
// A token works once (sso_token_uses); an expired, replayed or wrongly signed one is refused.
// Each site's readers are members of their own (identities `site:ID`), created on first use
// and never joined to a member of another site or of the forum by address; bans, suspensions
// and sign-out-everywhere apply to them like to anyone.
import crypto from 'node:crypto';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { DomainError } from '../errors.ts';
import { signInWithIdentity } from '../auth/identities.ts';
import type { Site } from './sites.ts';

/** The longest a token may live (exp − iat, or exp − now), and the clock skew allowed. */
export const SSO_MAX_SECONDS = 600;
const SKEW_SECONDS = 30;

const claimsSchema = z.object({
  sub: z.union([z.string(), z.number()]).transform(String).pipe(z.string().min(1).max(200)),
  name: z.string().trim().max(200).optional(),
  email: z.string().trim().max(254).optional(),
  avatar: z.string().max(2000).optional(),
  exp: z.number(),
  iat: z.number().optional(),
  jti: z.string().max(200).optional(),
});
export type SsoClaims = z.infer<typeof claimsSchema>;

const jwksOf = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
function jwks(url: string) {
  let set = jwksOf.get(url);
  if (!set) {
    set = createRemoteJWKSet(new URL(url), { timeoutDuration: 5000, cooldownDuration: 30_000 });
    jwksOf.set(url, set);
  }
  return set;
}

/** The token's claims when it is well signed by the site and in date; refused otherwise. */
export async function verifySsoToken(site: Site, token: unknown): Promise<SsoClaims> {
  if (typeof token !== 'string' || token.length > 8192 || token.split('.').length !== 3) throw new DomainError(401, 'sso_invalid');
  let payload: JWTPayload;
  try {
    const header = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8')) as { alg?: string };
    const options = { requiredClaims: ['exp', 'sub'], clockTolerance: SKEW_SECONDS };
    if (header.alg === 'RS256' && site.jwksUrl) payload = (await jwtVerify(token, jwks(site.jwksUrl), { ...options, algorithms: ['RS256'] })).payload;
    else payload = (await jwtVerify(token, new TextEncoder().encode(site.ssoSecret), { ...options, algorithms: ['HS256'] })).payload;
  } catch (err) {
    if (err instanceof errors.JWTExpired) throw new DomainError(401, 'sso_expired');
    throw new DomainError(401, 'sso_invalid');
  }
  const claims = claimsSchema.safeParse(payload);
  if (!claims.success) throw new DomainError(401, 'sso_invalid');
  const now = Date.now() / 1000;
  const c = claims.data;
  if (c.exp - now > SSO_MAX_SECONDS + SKEW_SECONDS || (c.iat !== undefined && c.exp - c.iat > SSO_MAX_SECONDS)) throw new DomainError(401, 'sso_invalid');
  return c;
}

const providerOf = (site: Site) => `site:${site.id}` as const;

/** The member a site's reader already is, without using the token up (null when new). */
export async function ssoMember(prisma: Db, site: Site, claims: SsoClaims): Promise<number | null> {
  const known = await prisma.identity.findUnique({ where: { provider_subject: { provider: providerOf(site), subject: claims.sub } }, select: { userId: true } });
  return known?.userId ?? null;
}

/** Uses the token up: a second use of the same token (its jti, or its text) is refused. */
export async function spendSsoToken(prisma: Db, site: Site, claims: SsoClaims, token: string): Promise<void> {
  const key = `${site.id}:${claims.jti !== undefined ? `jti:${claims.jti}` : crypto.createHash('sha256').update(token).digest('hex')}`;
  const n = await prisma.$executeRaw`
    INSERT INTO sso_token_uses (key, expires_at) VALUES (${key}, to_timestamp(${claims.exp + SKEW_SECONDS}))
    ON CONFLICT (key) DO NOTHING`;
  if (Math.random() < 0.02) await prisma.$executeRaw`DELETE FROM sso_token_uses WHERE expires_at < now()`;
  if (n === 0) throw new DomainError(401, 'sso_replayed');
}

/** The site's reader as a member: found by their id there, or made. */
export async function signInWithSso(prisma: Db, site: Site, claims: SsoClaims): Promise<number> {
  const outcome = await signInWithIdentity(
    prisma,
    { provider: providerOf(site), subject: claims.sub, email: claims.email ?? null, emailVerified: false, name: claims.name ?? null, username: claims.name ?? null },
    null,
  );
  if (!outcome.ok) throw new DomainError(outcome.error === 'banned' ? 403 : 401, outcome.error === 'banned' ? 'banned_sign_in' : 'sso_invalid');
  return outcome.userId;
}

/** Whether a member came from this site's single sign-on (the host may sign them out). */
export async function isSsoMember(prisma: Db, site: Site, memberId: number): Promise<boolean> {
  return (await prisma.identity.count({ where: { userId: memberId, provider: providerOf(site) } })) > 0;
}
