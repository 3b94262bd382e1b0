// The parameters every cached page shares. Pages declare `revalidate = 60`: a write in the
// app expires its pages at once by tag; changes from outside the app (an import from the
// command line) show within a minute, re-rendered in the background.
import 'server-only';
import { setRequestLocale } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { isLocale, type Locale } from '@/i18n/locales.ts';
import { FIRST } from './public-pages.js';
import { articleTag, dependsOn, THREAD_LIST_TAG } from './invalidate.ts';
import { db } from '../db/client.ts';
import { getArticle } from '../threads/get-article.ts';

/** The language and cursor of a cached page's path (`first` is no cursor). */
export function cachedPageParams(params: { locale: string; cursor: string }): { locale: Locale; cursor: string | null } {
  if (!isLocale(params.locale)) notFound();
  setRequestLocale(params.locale);
  return { locale: params.locale, cursor: params.cursor === FIRST ? null : params.cursor };
}

/**
 * Ties a cached page of an article to the article's tag; an unknown address to the thread
 * list's, since it turns into a thread when an article is imported under it.
 */
export async function dependsOnArticle(slug: string): Promise<void> {
  const article = await getArticle(db(), slug);
  await dependsOn(article ? articleTag(article.id) : THREAD_LIST_TAG);
}
