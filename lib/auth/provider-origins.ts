// Where the sign-in forms of other identities lead (lib/auth/identities.ts): the origins the
// Content-Security-Policy's form-action allows besides the site (proxy.ts). Without them a
// browser that submits the form before the page's script runs (or without JavaScript) is
// stopped at the redirect to the provider.
import { env } from '../env.ts';

export function identityFormOrigins(): string[] {
  const e = env();
  const origins: string[] = [];
  if (e.YILUN_OIDC_ISSUER && e.YILUN_OIDC_CLIENT_ID && e.YILUN_OIDC_CLIENT_SECRET) origins.push(new URL(e.YILUN_OIDC_ISSUER).origin);
  if (e.YILUN_GITHUB_ID && e.YILUN_GITHUB_SECRET) origins.push('https://github.com');
  return origins;
}
