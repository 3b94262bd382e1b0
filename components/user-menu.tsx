import { queueCounts } from '@/lib/moderation/queue.ts';
import { getTranslations } from 'next-intl/server';
import { signOutAction, signOutEverywhereAction } from '@/app/actions/auth.ts';
import { currentMember } from '@/lib/auth/current-member.ts';
import { db } from '@/lib/db/client.ts';
import { unreadCount } from '@/lib/notifications/notifications.ts';
import { can } from '@/lib/policy.ts';
import type { Locale } from '@/i18n/locales.ts';
import { SignedOutLinks } from './site-frame.tsx';
import { BellIcon, ShieldIcon } from './icons.tsx';
import { headers } from 'next/headers';
import { signOutReturnPath } from '@/lib/safe-return.ts';

export async function UserMenu({ locale }: { locale: Locale }) {
  const member = await currentMember();
  if (!member) return <SignedOutLinks locale={locale} />;
  const t = await getTranslations({ locale, namespace: 'auth' });
  const returnTo = signOutReturnPath((await headers()).get('x-return-to'));
  return (
    <>
    <details className="user-menu signed-in">
      <summary>{t('signedInAs', { name: member.displayName })}</summary>
      <div className="menu">
        <a href={`/u/${encodeURIComponent(member.username)}`}>{t('profile')}</a>
        <a href="/settings">{t('settings')}</a>
        <form action={signOutAction}>
          <input type="hidden" name="returnTo" value={returnTo} />
          <button type="submit">{t('signOut')}</button>
        </form>
        <form action={signOutEverywhereAction}>
          <button type="submit">{t('signOutEverywhere')}</button>
        </form>
      </div>
    </details>
    </>
  );
}

/** What waits for a member, always in sight in the header: notifications, and the queue for staff. */
export async function MemberAlerts({ locale }: { locale: Locale }) {
  const member = await currentMember();
  if (!member) return null;
  const tm = await getTranslations({ locale, namespace: 'mod' });
  const tn = await getTranslations({ locale, namespace: 'notifications' });
  const unread = await unreadCount(db(), member.id);
  // Staff see how much waits in the queue (reported and held), on every page.
  const open = can(member, 'mod:queue') ? await queueCounts(db()).then((c) => c.reported + c.held) : 0;
  return (
    <div className="alerts">
      {/* Each link's name is its visible text and count, with the words a count needs. */}
      <a className="notifications-link" href="/notifications">
        <BellIcon />
        <span className="alert-text">{tn('nav')}</span>
        {unread ? (
          <>
            {' '}
            <span className="count">{unread}</span>
            <span className="visually-hidden">{tn('unreadSuffix')}</span>
          </>
        ) : null}
      </a>
      {can(member, 'mod:queue') ? (
        <a className="mod-link" href="/mod">
          <ShieldIcon />
          <span className="alert-text">{tm('nav')}</span>
          {' '}
          <span className="count" data-queue-count="open">
            {open}
          </span>
          <span className="visually-hidden">{tm('openSuffix')}</span>
        </a>
      ) : null}
    </div>
  );
}
