import { ENGLISH_FIRST, LOCALE_COOKIE as COOKIE } from '../lib/cache/public-pages.js';

export const locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'zh-CN';
export const LOCALE_COOKIE = COOKIE;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

const englishFirst = new RegExp(`^${ENGLISH_FIRST}$`);

/**
 * The reader's language: a remembered choice first, then the first Chinese or English
 * entry of Accept-Language (any Chinese is closer to the Simplified Chinese UI than English
 * is), then Chinese. Browsers list languages in order of preference, so the order decides;
 * the same rule, as one regular expression, picks the cached page (lib/cache/public-pages.js).
 */
export function resolveLocale(cookie: string | undefined, acceptLanguage: string | null | undefined): Locale {
  if (isLocale(cookie)) return cookie;
  return englishFirst.test(acceptLanguage ?? '') ? 'en' : defaultLocale;
}
