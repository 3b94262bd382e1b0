import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ForgotForm } from '@/components/auth-forms.tsx';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('auth'))('forgotTitle'), robots: { index: false } };
}

/** "忘记密码？": a link by mail to the account's verified address (lib/users/password-reset.ts). */
export default async function ForgotPasswordPage() {
  const t = await getTranslations('auth');
  return (
    <div className="auth-page">
      <h1>{t('forgotTitle')}</h1>
      <p>{t('forgotExplain')}</p>
      <ForgotForm />
      <p>
        <a href="/signin">{t('signIn')}</a>
      </p>
    </div>
  );
}
