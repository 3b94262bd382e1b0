// Where deleting an account ends: a word that it happened and what that means, instead of the
// home page with nothing said.
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import Link from 'next/link';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('settings'))('deletedTitle'), robots: { index: false } };
}

export default async function GoodbyePage() {
  const t = await getTranslations('settings');
  return (
    <div className="error-page" role="status">
      <h1>{t('deletedTitle')}</h1>
      <p>{t('deletedBody')}</p>
      <p>
        <Link href="/">{t('deletedHome')}</Link>
      </p>
    </div>
  );
}
