import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { headers } from 'next/headers';
import { SignInForm, SignUpForm } from '@/components/auth-forms.tsx';
import { signInReturnPath } from '@/lib/safe-return.ts';

export async function authMetadata(kind: 'signIn' | 'signUp'): Promise<Metadata> {
  return { title: (await getTranslations('auth'))(kind) };
}

/**
 * The sign-in and sign-up pages: the form, and a link to the other one, both bringing the
 * reader back to where they came from (`callbackUrl`, else the same-site page that sent them).
 */
export async function AuthPage({ kind, callbackUrl }: { kind: 'signIn' | 'signUp'; callbackUrl: string | string[] | undefined }) {
  const t = await getTranslations('auth');
  const h = await headers();
  const returnTo = signInReturnPath(callbackUrl, h.get('referer'), h.get('host'));
  const back = encodeURIComponent(returnTo);
  return (
    <div className="auth-page">
      <h1>{t(kind === 'signIn' ? 'signInTitle' : 'signUpTitle')}</h1>
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
