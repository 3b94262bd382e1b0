'use client';

import { useEffect, useState } from 'react';
import { signOutAction, signOutEverywhereAction } from '@/app/actions/auth.ts';
import { useHydrated } from './use-hydrated.ts';
import { BellIcon } from './icons.tsx';

interface Me {
  username: string;
  displayName: string;
  unread: number;
}

// One request per page load, shared by the header's two parts.
let me: Promise<Me | null> | null = null;
const loadMe = () =>
  (me ??= fetch('/api/v1/me', { credentials: 'same-origin', cache: 'no-store' }).then(
    (r) => (r.ok ? (r.json() as Promise<Me>) : null),
    () => null,
  ));

function useMe(): Me | null {
  const [value, setValue] = useState<Me | null>(null);
  useEffect(() => {
    let live = true;
    void loadMe().then((m) => live && setValue(m));
    return () => {
      live = false;
    };
  }, []);
  return value;
}

export interface ShellHeaderLabels {
  /** "已登录：{name}" */
  signedInAs: string;
  /** "已登录": the summary until the name is known. */
  account: string;
  profile: string;
  settings: string;
  signOut: string;
  signOutEverywhere: string;
  notifications: string;
  unreadSuffix: string;
}

/**
 * The member's corner of the header on the members' shared thread page (app/shell): the page
 * is the same for every member, so their name and notifications come from GET /api/v1/me
 * once it has loaded. Until then (and without JavaScript) it reads "已登录", with the links and
 * the sign-out that need no name.
 */
export function ShellAccount({ labels }: { labels: ShellHeaderLabels }) {
  const m = useMe();
  const hydrated = useHydrated();
  return (
    <details className="user-menu signed-in">
      <summary>{m ? labels.signedInAs.replace('{name}', m.displayName) : labels.account}</summary>
      <div className="menu">
        {m ? <a href={`/u/${encodeURIComponent(m.username)}`}>{labels.profile}</a> : null}
        <a href="/settings">{labels.settings}</a>
        <form action={signOutAction}>
          {/* Back to this page after signing out (the page is the same for every reader). */}
          {hydrated ? <input type="hidden" name="returnTo" value={`${location.pathname}${location.search}`} /> : null}
          <button type="submit">{labels.signOut}</button>
        </form>
        <form action={signOutEverywhereAction}>
          <button type="submit">{labels.signOutEverywhere}</button>
        </form>
      </div>
    </details>
  );
}

/** The notifications link, with the unread count once known. */
export function ShellAlerts({ labels }: { labels: ShellHeaderLabels }) {
  const m = useMe();
  return (
    <div className="alerts">
      <a className="notifications-link" href="/notifications">
        <BellIcon />
        <span className="alert-text">{labels.notifications}</span>
        {m?.unread ? (
          <>
            {' '}
            <span className="count">{m.unread}</span>
            <span className="visually-hidden">{labels.unreadSuffix}</span>
          </>
        ) : null}
      </a>
    </div>
  );
}
