// The parameters every cached page shares. A write expires its pages at once by tag, in this
// process and, through the bus (lib/bus), in every other one; pages also declare
// `revalidate = 60` as a last resort.
import 'server-only';
import { setRequestLocale } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { isLocale, locales, type Locale } from '@/i18n/locales.ts';
import { FIRST } from './public-pages.js';
import { articleTag, dependsOn, THREAD_LIST_TAG } from './invalidate.ts';
import { db } from '../db/client.ts';
import { getArticle } from '../threads/get-article.ts';

/** The language of a cached page's path, set for next-intl (an unknown one is not found). */
export function pathLocale(locale: string): Locale {
  if (!isLocale(locale)) notFound();
  setRequestLocale(locale);
  return locale;
}

/** Every language a cached page is rendered in (its layout's static params). */
export const localeParams = () => locales.map((locale) => ({ locale }));

/** The language and cursor of a cached page's path (`first` is no cursor). */
export function cachedPageParams(params: { locale: string; cursor: string }): { locale: Locale; cursor: string | null } {
  return { locale: pathLocale(params.locale), cursor: params.cursor === FIRST ? null : params.cursor };
}

/**
 * Ties a cached page of an article to the article's tag; an unknown address to the thread
 * list's, since it turns into a thread when an article is imported under it.
 */
export async function dependsOnArticle(slug: string): Promise<void> {
  const article = await getArticle(db(), slug);
  await dependsOn(article ? articleTag(article.id) : THREAD_LIST_TAG);
}
