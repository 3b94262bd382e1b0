'use client';

import { startTransition, useEffect } from 'react';
import { useRouter } from 'next/navigation';

/**
 * On a member's page (which React renders), /live.js asks for news to be shown in place by
 * dispatching `yilun:refresh`: the page is rendered again on the server and merged in, so a
 * reply appears under its comment while forms keep what is typed in them.
 */
export function LiveRefresh() {
  const router = useRouter();
  useEffect(() => {
    const refresh = () => startTransition(() => router.refresh());
    document.addEventListener('yilun:refresh', refresh);
    return () => document.removeEventListener('yilun:refresh', refresh);
  }, [router]);
  return null;
}
