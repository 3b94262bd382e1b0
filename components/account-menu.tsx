// The signed-in member's corner of the header, as markup only: the page rendered for a member
// (components/user-menu.tsx) and the members' shared page (components/shell-header.tsx, which
// learns the name in the browser) both draw it with this.
import { signOutAction, signOutEverywhereAction } from '@/app/actions/auth.ts';
import { BellIcon } from './icons.tsx';

export function AccountMenu({ summary, username, returnTo, labels }: {
  summary: string;
  /** For the profile link (null until known). */
  username: string | null;
  /** Where sign-out comes back to (null: the page it was asked from, by its Referer). */
  returnTo: string | null;
  labels: { profile: string; settings: string; signOut: string; signOutEverywhere: string };
}) {
  return (
    <details className="user-menu signed-in">
      <summary>{summary}</summary>
      <div className="menu">
        {username !== null ? <a href={`/u/${encodeURIComponent(username)}`}>{labels.profile}</a> : null}
        <a href="/settings">{labels.settings}</a>
        <form action={signOutAction}>
          {returnTo !== null ? <input type="hidden" name="returnTo" value={returnTo} /> : null}
          <button type="submit">{labels.signOut}</button>
        </form>
        <form action={signOutEverywhereAction}>
          <button type="submit">{labels.signOutEverywhere}</button>
        </form>
      </div>
    </details>
  );
}

/** The notifications link; its name is its visible text and count, with the words a count needs. */
export function NotificationsLink({ unread, label, unreadSuffix }: { unread: number; label: string; unreadSuffix: string }) {
  return (
    <a className="notifications-link" href="/notifications">
      <BellIcon />
      <span className="alert-text">{label}</span>
      {unread ? (
        <>
          {' '}
          <span className="count">{unread}</span>
          <span className="visually-hidden">{unreadSuffix}</span>
        </>
      ) : null}
    </a>
  );
}
