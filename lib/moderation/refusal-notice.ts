import 'server-only';
import { getLocale } from 'next-intl/server';
import type { Locale } from '@/i18n/locales.ts';
import { errorMessage } from '@/lib/i18n/translate.ts';

const STATUSES = new Set(['visible', 'held', 'hidden', 'removed']);

/**
 * A refused staff decision comes back in the address (`?moderation=CODE&status=S`, set by the
 * server action that redirected); this is its message in the moderator's language.
 */
export async function refusalNotice(sp: Record<string, string | string[] | undefined>, key = 'moderation'): Promise<string | null> {
  const code = sp[key];
  if (typeof code !== 'string' || !/^[a-z_]{1,40}$/.test(code)) return null;
  const status = typeof sp.status === 'string' && STATUSES.has(sp.status) ? sp.status : 'other';
  return errorMessage((await getLocale()) as Locale, code, { status });
}
