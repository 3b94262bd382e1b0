import { match } from '@formatjs/intl-localematcher';
import Negotiator from 'negotiator';

export const locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'zh-CN';
export const LOCALE_COOKIE = 'NEXT_LOCALE';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/** The reader's language: a remembered choice first, then Accept-Language, then Chinese. */
export function resolveLocale(cookie: string | undefined, acceptLanguage: string | null | undefined): Locale {
  if (isLocale(cookie)) return cookie;
  const languages = new Negotiator({ headers: { 'accept-language': acceptLanguage ?? '' } }).languages();
  try {
    return match(languages.filter((l) => l !== '*'), locales, defaultLocale) as Locale;
  } catch {
    return defaultLocale;
  }
}
