import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { isLocale, LOCALE_COOKIE, resolveLocale } from './locales.ts';

// Cached pages name their language (setRequestLocale or an explicit locale) and so never
// touch the request; pages rendered per request resolve it from the cookie and headers.
export default getRequestConfig(async ({ locale: explicit, requestLocale }) => {
  const named = explicit ?? (await requestLocale);
  const locale = isLocale(named)
    ? named
    : resolveLocale((await cookies()).get(LOCALE_COOKIE)?.value, (await headers()).get('accept-language'));
  return {
    locale,
    timeZone: 'Asia/Shanghai',
    messages: (await import(`../messages/${locale}.json`)).default,
  };
});
