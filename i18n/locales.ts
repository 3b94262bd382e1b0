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
  // Any Chinese (zh-TW, zh-HK, zh) is closer to the Simplified Chinese UI than English is.
  const languages = new Negotiator({ headers: { 'accept-language': acceptLanguage ?? '' } })
    .languages()
    .map((l) => (/^zh\b/i.test(l) ? 'zh-CN' : l));
  try {
    return match(languages.filter((l) => l !== '*'), locales, defaultLocale) as Locale;
  } catch {
    return defaultLocale;
  }
}
