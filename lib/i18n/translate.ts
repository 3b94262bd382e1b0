// Translation outside React (route handlers, server actions' returned messages).
import type { IncomingHttpHeaders } from 'node:http';
import { createTranslator } from 'next-intl';
import { resolveLocale, type Locale, LOCALE_COOKIE } from '@/i18n/locales.ts';
import zh from '@/messages/zh-CN.json';
import en from '@/messages/en.json';

const MESSAGES = { 'zh-CN': zh, en } as const;

export function translator(locale: Locale) {
  return createTranslator({ locale, messages: MESSAGES[locale] as typeof zh });
}

/** The reader's language, from a request's headers (a fetch Request's, or node:http's). */
export function requestLocale(headers: Headers | IncomingHttpHeaders): Locale {
  const get = (name: string): string | null => {
    if (headers instanceof Headers) return headers.get(name);
    const value = headers[name];
    return Array.isArray(value) ? value.join(', ') : (value ?? null);
  };
  const cookie = get('cookie')?.match(new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=([^;]+)`))?.[1];
  return resolveLocale(cookie, get('accept-language'));
}

/** The message of an error code, with its parameters, in the reader's language. */
export function errorMessage(locale: Locale, code: string, params?: Record<string, string | number>): string {
  const t = translator(locale);
  const key = `errors.codes.${code}` as const;
  return t.has(key as never) ? t(key as never, params as never) : t('errors.codes.internal');
}

/** The message of a field's code, with the refusal's parameters (a banned word names the word). */
export function fieldMessage(locale: Locale, code: string, params?: Record<string, string | number>): string {
  const t = translator(locale);
  const key = `fields.${code}` as const;
  return t.has(key as never) ? t(key as never, params as never) : t('fields.invalid');
}

/** Every field code of a refusal as its message. */
export function fieldMessages(locale: Locale, fields: Record<string, string> | undefined, params?: Record<string, string | number>): Record<string, string> | undefined {
  return fields && Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, fieldMessage(locale, v, params)]));
}

/** A refusal (code, parameters, field codes) as what the member reads. */
export function describeRefusal(locale: Locale, err: { code: string; params?: Record<string, string | number>; fields?: Record<string, string> }) {
  return { message: errorMessage(locale, err.code, err.params), fields: fieldMessages(locale, err.fields, err.params) };
}
