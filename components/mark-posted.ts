'use client';

import { POSTED_COOKIE } from '@/lib/posted-cookie.ts';

/**
 * The comment just posted, which the server rendered marked (`just-posted`, focusable: the
 * posted cookie names it): it takes the focus and comes into view. Nothing on the page is
 * changed here; the page is React's (docs/decisions/007-one-owner.md).
 */
export function focusPosted(id: number | string): void {
  document.cookie = `${POSTED_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax`;
  const card = document.getElementById(`c${id}`);
  if (!card) return;
  card.focus({ preventScroll: true });
  card.scrollIntoView({ block: 'nearest' });
}

/** The comment the posted cookie names, if any. */
export function postedFromCookie(): string | null {
  return new RegExp(`(?:^|; )${POSTED_COOKIE}=(\\d+)`).exec(document.cookie)?.[1] ?? null;
}
