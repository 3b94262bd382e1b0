import { getTranslations } from 'next-intl/server';
import Link from 'next/link';

export async function NotFoundView() {
  const t = await getTranslations('errors');
  return (
    <div className="error-page">
      <h1>{t('notFoundTitle')}</h1>
      <p>{t('notFoundBody')}</p>
      <p>
        <Link href="/">{t('home')}</Link>
      </p>
    </div>
  );
}
