import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { SignInForm } from '@/components/auth-forms.tsx';
import { headers } from 'next/headers';
import { signInReturnPath } from '@/lib/safe-return.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('auth'))('signIn') };
}

export default async function SignInPage({ searchParams }: PageProps<'/signin'>) {
  const t = await getTranslations('auth');
  const { callbackUrl } = await searchParams;
  const h = await headers();
  const returnTo = signInReturnPath(callbackUrl, h.get('referer'), h.get('x-forwarded-host') ?? h.get('host'));
  return (
    <div className="auth-page">
      <h1>{t('signInTitle')}</h1>
      <SignInForm returnTo={returnTo} />
      <p>
        {t('noAccount')} <a href={`/signup?callbackUrl=${encodeURIComponent(returnTo)}`}>{t('signUp')}</a>
      </p>
    </div>
  );
}
