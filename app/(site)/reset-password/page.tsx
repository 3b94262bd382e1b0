import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ResetForm } from '@/components/auth-forms.tsx';
import { db } from '@/lib/db/client.ts';
import { resetTarget } from '@/lib/users/password-reset.ts';

export async function generateMetadata(): Promise<Metadata> {
  // No referrer leaves this page: its address carries the token.
  return { title: (await getTranslations('auth'))('resetTitle'), robots: { index: false }, referrer: 'no-referrer' };
}

/**
 * A reset link's page: the form for the new password, when the link is live. Looking does not
 * use the link up; saving does.
 */
export default async function ResetPasswordPage({ searchParams }: PageProps<'/reset-password'>) {
  const t = await getTranslations('auth');
  const { token } = await searchParams;
  const target = typeof token === 'string' ? await resetTarget(db(), token) : null;
  return (
    <div className="auth-page">
      <h1>{t('resetTitle')}</h1>
      {target && typeof token === 'string' ? (
        <>
          <p>{t('resetFor', { username: target.username })}</p>
          <ResetForm token={token} username={target.username} />
        </>
      ) : (
        <>
          <p className="form-error" role="alert">
            {t('resetBad')}
          </p>
          <p>
            <a href="/forgot-password">{t('resetAgain')}</a>
          </p>
        </>
      )}
    </div>
  );
}
