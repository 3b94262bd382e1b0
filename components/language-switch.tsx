import { getTranslations } from 'next-intl/server';
import { setLocale } from '@/app/actions/set-locale.ts';
import type { Locale } from '@/i18n/locales.ts';

/** A form, so that it works with JavaScript off; the choice is kept in a cookie. */
export async function LanguageSwitch({ locale }: { locale: Locale }) {
  const t = await getTranslations({ locale, namespace: 'site' });
  return (
    <form action={setLocale} className="language-switch">
      <input type="hidden" name="locale" value={locale === 'en' ? 'zh-CN' : 'en'} />
      <button type="submit" lang={locale === 'en' ? 'zh-CN' : 'en'} aria-label={t('switchToLabel')}>
        {t('switchTo')}
      </button>
    </form>
  );
}
