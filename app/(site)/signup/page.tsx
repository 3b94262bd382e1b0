import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { SignUpForm } from '@/components/auth-forms.tsx';
import { headers } from 'next/headers';
import { signInReturnPath } from '@/lib/safe-return.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('auth'))('signUp') };
}

export default async function SignUpPage({ searchParams }: PageProps<'/signup'>) {
  const t = await getTranslations('auth');
  const { callbackUrl } = await searchParams;
  const h = await headers();
  const returnTo = signInReturnPath(callbackUrl, h.get('referer'), h.get('x-forwarded-host') ?? h.get('host'));
  return (
    <div className="auth-page">
      <h1>{t('signUpTitle')}</h1>
      <SignUpForm returnTo={returnTo} />
      <p>
        {t('haveAccount')} <a href={`/signin?callbackUrl=${encodeURIComponent(returnTo)}`}>{t('signIn')}</a>
      </p>
    </div>
  );
}
