import type { Metadata } from 'next';
import { Pager, parseTrail } from '@/components/pager.tsx';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { markAllReadAction } from '@/app/actions/notifications.ts';
import { ChinaTime, renderTime } from '@/components/china-time.tsx';
import { currentMember } from '@/lib/auth/current-member.ts';
import { db } from '@/lib/db/client.ts';
import { listNotifications, markNotificationsRead, type NotificationView } from '@/lib/notifications/notifications.ts';
import { loadOrFirstPage } from '@/lib/threads/cursor.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('notifications'))('title'), robots: { index: false } };
}

/** A member's notifications, newest first; the ones shown here are read from now on. */
export default async function NotificationsPage({ searchParams }: PageProps<'/notifications'>) {
  const member = await currentMember();
  if (!member) redirect('/signin?callbackUrl=/notifications');
  const { cursor, trail } = await searchParams;
  const prisma = db();
  const page = await loadOrFirstPage(typeof cursor === 'string' ? cursor : null, (c) => listNotifications(prisma, member, c));
  const unread = page.items.filter((n) => !n.read).map((n) => n.id);
  if (unread.length) await markNotificationsRead(prisma, member, unread);
  const t = await getTranslations('notifications');
  // Times read as how long ago, as of this render (the exact time in each tooltip).
  const now = await renderTime();
  const what = (n: NotificationView) =>
    n.type === 'reply'
      ? t('reply', { name: n.actor?.displayName ?? '' })
      : n.type === 'mention'
        ? t('mention', { name: n.actor?.displayName ?? '' })
        : n.type === 'moderation'
          ? [t('moderation', { action: n.moderation?.action ?? '' }), n.moderation?.reason ? t('reason', { reason: n.moderation.reason }) : null].filter(Boolean).join(' · ')
          : t('reportUpheld');
  return (
    <>
      <h1>{t('title')}</h1>
      <form action={markAllReadAction}>
        <button type="submit">{t('markAll')}</button>
      </form>
      {page.items.length === 0 ? (
        <p>{t('empty')}</p>
      ) : (
        <ol className="notifications">
          {page.items.map((n) => (
            <li key={n.id} className={n.read ? 'read' : 'unread'} data-notification-type={n.type}>
              {!n.read ? <strong className="badge">{t('unread')}</strong> : null}{' '}
              {n.comment ? (
                <a href={`/articles/${n.comment.articleSlug}/comments/${n.comment.id}#c${n.comment.id}`}>{what(n)}</a>
              ) : (
                what(n)
              )}{' '}
              {/* When first, then where: the time leads its line and is never left alone on one. */}
              <span className="meta">
                <span className="when">
                  <ChinaTime date={n.createdAt} now={now} />
                </span>
                {n.comment ? <span>{t('inArticle', { title: n.comment.articleTitle })}</span> : null}
              </span>
              {n.comment?.excerpt ? <blockquote>{n.comment.excerpt}</blockquote> : null}
            </li>
          ))}
        </ol>
      )}
      <Pager base="/notifications" cursor={page.firstPage ? null : (cursor as string)} nextCursor={page.nextCursor} trail={parseTrail(trail)} />
    </>
  );
}
