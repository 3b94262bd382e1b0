import { queueCounts } from '@/lib/moderation/queue.ts';
import { QueueCount } from './queue-live.tsx';
import { getTranslations } from 'next-intl/server';
import { currentMember } from '@/lib/auth/current-member.ts';
import { db } from '@/lib/db/client.ts';
import { unreadCount } from '@/lib/notifications/notifications.ts';
import { can } from '@/lib/policy.ts';
import type { Locale } from '@/i18n/locales.ts';
import { SignedOutLinks } from './site-frame.tsx';
import { ShieldIcon } from './icons.tsx';
import { AccountMenu, NotificationsLink } from './account-menu.tsx';
import { headers } from 'next/headers';
import { signOutReturnPath } from '@/lib/safe-return.ts';

export async function UserMenu({ locale }: { locale: Locale }) {
  const member = await currentMember();
  if (!member) return <SignedOutLinks locale={locale} />;
  const t = await getTranslations({ locale, namespace: 'auth' });
  const returnTo = signOutReturnPath((await headers()).get('x-return-to'));
  return (
    <AccountMenu
      summary={t('signedInAs', { name: member.displayName })}
      username={member.username}
      returnTo={returnTo}
      labels={{ profile: t('profile'), settings: t('settings'), signOut: t('signOut'), signOutEverywhere: t('signOutEverywhere') }}
    />
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
      <NotificationsLink unread={unread} label={tn('nav')} unreadSuffix={tn('unreadSuffix')} />
      {can(member, 'mod:queue') ? (
        <a className="mod-link" href="/mod">
          <ShieldIcon />
          <span className="alert-text">{tm('nav')}</span>
          {' '}
          {/* An empty queue shows no number (no red "0"): hidden by CSS while it is 0. */}
          <QueueCount kind="open" initial={open} className="count" />
          <span className="visually-hidden">{tm('openSuffix')}</span>
        </a>
      ) : null}
    </div>
  );
}
