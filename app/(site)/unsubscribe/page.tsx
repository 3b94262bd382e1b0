import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { unsubscribeAction } from '@/app/actions/account.ts';
import { ModForm } from '@/components/mod-form.tsx';
import { unsubscribeMember } from '@/lib/mail/unsubscribe.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('settings'))('unsubscribeTitle'), robots: { index: false }, referrer: 'no-referrer' };
}

/** The unsubscribe link of a notification mail: one button, no sign-in needed. */
export default async function UnsubscribePage({ searchParams }: PageProps<'/unsubscribe'>) {
  const t = await getTranslations('settings');
  const { token } = await searchParams;
  const valid = typeof token === 'string' && unsubscribeMember(token) !== null;
  return (
    <div className="auth-page">
      <h1>{t('unsubscribeTitle')}</h1>
      {valid ? (
        <>
          <p>{t('unsubscribeExplain')}</p>
          <ModForm
            action={unsubscribeAction}
            label={t('unsubscribeTitle')}
            done={t('unsubscribed')}
            fields={[{ name: 'token', label: '', type: 'hidden', defaultValue: token }]}
            buttons={[{ label: t('unsubscribeButton') }]}
          />
        </>
      ) : (
        <p className="form-error" role="alert">
          {t('unsubscribeBad')}
        </p>
      )}
      <p>
        <a href="/settings#s-mail">{t('mailSettings')}</a>
      </p>
    </div>
  );
}
