import { NextResponse, type NextRequest } from 'next/server';
import { db } from '@/lib/db/client.ts';
import { currentMember } from '@/lib/auth/current-member.ts';
import { handle } from '@/lib/api/errors.ts';
import { listNotifications, unreadCount } from '@/lib/notifications/notifications.ts';

/**
 * GET /api/v1/notifications?cursor= → { items, nextCursor, unread }, newest first. type is reply,
 * mention, moderation (with { action, reason }) or report_upheld.
 */
export const GET = handle(async (req: NextRequest) => {
  const member = await currentMember();
  const cursor = req.nextUrl.searchParams.get('cursor') || null;
  const page = await listNotifications(db(), member, cursor);
  return NextResponse.json(
    {
      items: page.items.map((n) => ({
        id: n.id,
        type: n.type,
        createdAt: n.createdAt.toISOString(),
        read: n.read,
        actor: n.actor,
        ...(n.moderation ? { moderation: n.moderation } : {}),
        comment: n.comment && { id: n.comment.id, excerpt: n.comment.excerpt, article: { slug: n.comment.articleSlug, title: n.comment.articleTitle } },
      })),
      nextCursor: page.nextCursor,
      unread: await unreadCount(db(), member!.id),
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
});
