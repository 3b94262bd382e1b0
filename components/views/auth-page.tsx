import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { headers } from 'next/headers';
import { SignInForm, SignUpForm } from '@/components/auth-forms.tsx';
import { signInReturnPath } from '@/lib/safe-return.ts';
import { providerSignInAction } from '@/app/actions/auth.ts';
import { configuredProviders } from '@/lib/auth/identities.ts';

/** What a sign-in through another identity that came back refused says (auth.ts, lib/auth/identities.ts). */
const PROVIDER_ERRORS = ['banned', 'link_needed', 'identity_taken', 'gone', 'provider_down'] as const;
/** One of those, as the settings page gets it back from connecting an identity; else null. */
export const knownProviderError = (error: unknown): (typeof PROVIDER_ERRORS)[number] | null =>
  typeof error === 'string' && (PROVIDER_ERRORS as readonly string[]).includes(error) ? (error as (typeof PROVIDER_ERRORS)[number]) : null;
export function providerError(error: unknown): (typeof PROVIDER_ERRORS)[number] | null {
  if (typeof error !== 'string' || !error) return null;
  // Auth.js's own codes (Configuration, OAuthCallbackError …): the provider could not be used.
  return knownProviderError(error) ?? 'provider_down';
}

export async function authMetadata(kind: 'signIn' | 'signUp'): Promise<Metadata> {
  return { title: (await getTranslations('auth'))(kind) };
}

/**
 * The sign-in and sign-up pages: the form, and a link to the other one, both bringing the
 * reader back to where they came from (`callbackUrl`, else the same-site page that sent them).
 */
export async function AuthPage({ kind, callbackUrl, error }: { kind: 'signIn' | 'signUp'; callbackUrl: string | string[] | undefined; error?: string | string[] }) {
  const t = await getTranslations('auth');
  const providers = configuredProviders();
  const refused = providerError(error);
  const h = await headers();
  const returnTo = signInReturnPath(callbackUrl, h.get('referer'), h.get('host'));
  const back = encodeURIComponent(returnTo);
  return (
    <div className="auth-page">
      <h1>{t(kind === 'signIn' ? 'signInTitle' : 'signUpTitle')}</h1>
      {refused ? (
        <p className="form-error" role="alert">
          {t(`providerErrors.${refused}`, { provider: providers[0]?.name ?? '' })}
        </p>
      ) : null}
      {providers.length ? (
        <div className="identity-providers">
          {providers.map((p) => (
            <form key={p.id} action={providerSignInAction}>
              <input type="hidden" name="provider" value={p.id} />
              <input type="hidden" name="returnTo" value={returnTo} />
              <button type="submit">{t('withProvider', { name: p.name })}</button>
            </form>
          ))}
          <p className="hint">{t(kind === 'signIn' ? 'orPassword' : 'orSignUp')}</p>
        </div>
      ) : null}
      {kind === 'signIn' ? <SignInForm returnTo={returnTo} /> : <SignUpForm returnTo={returnTo} />}
      {kind === 'signIn' ? (
        <p>
          <a href="/forgot-password">{t('forgot')}</a>
        </p>
      ) : null}
      <p>
        {kind === 'signIn' ? (
          <>
            {t('noAccount')} <a href={`/signup?callbackUrl=${back}`}>{t('signUp')}</a>
          </>
        ) : (
          <>
            {t('haveAccount')} <a href={`/signin?callbackUrl=${back}`}>{t('signIn')}</a>
          </>
        )}
      </p>
    </div>
  );
}
