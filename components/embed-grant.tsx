'use client';

import { useEffect } from 'react';

/**
 * The first-party sign-in window of an embedded thread (app/(site)/embed-signin) hands the
 * frame that opened it the one-time code, to this site's origin only, and closes. A component,
 * not a script tag: the window often arrives here by the sign-in form's client-side redirect,
 * where a script tag would not run.
 */
export function EmbedGrant({ code }: { code: string }) {
  useEffect(() => {
    if (!window.opener) return;
    try {
      (window.opener as Window).postMessage({ yilun: 'grant', code }, location.origin);
    } catch {
      return;
    }
    const timer = setTimeout(() => window.close(), 300);
    return () => clearTimeout(timer);
  }, [code]);
  return null;
}
