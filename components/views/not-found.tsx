import { getTranslations } from 'next-intl/server';

export async function NotFoundView() {
  const t = await getTranslations('errors');
  return (
    <div className="error-page">
      <h1>{t('notFoundTitle')}</h1>
      <p>{t('notFoundBody')}</p>
      <p>
        <a href="/">{t('home')}</a>
      </p>
    </div>
  );
}
