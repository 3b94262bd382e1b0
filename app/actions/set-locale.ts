'use server';

import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { isLocale, LOCALE_COOKIE } from '@/i18n/locales.ts';
import { currentMember } from '@/lib/auth/current-member.ts';
import { db } from '@/lib/db/client.ts';

/**
 * Remembers the reader's language for a year and returns them to the page they were on; a
 * member's mail is written in it from then on.
 */
export async function setLocale(form: FormData) {
  const locale = form.get('locale');
  if (isLocale(locale)) {
    (await cookies()).set(LOCALE_COOKIE, locale, { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'lax' });
    const member = await currentMember();
    if (member) await db().$executeRaw`UPDATE users SET locale = ${locale} WHERE id = ${member.id}`;
  }
  const h = await headers();
  let back = '/';
  try {
    const referer = new URL(h.get('referer') ?? '');
    if (referer.host === h.get('host')) back = referer.pathname + referer.search;
  } catch {
    // no usable Referer: go home
  }
  redirect(back);
}
