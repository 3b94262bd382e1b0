// A real OpenID Connect provider for the browser walks (the oidc-provider package), on the
// issuer the e2e server is configured with (playwright.config.ts). Its development login
// page takes any login name; `people` says what it tells Yilun about each (by default an
// address at news.example that it has verified).
import Provider from 'oidc-provider';
import type { Server } from 'node:http';

import { E2E_OIDC_CLIENT, E2E_OIDC_ISSUER, E2E_OIDC_PORT } from './env.ts';

export interface Person {
  email?: string | null;
  email_verified?: boolean;
  name?: string;
  preferred_username?: string;
}

export async function startOidc(appOrigin: string, people: Map<string, Person> = new Map()): Promise<{ people: Map<string, Person>; close: () => Promise<void> }> {
  const provider = new Provider(E2E_OIDC_ISSUER, {
    clients: [
      {
        client_id: E2E_OIDC_CLIENT.id,
        client_secret: E2E_OIDC_CLIENT.secret,
        redirect_uris: [`${appOrigin}/api/auth/callback/oidc`],
        response_types: ['code'],
        grant_types: ['authorization_code'],
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'preferred_username'] },
    async findAccount(_ctx, id) {
      const p = people.get(id) ?? {};
      return {
        accountId: id,
        async claims() {
          return {
            sub: id,
            ...(p.email === null ? {} : { email: p.email ?? `${id}@news.example`, email_verified: p.email_verified ?? true }),
            name: p.name ?? `记者 ${id}`,
            preferred_username: p.preferred_username ?? id,
          };
        },
      };
    },
    // The person's claims in the ID token itself, as Keycloak and most providers send them.
    conformIdTokenClaims: false,
    // The development login and consent pages (any login name), without https.
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['e2e-oidc-cookie-key'] },
    pkce: { required: () => true },
  });
  // What the provider refused, in the test's output (a redirect URI that does not match, a bad PKCE verifier).
  provider.on('grant.error', (_ctx, err) => console.error('oidc-provider refused a grant:', (err as { error_detail?: string }).error_detail ?? err));
  const server: Server = provider.listen(E2E_OIDC_PORT, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  return {
    people,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
