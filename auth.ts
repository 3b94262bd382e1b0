// Auth.js (next-auth v5): username + password, JWT sessions. A JWT cannot be revoked, so
// every use of a session goes through currentMember(), which checks the member's session
// version and status in the database: signing out everywhere or a ban ends sessions at once.
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { headers } from 'next/headers';
import { db } from './lib/db/client.ts';
import { isRateLimited, verifyCredentials } from './lib/auth/verify-credentials.ts';
import { DomainError } from './lib/errors.ts';
import { requestAddress } from './lib/request-address.ts';

class RateLimitedSignIn extends CredentialsSignin {
  code = 'rate_limited';
}
class BannedSignIn extends CredentialsSignin {
  code = 'banned_sign_in';
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
        const address = requestAddress(request?.headers ?? (await headers()));
        try {
          const member = await verifyCredentials(db(), { username: credentials?.username, password: credentials?.password }, address);
          return member ? { id: String(member.id), name: member.displayName, sessionVersion: member.sessionVersion } : null;
        } catch (err) {
          if (isRateLimited(err)) throw new RateLimitedSignIn();
          if (err instanceof DomainError && err.code === 'banned_sign_in') throw new BannedSignIn();
          throw err;
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
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
  logger: {
    // A wrong password is not an error of the server.
    error(error) {
      if ((error as { type?: string }).type === 'CredentialsSignin') return;
      console.error(error);
    },
  },
});
