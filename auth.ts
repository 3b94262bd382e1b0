// Auth.js (next-auth v5): username + password, JWT sessions. A JWT cannot be revoked, so
// every use of a session goes through currentMember(), which checks the member's session
// version and status in the database: signing out everywhere or a ban ends sessions at once.
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import GitHub from 'next-auth/providers/github';
import type { Provider } from 'next-auth/providers';
import { LINK_COOKIE, readLinkIntent, signInWithIdentity, type ProviderId } from './lib/auth/identities.ts';
import { configuredProviders } from './lib/auth/provider-origins.ts';
import { cookies, headers } from 'next/headers';
import { db } from './lib/db/client.ts';
import { isRateLimited, verifyCredentials } from './lib/auth/verify-credentials.ts';
import { DomainError } from './lib/errors.ts';
import { requestAddress } from './lib/request-address.ts';
import { endSession } from './lib/auth/end-session.ts';
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE } from './lib/auth/sign-in-limits.ts';

/** A cookie's value from a Cookie header. */
const cookieIn = (header: string | null, name: string) =>
  header?.split(/;\s*/).find((c) => c.startsWith(`${name}=`))?.slice(name.length + 1) ?? null;

class RateLimitedSignIn extends CredentialsSignin {
  code = 'rate_limited';
}
class BannedSignIn extends CredentialsSignin {
  code = 'banned_sign_in';
}

/**
 * Other ways in (lib/auth/identities.ts): a newsroom's OpenID Connect provider and GitHub, each
 * when configured. PKCE, state and nonce are checked on every sign-in.
 */
function identityProviders(): Provider[] {
  return configuredProviders().map((p) =>
    p.id === 'oidc'
      ? { id: 'oidc', name: p.name, type: 'oidc' as const, issuer: p.issuer, clientId: p.clientId, clientSecret: p.clientSecret, checks: ['pkce' as const, 'state' as const, 'nonce' as const] }
      : GitHub({ clientId: p.clientId, clientSecret: p.clientSecret }),
  );
}

/** What a provider says of the person, in one shape. GitHub's public address is not taken as verified. */
function profileOf(provider: ProviderId, subject: string, profile: Record<string, unknown> | undefined) {
  const str = (v: unknown) => (typeof v === 'string' && v ? v : null);
  return {
    provider,
    subject,
    email: str(profile?.email),
    emailVerified: provider === 'oidc' && profile?.email_verified === true,
    name: str(profile?.name),
    username: str(profile?.preferred_username) ?? str(profile?.login),
  };
}

declare module 'next-auth' {
  interface User {
    sessionVersion?: number;
  }
  interface Session {
    sessionVersion?: number;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  session: { strategy: 'jwt', maxAge: 30 * 24 * 3600 },
  // Yilun's own pages, never Auth.js's English defaults: sign-out is a form in the header.
  pages: { signIn: '/signin', signOut: '/', error: '/signin', verifyRequest: '/signin', newUser: '/' },
  providers: [
    Credentials({
      credentials: { username: {}, password: {} },
      async authorize(credentials, request) {
        const requestHeaders = request?.headers ?? (await headers());
        const address = requestAddress(requestHeaders);
        try {
          const device = cookieIn(requestHeaders.get('cookie'), DEVICE_COOKIE);
          const member = await verifyCredentials(db(), { username: credentials?.username, password: credentials?.password }, address, device);
          if (!member) return null;
          // This browser has signed in to this account: from now on an attacker elsewhere
          // cannot pause its sign-ins (lib/auth/sign-in-limits.ts).
          (await cookies()).set(DEVICE_COOKIE, member.deviceCookie, {
            httpOnly: true,
            sameSite: 'lax',
            path: '/',
            maxAge: DEVICE_COOKIE_MAX_AGE,
            secure: requestHeaders.get('x-forwarded-proto') === 'https',
          });
          return { id: String(member.id), name: member.displayName, sessionVersion: member.sessionVersion };
        } catch (err) {
          if (isRateLimited(err)) throw new RateLimitedSignIn();
          if (err instanceof DomainError && err.code === 'banned_sign_in') throw new BannedSignIn();
          throw err;
        }
      },
    }),
    ...identityProviders(),
  ],
  callbacks: {
    /**
     * Another identity signs in as the member it is linked to, is linked to the member who asked
     * in settings, or makes a new member; a refusal comes back to the page it started from.
     */
    async signIn({ user, account, profile }) {
      if (!account || account.type === 'credentials') return true;
      const jar = await cookies();
      const linkTo = readLinkIntent(jar.get(LINK_COOKIE)?.value);
      if (linkTo !== null) jar.delete(LINK_COOKIE);
      const outcome = await signInWithIdentity(db(), profileOf(account.provider as ProviderId, account.providerAccountId, profile as Record<string, unknown> | undefined), linkTo);
      if (!outcome.ok) return linkTo !== null ? `/settings?identity=${outcome.error}` : `/signin?error=${outcome.error}`;
      user.id = String(outcome.userId);
      user.name = outcome.displayName;
      user.email = null;
      user.image = null;
      user.sessionVersion = outcome.sessionVersion;
      return true;
    },
    jwt({ token, user }) {
      if (user) {
        // Nothing of the provider's (address, picture) is kept in the cookie.
        delete token.email;
        delete token.picture;
        token.sv = user.sessionVersion ?? 0;
        // This session's own id, so that signing out can end it on the server too.
        token.sid = crypto.randomUUID();
      }
      return token;
    },
    session({ session, token }) {
      if (session.user && token.sub) session.user.id = token.sub;
      session.sessionVersion = typeof token.sv === 'number' ? token.sv : -1;
      return session;
    },
  },
  events: {
    // Every way of signing out ends the session on the server, Auth.js's own
    // POST /api/auth/signout included: a copy of the cookie is worth nothing afterwards.
    async signOut(message) {
      const token = 'token' in message ? message.token : null;
      if (token && typeof token.sid === 'string') await endSession(db(), { sid: token.sid, exp: typeof token.exp === 'number' ? token.exp : Math.floor(Date.now() / 1000) + 30 * 24 * 3600 });
    },
  },
  logger: {
    // A wrong password is not an error of the server.
    error(error) {
      if ((error as { type?: string }).type === 'CredentialsSignin') return;
      console.error(error);
    },
  },
});
