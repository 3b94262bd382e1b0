import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { verifyEmailAction } from '@/app/actions/account.ts';
import { ModForm } from '@/components/mod-form.tsx';
import { db } from '@/lib/db/client.ts';
import { peekToken } from '@/lib/auth/account-tokens.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('auth'))('verifyTitle'), robots: { index: false }, referrer: 'no-referrer' };
}

/**
 * A verification link's page: one button that makes the address the member's. Opening the
 * link changes nothing (mail scanners open links; they do not press buttons).
 */
export default async function VerifyEmailPage({ searchParams }: PageProps<'/verify-email'>) {
  const t = await getTranslations('auth');
  const { token } = await searchParams;
  const row = typeof token === 'string' ? await peekToken(db(), token, 'verify') : null;
  return (
    <div className="auth-page">
      <h1>{t('verifyTitle')}</h1>
      {row?.email && typeof token === 'string' ? (
        <>
          <p>{row.email}</p>
          <ModForm
            action={verifyEmailAction}
            label={t('verifyTitle')}
            done={t('verified', { email: row.email })}
            fields={[{ name: 'token', label: '', type: 'hidden', defaultValue: token }]}
            buttons={[{ label: t('verifyTitle'), harm: 'harmless' }]}
          />
        </>
      ) : (
        <p className="form-error" role="alert">
          {t('verifyBad')}
        </p>
      )}
      <p>
        <a href="/settings">{t('toSettings')}</a>
      </p>
    </div>
  );
}
