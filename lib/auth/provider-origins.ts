// The other identities configured (lib/env.ts), in one place: the sign-in buttons and
// settings (lib/auth/identities.ts), Auth.js's providers (auth.ts), and the origins the
// Content-Security-Policy's form-action allows besides the site (proxy.ts). Without those a
// browser that submits the form before the page's script runs (or without JavaScript) is
// stopped at the redirect to the provider.
import { env } from '../env.ts';

export type ProviderId = 'oidc' | 'github';

export interface ConfiguredProvider {
  id: ProviderId;
  /** What its button calls it. */
  name: string;
  /** Where its sign-in form leads. */
  origin: string;
  clientId: string;
  clientSecret: string;
  issuer?: string;
}

export function configuredProviders(): ConfiguredProvider[] {
  const e = env();
  const list: ConfiguredProvider[] = [];
  if (e.YILUN_OIDC_ISSUER && e.YILUN_OIDC_CLIENT_ID && e.YILUN_OIDC_CLIENT_SECRET)
    list.push({ id: 'oidc', name: e.YILUN_OIDC_NAME, origin: new URL(e.YILUN_OIDC_ISSUER).origin, clientId: e.YILUN_OIDC_CLIENT_ID, clientSecret: e.YILUN_OIDC_CLIENT_SECRET, issuer: e.YILUN_OIDC_ISSUER });
  if (e.YILUN_GITHUB_ID && e.YILUN_GITHUB_SECRET)
    list.push({ id: 'github', name: 'GitHub', origin: 'https://github.com', clientId: e.YILUN_GITHUB_ID, clientSecret: e.YILUN_GITHUB_SECRET });
  return list;
}

export const identityFormOrigins = (): string[] => configuredProviders().map((p) => p.origin);
