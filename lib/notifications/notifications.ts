// A member's notifications: replies to their comments, mentions of them, staff decisions on
// their comments (with the reason), and reports of theirs that led to action. Only what the
// member can see is listed: a reply or mention that is no longer visible (hidden, removed,
// held, deleted) is not shown.
import 'server-only';
import { z } from 'zod';
import { visibleArticleSql } from '../articles/visibility.ts';
import { Prisma } from '../generated/prisma/client.ts';
import type { Db } from '../db/client.ts';
import { invalid } from '../errors.ts';
import { assertCan, type Actor } from '../policy.ts';
import { decodeCursor, encodeCursor, zId, zInstant } from '../threads/cursor.ts';

const PAGE = 20;
const cursorShape = z.object({ t: zInstant, i: zId }).strict();

export const NOTIFICATION_TYPES = ['reply', 'mention', 'moderation', 'report_upheld'] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export interface NotificationView {
  id: number;
  type: NotificationType;
  createdAt: Date;
  read: boolean;
  actor: { username: string; displayName: string } | null;
  comment: { id: number; excerpt: string; articleSlug: string; articleTitle: string } | null;
  /** For a staff decision: what was decided and why. */
  moderation?: { action: string; reason: string | null };
}

/** Which notifications a member may see (SQL on `n`, joined with `c`, its comment). */
const SHOWN = Prisma.sql`(n.type IN ('report_upheld', 'moderation') OR c.status = 'visible')`;

export async function listNotifications(prisma: Db, actor: Actor | null, cursor?: string | null) {
  assertCan(actor, 'account:read');
  const after = cursor ? decodeCursor(cursor, cursorShape) : null;
  const rows = await prisma.$queryRaw<
    { id: number; type: string; data: { action?: string; reason?: string | null } | null; created_at: Date; read_at: Date | null; username: string | null; display_name: string | null; comment_id: number | null; body: string | null; slug: string | null; title: string | null }[]
  >`
    SELECT n.id, n.type, n.data, n.created_at, n.read_at, u.username, u.display_name, c.id AS comment_id,
           CASE WHEN c.status = 'visible' OR (n.type = 'moderation' AND c.status <> 'deleted') THEN left(c.body, 140) ELSE NULL END AS body,
           a.slug, a.title
    FROM notifications n
    LEFT JOIN comments c ON c.id = n.comment_id
    LEFT JOIN articles a ON a.id = c.article_id AND ${visibleArticleSql()}
    LEFT JOIN users u ON u.id = n.actor_id
    WHERE n.user_id = ${actor.id} AND ${SHOWN}
      ${after ? Prisma.sql`AND (n.created_at, n.id) < (${after.t}, ${after.i})` : Prisma.empty}
    ORDER BY n.created_at DESC, n.id DESC
    LIMIT ${PAGE + 1}`;
  const page = rows.slice(0, PAGE);
  const last = page.at(-1);
  return {
    items: page.map(
      (r): NotificationView => ({
        id: r.id,
        type: (NOTIFICATION_TYPES as readonly string[]).includes(r.type) ? (r.type as NotificationType) : 'reply',
        createdAt: r.created_at,
        read: r.read_at !== null,
        actor: r.username ? { username: r.username, displayName: r.display_name! } : null,
        comment: r.comment_id && r.slug ? { id: r.comment_id, excerpt: r.body ?? '', articleSlug: r.slug, articleTitle: r.title! } : null,
        ...(r.type === 'moderation' ? { moderation: { action: r.data?.action ?? '', reason: r.data?.reason ?? null } } : {}),
      }),
    ),
    nextCursor: rows.length > PAGE && last ? encodeCursor({ t: last.created_at.toISOString(), i: last.id }) : null,
  };
}

/** Marks the given notifications read (all when no ids are given); returns how many changed. */
export async function markNotificationsRead(prisma: Db, actor: Actor | null, ids?: unknown) {
  assertCan(actor, 'account:read');
  const list = ids === undefined || ids === null ? null : Array.isArray(ids) && ids.length <= 1000 && ids.every((i) => Number.isSafeInteger(i) && i > 0 && i <= 2 ** 31 - 1) ? (ids as number[]) : undefined;
  if (list === undefined) throw invalid({ ids: 'ids_invalid' });
  return prisma.$executeRaw`
    UPDATE notifications SET read_at = now()
    WHERE user_id = ${actor.id} AND read_at IS NULL ${list ? Prisma.sql`AND id = ANY(${list}::int[])` : Prisma.empty}`;
}

export async function unreadCount(prisma: Db, actorId: number): Promise<number> {
  const [r] = await prisma.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM notifications n LEFT JOIN comments c ON c.id = n.comment_id
    WHERE n.user_id = ${actorId} AND n.read_at IS NULL AND ${SHOWN}`;
  return r.n;
}
