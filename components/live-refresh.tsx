'use client';

import { startTransition, useEffect } from 'react';
import { useRouter } from 'next/navigation';
import { markPosted } from './mark-posted.ts';
import { POSTED_COOKIE } from '@/lib/posted-cookie.ts';

/**
 * On a member's page (which React renders), /live.js asks for news to be shown in place by
 * dispatching `yilun:refresh`: the page is rendered again on the server and merged in, so a
 * reply appears under its comment while forms keep what is typed in them.
 */
export function LiveRefresh() {
  const router = useRouter();
  // A comment just posted from the members' shared page, after which this page was loaded
  // afresh for its author: marked, focused, and named in the address.
  useEffect(() => {
    const posted = new RegExp(`(?:^|; )${POSTED_COOKIE}=(\\d+)`).exec(document.cookie)?.[1];
    if (!posted) return;
    document.cookie = `${POSTED_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax`;
    if (!document.getElementById(`c${posted}`)) return;
    history.replaceState(history.state, '', `${location.pathname}${location.search}#c${posted}`);
    markPosted(posted);
  }, []);
  useEffect(() => {
    const refresh = () => startTransition(() => router.refresh());
    document.addEventListener('yilun:refresh', refresh);
    return () => document.removeEventListener('yilun:refresh', refresh);
  }, [router]);
  return null;
}
