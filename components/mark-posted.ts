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

/**
 * After a write from the members' shared page: the page loads afresh at comment `id`,
 * rendered for its author once (the posted cookie sends it past the shared render, so the
 * write is on it whichever process answers), and that comment takes the focus.
 */
export function reloadAt(id: number | string): void {
  document.cookie = `${POSTED_COOKIE}=${id}; Path=/; Max-Age=60; SameSite=Lax`;
  history.replaceState(history.state, '', `${location.pathname}${location.search}#c${id}`);
  location.reload();
}
