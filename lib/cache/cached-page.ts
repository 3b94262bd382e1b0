// The parameters every cached page shares (pages declare `revalidate = 86400`: a day at the
// latest, and sooner whenever a write expires their tags).
import 'server-only';
import { setRequestLocale } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { isLocale, type Locale } from '@/i18n/locales.ts';
import { FIRST } from './public-pages.js';

/** The language and cursor of a cached page's path (`first` is no cursor). */
export function cachedPageParams(params: { locale: string; cursor: string }): { locale: Locale; cursor: string | null } {
  if (!isLocale(params.locale)) notFound();
  setRequestLocale(params.locale);
  return { locale: params.locale, cursor: params.cursor === FIRST ? null : params.cursor };
}
