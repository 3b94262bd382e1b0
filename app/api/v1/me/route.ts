import { NextResponse, type NextRequest } from 'next/server';
import { db } from '@/lib/db/client.ts';
import { currentMember } from '@/lib/auth/current-member.ts';
import { handle } from '@/lib/api/errors.ts';
import { DomainError } from '@/lib/errors.ts';
import { unreadCount } from '@/lib/notifications/notifications.ts';
import { isStaff } from '@/lib/policy.ts';
import { plausibleSlug } from '@/lib/articles/visibility.ts';
import { personalThread } from '@/lib/threads/personal.ts';

/**
 * GET /api/v1/me → who is signed in: `{ username, displayName, role, staff, unread }` (unread
 * notifications), or 401. With `?article=SLUG` also `thread: { liked, own, counts? }`: the
 * comments of that thread the member likes, their own comments with what they may do with each,
 * and the exact counts of those whose like they changed lately (lib/threads/personal.ts). The members' shared thread pages fill their header and their
 * member's marks and controls from it.
 */
export const GET = handle(async (req: NextRequest) => {
  const member = await currentMember();
  if (!member) throw new DomainError(401, 'unauthenticated');
  const slug = req.nextUrl.searchParams.get('article');
  const [unread, thread] = await Promise.all([
    unreadCount(db(), member.id),
    slug !== null && plausibleSlug(slug) ? personalThread(db(), member, slug) : undefined,
  ]);
  return NextResponse.json(
    { username: member.username, displayName: member.displayName, role: member.role, staff: isStaff(member), unread, ...(thread ? { thread } : {}) },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
});
