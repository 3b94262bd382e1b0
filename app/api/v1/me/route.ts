import { NextResponse } from 'next/server';
import { db } from '@/lib/db/client.ts';
import { currentMember } from '@/lib/auth/current-member.ts';
import { handle } from '@/lib/api/errors.ts';
import { DomainError } from '@/lib/errors.ts';
import { unreadCount } from '@/lib/notifications/notifications.ts';
import { isStaff } from '@/lib/policy.ts';

/**
 * GET /api/v1/me → who is signed in: `{ username, displayName, role, unread }` (unread
 * notifications), or 401. The members' shared thread pages fill their header from it.
 */
export const GET = handle(async () => {
  const member = await currentMember();
  if (!member) throw new DomainError(401, 'unauthenticated');
  return NextResponse.json(
    { username: member.username, displayName: member.displayName, role: member.role, staff: isStaff(member), unread: await unreadCount(db(), member.id) },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
});
