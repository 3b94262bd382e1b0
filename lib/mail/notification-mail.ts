// Notifications by mail, for a member who has not read them in the app: one mail each
// (`each`), or one a day with all of them (`digest`, the default), or none (`off`). Taken by
// the mail worker of any process (mailNotifications, claimed with SKIP LOCKED so no two
// processes take one notification), queued in the outbox in the same transaction.
//
// Never for a comment the member can no longer see (a reply or mention hidden, removed, held
// or deleted since; an article taken down): those are passed over. Nothing goes to an address
// that is not verified or that bounced, nor to a banned or deleted member. Every message
// carries List-Unsubscribe with one-click unsubscribe (RFC 8058): lib/mail/unsubscribe.ts.
import type { Db } from '../db/client.ts';
import { visibleArticleSql } from '../articles/visibility.ts';
import { isLocale, type Locale } from '@/i18n/locales.ts';
import { translator } from '../i18n/translate.ts';
import { env } from '../env.ts';
import { invalid } from '../errors.ts';
import { assertCan, type Actor } from '../policy.ts';
import { queueMail, wakeMailer } from './outbox.ts';
import { notificationsMail, type MailedNotification } from './compose.ts';
import { unsubscribeLink } from './unsubscribe.ts';

type Tx = Pick<Db, '$queryRaw' | '$executeRaw' | '$transaction'>;

export const MAIL_MODES = ['off', 'each', 'digest'] as const;
export type MailMode = (typeof MAIL_MODES)[number];

/** How long a notification waits to be read in the app before it is mailed (YILUN_MAIL_NOTIFY_AFTER, 10 minutes). */
const unreadFor = () => `${env().YILUN_MAIL_NOTIFY_AFTER} seconds`;
/** How far back a notification may still be mailed (a member who turns mail on is not sent a year of them). */
const AT_MOST = '7 days';
const BATCH = 200;

/** Where links in mail point when no request is there to ask: YILUN_PUBLIC_URL, else this server. */
export function mailOrigin(): string {
  const e = env();
  return e.YILUN_PUBLIC_URL?.replace(/\/$/, '') ?? `http://localhost:${e.PORT}`;
}

interface Row {
  id: number;
  user_id: number;
  type: string;
  data: { action?: string; reason?: string | null } | null;
  created_at: Date;
  mode: MailMode;
  email: string;
  locale: string | null;
  display_name: string;
  actor_name: string | null;
  comment_id: number | null;
  body: string | null;
  slug: string | null;
  title: string | null;
  shown: boolean;
}

/**
 * One pass: takes the due notifications (unread for YILUN_MAIL_NOTIFY_AFTER seconds, of members who want mail and
 * may get it), queues their mail, and marks them taken. Returns how many messages were queued.
 * `unreadFor` is for tests.
 */
export async function mailNotifications(prisma: Tx, opts: { unreadFor?: string; origin?: string } = {}): Promise<number> {
  const after = opts.unreadFor ?? unreadFor();
  const origin = opts.origin ?? mailOrigin();
  const queued = await prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<Row[]>`
      WITH due AS (
        SELECT n.id FROM notifications n JOIN users u ON u.id = n.user_id
        WHERE n.read_at IS NULL AND n.mailed_at IS NULL
          AND n.created_at < now() - ${after}::interval AND n.created_at > now() - ${AT_MOST}::interval
          AND u.email_verified_at IS NOT NULL AND u.email_bounced_at IS NULL AND u.deleted_at IS NULL AND u.status <> 'banned'
          AND (u.mail_notifications = 'each'
               OR (u.mail_notifications = 'digest' AND (u.digest_sent_at IS NULL OR u.digest_sent_at < now() - interval '23 hours 50 minutes')))
        ORDER BY n.user_id, n.id
        LIMIT ${BATCH}
        FOR UPDATE OF n SKIP LOCKED
      ),
      taken AS (UPDATE notifications n SET mailed_at = now() FROM due WHERE n.id = due.id RETURNING n.*)
      SELECT t.id, t.user_id, t.type, t.data, t.created_at, u.mail_notifications AS mode, u.email, u.locale, u.display_name,
             au.display_name AS actor_name, c.id AS comment_id,
             CASE WHEN c.status = 'visible' OR (t.type = 'moderation' AND c.status <> 'deleted') THEN left(c.body, 140) ELSE NULL END AS body,
             a.slug, a.title,
             (t.type IN ('report_upheld', 'moderation') OR c.status = 'visible') AND (c.id IS NULL OR a.id IS NOT NULL) AS shown
      FROM taken t
      JOIN users u ON u.id = t.user_id
      LEFT JOIN users au ON au.id = t.actor_id
      LEFT JOIN comments c ON c.id = t.comment_id
      LEFT JOIN articles a ON a.id = c.article_id AND ${visibleArticleSql()}
      ORDER BY t.user_id, t.created_at, t.id`;
    const byMember = new Map<number, Row[]>();
    for (const r of rows) if (r.shown) byMember.set(r.user_id, [...(byMember.get(r.user_id) ?? []), r]);
    let n = 0;
    const digests: number[] = [];
    for (const [userId, list] of byMember) {
      const first = list[0];
      const locale: Locale = first.locale && isLocale(first.locale) ? first.locale : 'zh-CN';
      const items = list.map((r) => describe(locale, r, origin));
      const unsubscribe = unsubscribeLink(origin, userId);
      const headers = { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
      const groups = first.mode === 'each' ? items.map((i) => [i]) : [items];
      for (const group of groups) {
        await queueMail(tx, { userId, to: first.email, kind: first.mode === 'each' ? 'notification' : 'digest', headers, ...notificationsMail(locale, { name: first.display_name, items: group, digest: first.mode === 'digest', settings: `${origin}/settings#s-mail`, unsubscribe }) });
        n++;
      }
      if (first.mode === 'digest') digests.push(userId);
    }
    if (digests.length) await tx.$executeRaw`UPDATE users SET digest_sent_at = now() WHERE id = ANY(${digests}::int[])`;
    return n;
  });
  if (queued) wakeMailer();
  return queued;
}

function describe(locale: Locale, r: Row, origin: string): MailedNotification {
  const t = translator(locale);
  const what =
    r.type === 'reply'
      ? t('notifications.reply', { name: r.actor_name ?? '' })
      : r.type === 'mention'
        ? t('notifications.mention', { name: r.actor_name ?? '' })
        : r.type === 'moderation'
          ? [t('notifications.moderation', { action: r.data?.action ?? '' }), r.data?.reason ? t('notifications.reason', { reason: r.data.reason }) : null].filter(Boolean).join(' · ')
          : t('notifications.reportUpheld');
  return {
    what,
    where: r.title ? t('notifications.inArticle', { title: r.title }) : null,
    excerpt: r.body,
    link: r.comment_id && r.slug ? `${origin}/articles/${encodeURIComponent(r.slug)}/comments/${r.comment_id}#c${r.comment_id}` : `${origin}/notifications`,
  };
}

/** The member's choice, from settings. */
export async function setMailMode(prisma: Pick<Db, '$executeRaw'>, actor: Actor | null, mode: unknown): Promise<MailMode> {
  assertCan(actor, 'account:write');
  if (typeof mode !== 'string' || !(MAIL_MODES as readonly string[]).includes(mode)) throw invalid({ mode: 'mail_mode' });
  await prisma.$executeRaw`UPDATE users SET mail_notifications = ${mode} WHERE id = ${actor.id}`;
  return mode as MailMode;
}

// The sweep of this process: every minute, or sooner when notifications wait less (instrumentation.ts).
let sweep: NodeJS.Timeout | null = null;
export function startNotificationMail(prisma: Tx, log: (err: unknown) => void): void {
  if (sweep) return;
  let busy = false;
  sweep = setInterval(() => {
    if (busy) return;
    busy = true;
    mailNotifications(prisma)
      .catch(log)
      .finally(() => (busy = false));
  }, Math.min(60, Math.max(2, env().YILUN_MAIL_NOTIFY_AFTER)) * 1000);
  sweep.unref();
}
