import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { publishArticleAction } from '@/app/actions/articles.ts';
import { ArticleForm } from '@/components/article-form.tsx';
import { currentMember } from '@/lib/auth/current-member.ts';
import { db } from '@/lib/db/client.ts';
import { asRefusal } from '@/lib/errors.ts';
import { assertMayPublish } from '@/lib/articles/publish.ts';
import { articleFormLabels } from '@/lib/articles/form-labels.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('publish'))('newTitle'), robots: { index: false } };
}

/** Staff write a new article: title, source, time and body, with a preview. */
export default async function NewArticlePage() {
  try {
    await assertMayPublish(db(), await currentMember());
  } catch (thrown) {
    if (asRefusal(thrown)) notFound();
    throw thrown;
  }
  const t = await getTranslations('publish');
  return (
    <>
      <h1>{t('newTitle')}</h1>
      <ArticleForm action={publishArticleAction} labels={await articleFormLabels('publish')} initial={{}} withSlug />
    </>
  );
}
