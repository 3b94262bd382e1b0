'use client';

import { useEffect, useState } from 'react';
import { useHydrated } from './use-hydrated.ts';
import { AccountMenu, NotificationsLink } from './account-menu.tsx';
import { loadMe, type Me } from './me.ts';


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
    <AccountMenu
      summary={m ? labels.signedInAs.replace('{name}', m.displayName) : labels.account}
      username={m?.username ?? null}
      // Back to this page after signing out (the page is the same for every reader).
      returnTo={hydrated ? `${location.pathname}${location.search}` : null}
      labels={labels}
    />
  );
}

/** The notifications link, with the unread count once known. */
export function ShellAlerts({ labels }: { labels: ShellHeaderLabels }) {
  const m = useMe();
  return (
    <div className="alerts">
      <NotificationsLink unread={m?.unread ?? 0} label={labels.notifications} unreadSuffix={labels.unreadSuffix} />
    </div>
  );
}
