import 'server-only';
import { getLocale } from 'next-intl/server';
import type { Locale } from '@/i18n/locales.ts';
import { errorMessage } from '@/lib/i18n/translate.ts';

const STATUSES = new Set(['visible', 'held', 'hidden', 'removed']);

/**
 * A refused staff decision comes back in the address (`?moderation=CODE&status=S`, set by the
 * server action that redirected), and so does a member's refused like without JavaScript
 * (`?refused=CODE`); this is its message in the reader's language.
 */
export async function refusalNotice(sp: Record<string, string | string[] | undefined>): Promise<string | null> {
  const code = sp.moderation ?? sp.refused;
  if (typeof code !== 'string' || !/^[a-z_]{1,40}$/.test(code)) return null;
  const status = typeof sp.status === 'string' && STATUSES.has(sp.status) ? sp.status : 'other';
  return errorMessage((await getLocale()) as Locale, code, { status });
}
