import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { articleVisibilityAction, editArticleAction } from '@/app/actions/articles.ts';
import { ArticleForm } from '@/components/article-form.tsx';
import { renderTime } from '@/components/china-time.tsx';
import { ModForm } from '@/components/mod-form.tsx';
import { currentMember } from '@/lib/auth/current-member.ts';
import { db } from '@/lib/db/client.ts';
import { asRefusal } from '@/lib/errors.ts';
import { articleForEditing } from '@/lib/articles/publish.ts';
import { articleFormLabels } from '@/lib/articles/form-labels.ts';
import { isoChinaTime } from '@/lib/time.ts';
import { pathParam } from '@/lib/path-param.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('publish'))('editTitle'), robots: { index: false } };
}

/** Staff edit an article, take it down or put it back. */
export default async function EditArticlePage({ params }: PageProps<'/mod/articles/[slug]/edit'>) {
  const slug = pathParam((await params).slug);
  let a;
  try {
    a = await articleForEditing(db(), await currentMember(), slug);
  } catch (thrown) {
    if (asRefusal(thrown)) notFound();
    throw thrown;
  }
  const t = await getTranslations('publish');
  const published = a.unpublishedAt === null;
  return (
    <>
      <h1>{t('editTitle')}</h1>
      <p className="meta">
        {published ? <a href={`/articles/${a.slug}`}>{t('open')}</a> : <strong className="badge">{t('unpublished')}</strong>}{' '}
        {a.publishedAt > (await renderTime()) ? <strong className="badge">{t('scheduled')}</strong> : null}
      </p>
      <ArticleForm
        action={editArticleAction}
        labels={await articleFormLabels('save')}
        withSlug={false}
        hidden={{ article: a.slug }}
        initial={{ title: a.title, source: a.sourceSite, sourceUrl: a.sourceUrl ?? '', publishedAt: isoChinaTime(a.publishedAt).slice(0, 16), body: a.paragraphs.join('\n\n') }}
      />
      <h2>{published ? t('unpublishTitle') : t('republishTitle')}</h2>
      <p>{published ? t('unpublishExplain') : t('republishExplain')}</p>
      <ModForm
        action={articleVisibilityAction}
        label={published ? t('unpublishTitle') : t('republishTitle')}
        done={t('saved')}
        fields={[
          { name: 'article', label: '', type: 'hidden', defaultValue: a.slug },
          { name: 'published', label: '', type: 'hidden', defaultValue: published ? '0' : '1' },
          // Taking an article down is asked twice; putting it back is not.
          ...(published ? [{ name: 'confirmUnpublish', label: t('confirmUnpublish'), type: 'checkbox' as const }] : []),
        ]}
        buttons={[{ label: published ? t('unpublish') : t('republish'), harm: published ? undefined : 'harmless' }]}
      />
    </>
  );
}
