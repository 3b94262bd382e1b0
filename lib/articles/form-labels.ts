import 'server-only';
import { getTranslations } from 'next-intl/server';
import type { ArticleFormLabels } from '@/components/article-form.tsx';

/** The article form's words in the staff member's language. */
export async function articleFormLabels(submit: 'publish' | 'save'): Promise<ArticleFormLabels> {
  const t = await getTranslations('publish');
  return {
    title: t('title'), source: t('source'), sourceUrl: t('sourceUrl'), publishedAt: t('publishedAt'), publishedAtHint: t('publishedAtHint'),
    slug: t('slug'), slugHint: t('slugHint'), body: t('body'), bodyHint: t('bodyHint'), submit: t(submit), preview: t('preview'), done: t('saved'),
  };
}
